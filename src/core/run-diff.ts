import type { ResultRecord } from './results';

export interface TaskDiff {
  taskId: string;
  a: ResultRecord | null;
  b: ResultRecord | null;
  sameOutput: boolean | null;
  /** b minus a, in ms; null when either side lacks the figure. */
  ttftDeltaMs: number | null;
  decodeDeltaTokensPerS: number | null;
}

const delta = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined ? null : b - a;

/** Two runs side by side, task by task (tasks only in one run included), in task order. */
export function diffRuns(a: readonly ResultRecord[], b: readonly ResultRecord[]): TaskDiff[] {
  const byTask = (rs: readonly ResultRecord[]) => new Map(rs.map((r) => [r.taskId, r]));
  const left = byTask(a);
  const right = byTask(b);
  const tasks = [...new Set([...left.keys(), ...right.keys()])].sort((x, y) =>
    x.localeCompare(y, 'en', { numeric: true }),
  );
  return tasks.map((taskId) => {
    const ra = left.get(taskId) ?? null;
    const rb = right.get(taskId) ?? null;
    return {
      taskId,
      a: ra,
      b: rb,
      sameOutput: ra && rb ? ra.output === rb.output : null,
      ttftDeltaMs: delta(ra?.metrics.ttftMs, rb?.metrics.ttftMs),
      decodeDeltaTokensPerS: delta(ra?.metrics.decodeTokensPerS, rb?.metrics.decodeTokensPerS),
    };
  });
}
