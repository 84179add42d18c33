import type { Suite, SuiteTask } from '../../core/suite';
import { GSM8K_ATTRIBUTION, GSM8K_SAMPLE } from './gsm8k';
import { BFCL_ATTRIBUTION, BFCL_SAMPLE, IFEVAL_ATTRIBUTION, IFEVAL_SAMPLE } from './public-sets';
import {
  CODE,
  EXTRACTION,
  GROUNDED_QA,
  AMBIGUITY,
  INSTRUCTIONS,
  LONG_CONTEXT,
  MATH,
  MULTI_TURN,
  TOOL_CALLING,
  TRIAGE,
} from './tasks';

const ATTRIBUTION =
  'Written for Qwenfit (MIT licence), in the style of GSM8K, BFCL and IFEval; no items copied from those sets.';
const DATE = '2026-11-29T00:00:00.000Z';

const suite = (id: string, name: string, description: string, tasks: SuiteTask[]): Suite => ({
  id: `builtin-${id}`,
  name,
  description,
  source: 'built-in',
  attribution: ATTRIBUTION,
  updatedAt: DATE,
  tasks,
});

/** The suites that ship with the app, one per common workload, plus a quick mix of all. */
export const BUILTIN_SUITES: Suite[] = [
  suite(
    'quick',
    'Quick check: one task per workload',
    'A first look across every category in a few minutes.',
    [
      TRIAGE[0],
      EXTRACTION[0],
      TOOL_CALLING[0],
      TOOL_CALLING[3],
      GROUNDED_QA[0],
      CODE[0],
      MATH[0],
      MULTI_TURN[0],
      INSTRUCTIONS[0],
    ].filter((t): t is SuiteTask => t !== undefined),
  ),
  suite(
    'triage',
    'Support triage and classification',
    'Route customer messages to one of five queues.',
    TRIAGE,
  ),
  suite(
    'extraction',
    'JSON extraction',
    'Pull structured fields out of free text, checked against a JSON Schema.',
    EXTRACTION,
  ),
  suite(
    'tools',
    'Tool calling',
    'Pick the right function and arguments, in parallel too, and make no call when none is needed.',
    TOOL_CALLING,
  ),
  suite(
    'grounded-qa',
    'Grounded QA over supplied context',
    'Answer from a policy document only: near-miss facts in the same document, and questions it does not answer (inventing one is a hallucination).',
    GROUNDED_QA,
  ),
  suite('code', 'Code', 'Read, write and debug small snippets.', CODE),
  suite('math', 'Math reasoning', 'Multi-step word problems with a numeric answer.', MATH),
  {
    ...suite(
      'gsm8k',
      'GSM8K sample (10 test problems)',
      'The first ten GSM8K test problems, verbatim, graded on the number after ####.',
      GSM8K_SAMPLE,
    ),
    attribution: GSM8K_ATTRIBUTION,
  },
  suite('long-context', 'Long context', 'Recall one fact from ~3,000 words at three depths.', LONG_CONTEXT),
  suite('multi-turn', 'Multi-turn', 'Remember earlier turns, take corrections, keep a format.', MULTI_TURN),
  suite(
    'ambiguity',
    'Ambiguity (for the ambiguity stress)',
    'Complete requests that name what to leave out: under the ambiguity stress the right reply asks or states an assumption.',
    AMBIGUITY,
  ),
  suite(
    'instructions',
    'Instruction following',
    'IFEval-style verifiable formatting instructions.',
    INSTRUCTIONS,
  ),
  {
    ...suite(
      'bfcl',
      'BFCL sample (10 simple calls, 5 irrelevant)',
      'Berkeley Function Calling Leaderboard items, verbatim: one right call to make, or none when no function fits.',
      BFCL_SAMPLE,
    ),
    attribution: BFCL_ATTRIBUTION,
  },
  {
    ...suite(
      'ifeval',
      'IFEval sample (15 prompts)',
      'IFEval prompts, verbatim, passing only when every verifiable instruction holds (strict).',
      IFEVAL_SAMPLE,
    ),
    attribution: IFEVAL_ATTRIBUTION,
  },
];

/** Ids no stored or imported suite may take. */
export const BUILTIN_SUITE_IDS: ReadonlySet<string> = new Set(BUILTIN_SUITES.map((s) => s.id));
