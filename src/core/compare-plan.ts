import type { ComputeDevice } from './engine-types';
import { DEFAULT_SAMPLING, type Sampling } from './sampling';
import { isRecord, isTarget, type Target } from './target';

export const MIN_PANES = 2;
export const MAX_PANES = 4;
export const MAX_REPEATS = 100;

/** Per-pane departures from the shared sampling settings. */
export interface PaneOverrides {
  temperature?: number;
  max_tokens?: number;
  thinking?: Sampling['thinking'];
}

export interface PaneConfig {
  id: string;
  target: Target;
  overrides: PaneOverrides;
}

export interface EarlierTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface CompareConfig {
  version: 1;
  panes: PaneConfig[];
  user: string;
  earlier: EarlierTurn[];
  /** An image (data: URL) sent with the prompt to panes whose model takes images. */
  image: string | null;
  sampling: Sampling;
  /** Measured runs per pane. */
  repeats: number;
  /** One run before the measured ones, marked cold and left out of the statistics. */
  warmup: boolean;
}

/** One generation of a comparison: a pane's warm-up (repeat 0) or a measured repeat. */
export interface CompareTask {
  paneId: string;
  repeat: number;
  taskId: string;
  cold: boolean;
}

export const taskIdOf = (paneId: string, repeat: number) => `${paneId}#${repeat}`;

export function parseTaskId(taskId: string): { paneId: string; repeat: number } | null {
  const m = /^(.+)#(\d+)$/.exec(taskId);
  return m ? { paneId: m[1] as string, repeat: Number(m[2]) } : null;
}

/** Every generation the comparison asks for, pane by pane, warm-up first. */
export function compareTasks(config: CompareConfig): CompareTask[] {
  const first = config.warmup ? 0 : 1;
  return config.panes.flatMap((pane) =>
    Array.from({ length: config.repeats - first + 1 }, (_, i) => {
      const repeat = first + i;
      return { paneId: pane.id, repeat, taskId: taskIdOf(pane.id, repeat), cold: repeat === 0 };
    }),
  );
}

/** What is left to run after an interruption: the tasks with no stored result. */
export function missingTasks(config: CompareConfig, storedTaskIds: Iterable<string>): CompareTask[] {
  const done = new Set(storedTaskIds);
  return compareTasks(config).filter((t) => !done.has(t.taskId));
}

/** The shared settings with this pane's overrides; an emptied override field means "as shared". */
export function paneSampling(shared: Sampling, overrides: PaneOverrides): Sampling {
  const set = Object.entries(overrides).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return { ...shared, ...(Object.fromEntries(set) as PaneOverrides) };
}

export const SAMPLE_PROMPT =
  'In three short bullet points, explain when a small on-device model is a better choice than a large cloud model.';

export interface FirstRunFacts {
  webgpu: boolean;
  online: boolean;
  /** The smallest real Qwen that fits this device, when the catalog has one. */
  smallestFitting: { modelKey: string; device: ComputeDevice } | null;
  /** The first configured endpoint with a model to call. */
  endpoint: { id: string; model: string } | null;
  tinyKey: string;
}

/**
 * The comparison a first-time user lands on: the smallest Qwen that fits against the first
 * endpoint; with nothing configured (or no network to download weights), the tiny offline
 * model against itself on WebGPU and WASM, so one click shows the whole flow working.
 */
export function firstRunPlan(facts: FirstRunFacts): CompareConfig {
  const tiny = (device: ComputeDevice): Target => ({ kind: 'ondevice', modelKey: facts.tinyKey, device });
  const local: Target =
    facts.online && facts.smallestFitting && facts.endpoint
      ? { kind: 'ondevice', ...facts.smallestFitting }
      : tiny(facts.webgpu ? 'webgpu' : 'wasm');
  const other: Target = facts.endpoint
    ? { kind: 'remote', endpointId: facts.endpoint.id, model: facts.endpoint.model }
    : tiny('wasm');
  return {
    version: 1,
    panes: [
      { id: 'a', target: local, overrides: {} },
      { id: 'b', target: other, overrides: {} },
    ],
    user: SAMPLE_PROMPT,
    earlier: [],
    image: null,
    sampling: { ...DEFAULT_SAMPLING },
    repeats: 1,
    warmup: false,
  };
}

/** The next pane id not in use: a, b, c, d. */
export function nextPaneId(panes: readonly PaneConfig[]): string {
  const used = new Set(panes.map((p) => p.id));
  return 'abcdefgh'.split('').find((id) => !used.has(id)) ?? `p${panes.length}`;
}

/** A stored comparison read back, or null when it is not one this version can restore. */
export function parseCompareConfig(v: unknown): CompareConfig | null {
  if (!isRecord(v) || v['version'] !== 1) return null;
  const panes = v['panes'];
  if (!Array.isArray(panes) || panes.length < MIN_PANES || panes.length > MAX_PANES) return null;
  if (!panes.every((p) => isRecord(p) && typeof p['id'] === 'string' && isTarget(p['target']))) return null;
  if (typeof v['user'] !== 'string' || !Array.isArray(v['earlier'])) return null;
  const repeats = v['repeats'];
  if (typeof repeats !== 'number' || !Number.isInteger(repeats) || repeats < 1 || repeats > MAX_REPEATS)
    return null;
  if (!isRecord(v['sampling']) || typeof v['warmup'] !== 'boolean') return null;
  return {
    version: 1,
    panes: (panes as PaneConfig[]).map((p) => ({
      id: p.id,
      target: p.target,
      overrides: { ...p.overrides },
    })),
    user: v['user'],
    earlier: (v['earlier'] as EarlierTurn[]).filter(
      (t) => (t.role === 'user' || t.role === 'assistant') && typeof t.content === 'string',
    ),
    image: typeof v['image'] === 'string' && v['image'].startsWith('data:image/') ? v['image'] : null,
    sampling: { ...DEFAULT_SAMPLING, ...(v['sampling'] as Partial<Sampling>) },
    repeats,
    warmup: v['warmup'],
  };
}
