/**
 * A single pass over JSON text before it is parsed, so that no file can crash or freeze
 * what reads it: nesting deeper than `maxDepth` (recursive checkers would overflow the
 * stack) and text values longer than `maxString` (echoing one would freeze the page) are
 * found with their path, without building anything. Syntax is left to JSON.parse.
 */
export interface JsonLimits {
  maxDepth: number;
  maxString: number;
}

export type ScanProblem =
  { kind: 'depth'; path: string; depth: number } | { kind: 'string'; path: string; length: number };

interface Frame {
  array: boolean;
  key: string;
  index: number;
  expectKey: boolean;
}

const QUOTE = 34;
const BACKSLASH = 92;

/** Where a string that starts at `from` (just after its quote) ends: the index of its closing quote, or -1. */
function stringEnd(text: string, from: number): number {
  let at = text.indexOf('"', from);
  while (at !== -1) {
    let slashes = 0;
    for (let i = at - 1; i >= from && text.charCodeAt(i) === BACKSLASH; i--) slashes++;
    if (slashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return -1;
}

const pathOf = (stack: readonly Frame[]) =>
  `/${stack.map((f) => (f.array ? String(f.index) : f.key)).join('/')}`;

export function scanJson(text: string, limits: JsonLimits): ScanProblem | null {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i + 1);
      if (end === -1) return null; // unterminated: JSON.parse says so
      const top = stack.at(-1);
      if (top && !top.array && top.expectKey) {
        const raw = text.slice(i + 1, end);
        top.key = raw.includes('\\') ? safeKey(raw) : raw;
      } else if (end - i - 1 > limits.maxString) {
        return { kind: 'string', path: pathOf(stack), length: end - i - 1 };
      }
      i = end;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      stack.push({ array: c === 91, key: '', index: 0, expectKey: c === 123 });
      if (stack.length > limits.maxDepth)
        return { kind: 'depth', path: pathOf(stack.slice(0, -1)), depth: stack.length };
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
    } else if (c === 44 /* , */) {
      const top = stack.at(-1);
      if (top?.array) top.index++;
      else if (top) top.expectKey = true;
    } else if (c === 58 /* : */) {
      const top = stack.at(-1);
      if (top) top.expectKey = false;
    }
  }
  return null;
}

function safeKey(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
