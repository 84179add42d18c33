import type { ChatMessage } from '../engine-types';
import type { Grade } from '../suite';
import { extractJson } from './extract';

/**
 * A rubric for grounded tasks graded by a judge: the judge marks replies that assert what
 * the context does not support, and they are filed as hallucinations.
 */
export const FACTUALITY_RUBRIC =
  'Pass only if every fact in the reply (numbers, dates, names, conditions) is stated in the context given to the assistant, and the reply answers the question; if the context does not hold the answer, the reply must say so. Add "hallucination": true to your JSON when the reply asserts anything the context does not support.';

/** A judge's score from 1 to 10 passes at this mark when it gives no verdict of its own. */
export const JUDGE_PASS_SCORE = 7;

/** The judge's conversation: the rubric, the task as the candidate saw it, and its reply. */
export function judgeMessages(rubric: string, task: readonly ChatMessage[], reply: string): ChatMessage[] {
  const conversation = task.map((m) => `[${m.role}]\n${m.content}`).join('\n\n');
  return [
    {
      role: 'system',
      content:
        'You grade an AI assistant\'s reply against a rubric. Answer with one JSON object and nothing else: {"score": <integer 1-10>, "pass": <true|false>, "reason": "<one sentence>"}.',
    },
    {
      role: 'user',
      content: `Rubric:\n${rubric}\n\nConversation:\n${conversation}\n\nReply to grade:\n${reply}`,
    },
  ];
}

/** Reads the judge's verdict; a reply that is neither JSON nor PASS/FAIL is a format error of the judge. */
export function parseJudgeVerdict(text: string): Grade {
  const parsed = extractJson(text);
  if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null) {
    const v = parsed.value as { score?: unknown; pass?: unknown; reason?: unknown; hallucination?: unknown };
    const score = typeof v.score === 'number' && v.score >= 1 && v.score <= 10 ? v.score : null;
    const passed = typeof v.pass === 'boolean' ? v.pass : score !== null ? score >= JUDGE_PASS_SCORE : null;
    if (passed !== null) {
      const reason = typeof v.reason === 'string' ? v.reason : '';
      return {
        pass: passed,
        // A factuality rubric asks the judge to say when the reply invents what the context lacks.
        failure: passed ? null : v.hallucination === true ? 'hallucination' : 'wrong-answer',
        detail: `judge: ${score ?? '?'}/10${reason ? `, ${reason}` : ''}`,
        ...(score !== null ? { score: (score - 1) / 9 } : {}),
      };
    }
  }
  const word = /\b(PASS|FAIL)\b/.exec(text)?.[1];
  if (word)
    return {
      pass: word === 'PASS',
      failure: word === 'PASS' ? null : 'wrong-answer',
      detail: `judge: ${word}`,
    };
  return { pass: false, failure: 'error', detail: 'the judge gave no readable verdict' };
}
