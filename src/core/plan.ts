import type { RemoteEndpoint, ThinkingStyle } from './endpoint';
import { validatePlan } from './generated/validators';
import { parseEvaluateConfig, type EvaluateConfig } from './evaluate-plan';
import { canonicalJson, fnv1a } from './hash';
import { plainSchemaProblem, summarise, type ImportProblem } from './import-problems';
import type { Suite } from './suite';
import { checked } from './suite-import';
import { targetKey, type Target } from './target';

export const PLAN_FORMAT = 'qwenfit-plan';
/** Plans are small: a suite with images is the largest thing one holds. */
export const MAX_PLAN_BYTES = 20 * 1024 * 1024;

/** An endpoint as a plan names it: where and how to reach it, never its key. */
export interface PlanEndpoint {
  id: string;
  name: string;
  baseUrl: string;
  presetId: string;
  models: string[];
  useProxy?: boolean;
  thinking?: string;
}

/** An evaluation's whole set-up, enough to run it again here, in another browser or headless. */
export interface Plan {
  format: typeof PLAN_FORMAT;
  version: 1;
  name: string;
  suite: { id: string; name: string; hash: string; content?: Suite };
  evaluation: EvaluateConfig;
  endpoints: PlanEndpoint[];
}

export type PlanCheck = { ok: true; plan: Plan } | { ok: false; errors: string[]; problems: ImportProblem[] };

// Compiled ahead of time from docs/plan.schema.json (scripts/generate-validators.ts).
const validate = validatePlan;

/** What decides a suite's results: its id and tasks (not its name or when it was saved). */
export function suiteHash(suite: Pick<Suite, 'id' | 'tasks'>): string {
  return fnv1a(canonicalJson({ id: suite.id, tasks: suite.tasks }));
}

const remoteIds = (targets: readonly (Target | null)[]) =>
  targets.flatMap((t) => (t?.kind === 'remote' ? [t.endpointId] : []));

/** The plan of an evaluation set-up: its suite (with the tasks when not built in) and the endpoints it uses. */
export function buildPlan(
  config: EvaluateConfig,
  suite: Suite,
  endpoints: readonly RemoteEndpoint[],
  builtin: boolean,
): Plan {
  const used = remoteIds([...config.candidates.map((c) => c.target), config.judge]);
  return {
    format: PLAN_FORMAT,
    version: 1,
    name: `Evaluate · ${suite.name}`,
    suite: { id: suite.id, name: suite.name, hash: suiteHash(suite), ...(builtin ? {} : { content: suite }) },
    evaluation: config,
    endpoints: endpoints
      .filter((e) => used.includes(e.id))
      .map((e) => ({
        id: e.id,
        name: e.name,
        baseUrl: e.baseUrl,
        presetId: e.presetId,
        models: [...e.models],
        useProxy: e.useProxy,
        thinking: e.thinking,
      })),
  };
}

/**
 * What makes two runs the same plan, so one can be the other's baseline: the suite's
 * content, the candidates (as a set of targets), repeats, token cap, judge and stress with
 * its seed. Not the workload or thresholds: they judge results, they do not change them.
 */
export function planKey(plan: Pick<Plan, 'suite' | 'evaluation'>): string {
  const e = plan.evaluation;
  return fnv1a(
    canonicalJson({
      suite: plan.suite.hash,
      candidates: e.candidates.map((c) => targetKey(c.target)).sort(),
      repeats: e.repeats,
      cap: e.maxTokensCap,
      judge: e.judge ? targetKey(e.judge) : null,
      stress: e.stress,
    }),
  );
}

/** The environment variable a headless run reads an endpoint's API key from. */
export function keyVariable(endpointId: string): string {
  return `QWENFIT_KEY_${endpointId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** What the schema cannot say: the parts agree with each other. */
function semanticProblems(plan: Plan): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const e = plan.evaluation;
  if (e.suiteId !== plan.suite.id)
    problems.push({
      path: '/evaluation/suiteId',
      message: `should be the suite's id "${plan.suite.id}" (it is "${e.suiteId}")`,
    });
  e.candidates.forEach((c, i) => {
    if (e.candidates.findIndex((x) => x.id === c.id) !== i)
      problems.push({ path: `/evaluation/candidates/${i}/id`, message: `the id "${c.id}" is used twice` });
  });
  const listed = plan.endpoints.map((x) => x.id);
  const targets: [string, Target | null][] = [
    ...e.candidates.map((c, i): [string, Target] => [`/evaluation/candidates/${i}/target`, c.target]),
    ['/evaluation/judge', e.judge],
  ];
  for (const [path, t] of targets)
    if (t?.kind === 'remote' && !listed.includes(t.endpointId))
      problems.push({
        path: `${path}/endpointId`,
        message: `names the endpoint "${t.endpointId}", which the plan's endpoints do not list`,
      });
  const content = plan.suite.content;
  if (content) {
    const suite = checked(content, '/suite/content');
    if (!suite.ok) problems.push(...suite.errors.map((m) => ({ path: '/suite/content', message: m })));
    else if (content.id !== plan.suite.id)
      problems.push({ path: '/suite/content/id', message: `should be "${plan.suite.id}" like /suite/id` });
    else if (suiteHash(content) !== plan.suite.hash)
      problems.push({
        path: '/suite/hash',
        message: `is ${plan.suite.hash} but the suite's tasks hash to ${suiteHash(content)}: the tasks were edited after the plan was saved`,
      });
  }
  return problems;
}

/** Checks a plan (already parsed JSON): the schema, then what it cannot say. Nothing runs on a refusal. */
export function checkPlan(value: unknown): PlanCheck {
  const refuse = (problems: ImportProblem[]): PlanCheck => ({
    ok: false,
    problems,
    errors: summarise(problems),
  });
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return refuse([{ path: '/', message: 'is not a Qwenfit plan (expected a JSON object)' }]);
  const format = (value as Record<string, unknown>).format;
  if (format === 'qwenfit-results')
    return refuse([{ path: '/format', message: 'this is a results file, not a plan: import it in History' }]);
  if (!validate(value)) return refuse((validate.errors ?? []).map((e) => plainSchemaProblem(e, value)));
  const semantic = semanticProblems(value);
  if (semantic.length) return refuse(semantic);
  const evaluation = parseEvaluateConfig(value.evaluation);
  if (!evaluation) return refuse([{ path: '/evaluation', message: 'cannot be read by this version' }]);
  return { ok: true, plan: { ...value, evaluation } };
}

/** Reads a plan file's text. */
export function parsePlan(text: string): PlanCheck {
  if (text.length > MAX_PLAN_BYTES)
    return {
      ok: false,
      problems: [],
      errors: [`the file is over ${MAX_PLAN_BYTES / 1048576} MB: no plan is`],
    };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, problems: [], errors: [`not valid JSON (${why})`] };
  }
  return checkPlan(value);
}

const THINKING_STYLES: readonly ThinkingStyle[] = ['dashscope', 'chat-template-kwargs', 'none'];

/** An endpoint a plan names that this browser lacks, with the app's defaults for what plans leave out. */
export function endpointFromPlan(e: PlanEndpoint): RemoteEndpoint {
  return {
    id: e.id,
    name: e.name,
    presetId: e.presetId,
    baseUrl: e.baseUrl,
    thinking: THINKING_STYLES.find((t) => t === e.thinking) ?? 'none',
    useProxy: e.useProxy === true,
    connectTimeoutMs: 30_000,
    idleTimeoutMs: 60_000,
    maxRetries: 2,
    models: [...e.models],
  };
}
