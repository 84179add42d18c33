/**
 * Splits a token stream into reasoning and content at Qwen3's `<think>...</think>` tags.
 * Tags may arrive cut across chunks, so a possible tag prefix is held back until the next
 * chunk decides it.
 */
export interface ThinkPiece {
  kind: 'reasoning' | 'content';
  text: string;
}

const OPEN = '<think>';
const CLOSE = '</think>';

export class ThinkParser {
  #inThink = false;
  #pending = '';
  #seenContent = false;
  /** Qwen3 puts "\n\n" after </think>, possibly in later chunks; it belongs to neither side. */
  #afterClose = false;

  push(chunk: string): ThinkPiece[] {
    let text = this.#pending + chunk;
    this.#pending = '';
    const out: ThinkPiece[] = [];
    while (text.length > 0) {
      if (this.#afterClose && !this.#inThink) {
        text = text.replace(/^\n+/, '');
        if (text.length === 0) break;
        this.#afterClose = false;
      }
      const tag = this.#inThink ? CLOSE : OPEN;
      const at = text.indexOf(tag);
      if (at >= 0) {
        this.#emit(out, text.slice(0, at));
        this.#inThink = !this.#inThink;
        this.#afterClose = !this.#inThink;
        text = text.slice(at + tag.length);
        continue;
      }
      const keep = partialTagSuffix(text, tag);
      this.#emit(out, text.slice(0, text.length - keep));
      this.#pending = text.slice(text.length - keep);
      break;
    }
    return out;
  }

  /** Flushes held-back text at the end of the stream. */
  end(): ThinkPiece[] {
    const out: ThinkPiece[] = [];
    this.#emit(out, this.#pending);
    this.#pending = '';
    return out;
  }

  #emit(out: ThinkPiece[], text: string): void {
    if (!text) return;
    const kind = this.#inThink ? 'reasoning' : 'content';
    // An opening "<think>" is often preceded by whitespace only; do not show it as content.
    if (kind === 'content' && !this.#seenContent && text.trim() === '') return;
    if (kind === 'content') this.#seenContent = true;
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += text;
    else out.push({ kind, text });
  }
}

/** Length of the longest suffix of `text` that is a proper prefix of `tag`. */
function partialTagSuffix(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(tag.slice(0, n))) return n;
  }
  return 0;
}
