import type { ChatEvent, FinishReason } from '../src/core/engine-types';
import { ThinkParser } from '../src/core/think-parser';

/** Length of the longest suffix of `text` that begins one of `stops`. */
function stopPrefixSuffix(text: string, stops: readonly string[]): number {
  let longest = 0;
  for (const s of stops) {
    for (let n = Math.min(s.length - 1, text.length); n > longest; n--) {
      if (text.endsWith(s.slice(0, n))) {
        longest = n;
        break;
      }
    }
  }
  return longest;
}

/**
 * Turns generated token ids into timestamped events, one per token: decodes the whole
 * generated sequence each time and emits the new text, holding back an incomplete UTF-8
 * character (U+FFFD at the end) and any text that could be the start of a stop string.
 * Splits Qwen3 `<think>` reasoning from content.
 */
export class TokenStream {
  readonly #decode: (ids: number[]) => string;
  readonly #emit: (e: ChatEvent) => void;
  readonly #stops: string[];
  readonly #think = new ThinkParser();
  readonly #ids: number[] = [];
  #text = '';
  #sent = 0;
  stopped = false;
  firstTokenAt: number | null = null;
  lastTokenAt: number | null = null;

  constructor(decode: (ids: number[]) => string, emit: (e: ChatEvent) => void, stops: string[] = []) {
    this.#decode = decode;
    this.#emit = emit;
    this.#stops = stops.filter((s) => s.length > 0);
  }

  get tokenCount(): number {
    return this.#ids.length;
  }

  /** Adds one generated token; returns true once a stop string has ended the text. */
  push(id: number): boolean {
    const t = performance.now();
    this.firstTokenAt ??= t;
    this.lastTokenAt = t;
    if (this.stopped) return true;
    this.#ids.push(id);
    const text = this.#decode(this.#ids);
    if (text.endsWith('\uFFFD')) return false;
    this.#text = text;
    for (const s of this.#stops) {
      const at = this.#text.indexOf(s);
      if (at >= 0) {
        this.#text = this.#text.slice(0, at);
        this.stopped = true;
      }
    }
    const sendable = this.stopped
      ? this.#text.length
      : this.#text.length - stopPrefixSuffix(this.#text, this.#stops);
    this.#flush(sendable, t);
    return this.stopped;
  }

  finish(reason: FinishReason): void {
    const t = performance.now();
    this.#flush(this.#text.length, t);
    this.#send(this.#think.end(), t);
    this.#emit({ type: 'done', finishReason: reason, t });
  }

  /** The reply as the user sees it: stop string removed. */
  get text(): string {
    return this.#text;
  }

  #flush(upTo: number, t: number): void {
    if (upTo <= this.#sent) return;
    this.#send(this.#think.push(this.#text.slice(this.#sent, upTo)), t);
    this.#sent = upTo;
  }

  #send(pieces: ReturnType<ThinkParser['push']>, t: number): void {
    for (const p of pieces) this.#emit({ type: p.kind, text: p.text, t });
  }
}
