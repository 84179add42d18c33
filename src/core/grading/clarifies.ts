import type { ToolCall } from '../engine-types';
import type { Grade } from '../suite';
import { unsupportedClaims } from './grounded';

/**
 * An underspecified request: `missing` says what was left out, `keywords` are words a
 * question about it would use, `removed` is the value the full request gave (which the
 * model cannot know, so naming it is inventing it).
 */
export interface ClarifiesSpec {
  type: 'clarifies';
  missing: string;
  keywords: string[];
  removed: string;
}

/** "I'll assume…", "Assuming…", "If you mean…": an assumption said out loud. */
const ASSUMES =
  /\b(assum(?:e|ing|ption)|I(?:'|’)ll use|I will use|if you mean|defaulting to|unless you (?:tell|say))\b/i;

/**
 * Passes a reply that asks about the missing item, or states an assumption about it.
 * A tool call made anyway, the removed value, or any other number or name the prompt does
 * not hold is a hallucination: the value was invented.
 */
export function gradeClarifies(
  spec: ClarifiesSpec,
  reply: string,
  calls: readonly ToolCall[],
  prompt: string,
): Grade {
  const mentions = spec.keywords.some((k) => reply.toLowerCase().includes(k.toLowerCase()));
  if (calls.length)
    return {
      pass: false,
      failure: 'hallucination',
      detail: `called ${calls.map((c) => `${c.name}(${c.arguments})`).join(', ')} without being told ${spec.missing}`,
    };
  if (ASSUMES.test(reply) && mentions)
    return { pass: true, failure: null, detail: `states an assumption about ${spec.missing}` };
  if (reply.includes('?') && mentions)
    return { pass: true, failure: null, detail: `asks about ${spec.missing}` };
  const invented = [
    ...(spec.removed && reply.toLowerCase().includes(spec.removed.toLowerCase()) ? [spec.removed] : []),
    ...unsupportedClaims(reply, prompt),
  ];
  if (invented.length)
    return {
      pass: false,
      failure: 'hallucination',
      detail: `invented ${spec.missing}: ${[...new Set(invented)].join(', ')}`,
    };
  return { pass: false, failure: 'wrong-answer', detail: `neither asked about nor assumed ${spec.missing}` };
}
