import { flushSync } from 'svelte';

/** Something that holds streamed events until the next frame, then shows them at once. */
export interface FrameSink {
  /** Copies what arrived since the last frame into the reactive view. */
  flush(): void;
  /** performance.now() of the oldest event not yet shown; null when nothing waits. */
  readonly oldestPending: number | null;
}

/**
 * Batches DOM updates to one per animation frame for every streaming view at once, so
 * four panes at hundreds of tokens a second cost one render a frame, not one per token.
 * With `globalThis.__qwenfitTrace` set, each frame's receive-to-DOM-update lag goes to the
 * performance timeline as a `qwenfit:dom-update-lag` measure, one per pane that had
 * something waiting (read by the UI benchmark). It ends when the DOM is updated, before
 * the browser paints it.
 */
export class FrameBatcher {
  readonly #dirty = new Set<FrameSink>();
  #scheduled = false;

  mark(sink: FrameSink): void {
    this.#dirty.add(sink);
    if (this.#scheduled) return;
    this.#scheduled = true;
    requestAnimationFrame(() => this.#frame());
  }

  /** Shows everything now, for the end of a stream. */
  drain(sink: FrameSink): void {
    this.#dirty.delete(sink);
    sink.flush();
  }

  #frame(): void {
    this.#scheduled = false;
    const sinks = [...this.#dirty];
    this.#dirty.clear();
    const oldest = sinks.map((s) => s.oldestPending).filter((t): t is number => t !== null);
    for (const sink of sinks) sink.flush();
    flushSync();
    if ((globalThis as { __qwenfitTrace?: boolean }).__qwenfitTrace && oldest.length) {
      const end = performance.now();
      for (const start of oldest) performance.measure('qwenfit:dom-update-lag', { start, end });
    }
  }
}
