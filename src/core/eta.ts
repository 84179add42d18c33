/** One candidate's share of a run's progress. */
export interface CandidateProgress {
  done: number;
  total: number;
}

export interface Progress {
  done: number;
  total: number;
  startedAt: number;
  /** When the last task finished, for the time left. */
  lastAt: number;
  /** Each candidate's tasks: their paces differ, so the time left is reckoned per candidate. */
  byCandidate: Record<string, CandidateProgress>;
}

/** A run's progress before its first task, from the tasks it will run. */
export function startProgress(tasks: readonly { candidateId: string }[], now: number): Progress {
  const byCandidate: Record<string, CandidateProgress> = {};
  for (const t of tasks) (byCandidate[t.candidateId] ??= { done: 0, total: 0 }).total++;
  return { done: 0, total: tasks.length, startedAt: now, lastAt: now, byCandidate };
}

/** The progress once one more of a candidate's tasks finished. */
export function advance(p: Progress, candidateId: string, now: number): Progress {
  const mine = p.byCandidate[candidateId] ?? { done: 0, total: 0 };
  return {
    ...p,
    done: p.done + 1,
    lastAt: now,
    byCandidate: { ...p.byCandidate, [candidateId]: { ...mine, done: mine.done + 1 } },
  };
}

/**
 * Time left in a run whose candidates work side by side: each candidate's remaining tasks
 * at its own pace so far (elapsed / its tasks done), and the run ends with the slowest.
 * A mixed run (a fast endpoint beside a slow on-device model) is not averaged into one
 * rate. Null until every candidate with work left has finished a task.
 */
export function etaMs(elapsedMs: number, candidates: readonly CandidateProgress[]): number | null {
  let longest = 0;
  for (const c of candidates) {
    const left = c.total - c.done;
    if (left <= 0) continue;
    if (c.done === 0) return null;
    longest = Math.max(longest, (elapsedMs / c.done) * left);
  }
  return longest;
}

/** A duration as people read it: 43 s, 2 min 10 s, 1 h 5 min. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}
