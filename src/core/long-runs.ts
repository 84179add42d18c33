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
