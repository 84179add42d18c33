import type { ChatMessage } from '../engine-types';
import type { GraderSpec, SuiteTask } from '../suite';
import { pick } from './random';

export type MultiTurnVariant = 'chit-chat' | 'instruction' | 'correction';

const CHAT: readonly [string, string][] = [
  ['Hi! How is your day going?', 'Going well, thanks for asking. How can I help?'],
  ['Do you like rainy weather?', 'I do not have preferences, but many people find rain calming.'],
  ['Can you recommend a good book?', 'Many enjoy "The Little Prince": short and thoughtful.'],
  ['What is a fun fact about octopuses?', 'They have three hearts and blue blood.'],
  ['I just got back from a walk.', 'Nice: a walk is a good way to clear the head.'],
  ['Is tea or coffee better in the morning?', 'Both work; it depends on how much caffeine you like.'],
];

const LOWERCASE = 'For the rest of this conversation, write every reply in lowercase letters only.';

/** The task's own grader plus an instruction given turns earlier that must still hold. */
function withStandingInstruction(g: GraderSpec): GraderSpec | null {
  // Case-sensitive checks, JSON, tool calls and judges would fight a lowercase rule.
  if (g.type === 'judge' || g.type === 'all' || g.type === 'json' || g.type === 'tool-call') return null;
  if ((g.type === 'exact' || g.type === 'contains') && g.caseSensitive) return null;
  if (g.type === 'regex' && !g.flags?.includes('i')) return null;
  return { type: 'all', graders: [g, { type: 'instructions', instructions: [{ kind: 'lowercase' }] }] };
}

/**
 * The task after `turns` earlier exchanges: unrelated chit-chat; or an instruction in the
 * first turn that must still hold (lowercase replies, checked on top of the task's own
 * grader); or a first asking with other figures and a later correction that must win (the
 * task's own grader decides). Null when the variant cannot apply (no figures to correct,
 * or a grader that would fight the instruction).
 */
export function wrapInTurns(
  task: SuiteTask,
  variant: MultiTurnVariant,
  turns: number,
  rnd: () => number,
): SuiteTask | null {
  const system = task.messages.filter((m) => m.role === 'system');
  const rest = task.messages.filter((m) => m.role !== 'system');
  const chat = (n: number): ChatMessage[] =>
    Array.from({ length: n }, () => pick(rnd, CHAT)).flatMap(([u, a]) => [
      { role: 'user' as const, content: u },
      { role: 'assistant' as const, content: a },
    ]);
  if (variant === 'chit-chat') return { ...task, messages: [...system, ...chat(turns), ...rest] };
  if (variant === 'instruction') {
    const grader = withStandingInstruction(task.grader);
    if (!grader) return null;
    const first: ChatMessage[] = [
      { role: 'user', content: LOWERCASE },
      { role: 'assistant', content: 'understood: lowercase from now on.' },
    ];
    return { ...task, grader, messages: [...system, ...first, ...chat(Math.max(0, turns - 1)), ...rest] };
  }
  const last = rest.at(-1);
  if (!last || last.role !== 'user' || !/\d/.test(last.content)) return null;
  const wrong = last.content.replace(/\d+(?:\.\d+)?/g, (n) => String(Number(n) + 1 + Math.floor(rnd() * 9)));
  const corrected: ChatMessage[] = [
    { role: 'user', content: wrong },
    { role: 'assistant', content: 'Let me work on that.' },
    ...chat(Math.max(0, turns - 1)),
    {
      role: 'user',
      content: `Sorry, I gave the wrong figures. Here is the question again, correctly:\n\n${last.content}`,
    },
  ];
  return { ...task, messages: [...system, ...rest.slice(0, -1), ...corrected] };
}
