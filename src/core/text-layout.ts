/** Runs of non-space characters longer than this get break opportunities. */
export const LONG_RUN = 160;
const PIECE = 80;

/**
 * Splits text so no piece holds more than LONG_RUN non-space characters in a row; the
 * screen puts an invisible break opportunity (<wbr>) between pieces. Browsers shape and
 * wrap an unbroken 200 KB "word" in quadratic time (Chromium froze ~24 s on one), while
 * the same text in short pieces lays out at once; copying still gives the original text.
 */
export function splitLongRuns(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  const re = new RegExp(`\\S{${LONG_RUN + 1},}`, 'g');
  for (const m of text.matchAll(re)) {
    const runStart = m.index;
    for (let i = runStart + PIECE; i < runStart + m[0].length; i += PIECE) {
      pieces.push(text.slice(start, i));
      start = i;
    }
  }
  pieces.push(text.slice(start));
  return pieces;
}

/**
 * Splits markdown into top-level blocks at blank lines outside fenced code, so a streaming
 * reply re-renders only its last block: the finished ones keep their DOM.
 */
export function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  let fence: string | null = null;
  let current: string[] = [];
  for (const line of text.split('\n')) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === null || (marker[0] === fence[0] && marker.length >= fence.length)))
      fence = fence === null ? marker : null;
    if (fence === null && line.trim() === '' && current.length > 0) {
      blocks.push(current.join('\n'));
      current = [];
    } else if (fence !== null || line.trim() !== '') current.push(line);
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}
