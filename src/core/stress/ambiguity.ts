import type { SuiteTask } from '../suite';

/**
 * The task with what its annotation names removed from the last user message, graded on
 * asking or stating an assumption instead of on the answer. Null for a task without an
 * ambiguity annotation (what to leave out cannot be guessed safely), or whose message
 * does not hold the words to remove.
 */
export function underspecify(task: SuiteTask): { task: SuiteTask; removed: string } | null {
  const a = task.ambiguity;
  if (!a) return null;
  const messages = task.messages.map((m) => ({ ...m }));
  const last = [...messages].reverse().find((m) => m.role === 'user');
  if (!last || !last.content.includes(a.remove)) return null;
  last.content = last.content
    .replace(a.remove, '')
    .replace(/\s+([?.!,])/g, '$1')
    .replace(/\s{2,}/g, ' ');
  const removed = a.remove.trim().replace(/^(?:in|on|at|for|of|to|from|with)\s+/i, '');
  return {
    task: {
      ...task,
      messages,
      grader: { type: 'clarifies', missing: a.missing, keywords: a.keywords, removed },
    },
    removed: a.remove,
  };
}
