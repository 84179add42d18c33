/**
 * A gate every worker loop of a run passes before its next task: while paused, all of them
 * wait on one shared promise, so one resume releases every loop (a resolver per loop kept
 * in a single slot released only the last one, and the run hung).
 */
export class PauseGate {
  #closed: Promise<void> | null = null;
  #open: (() => void) | null = null;

  get paused(): boolean {
    return this.#closed !== null;
  }

  pause(): void {
    this.#closed ??= new Promise<void>((resolve) => (this.#open = resolve));
  }

  resume(): void {
    this.#open?.();
    this.#closed = null;
    this.#open = null;
  }

  /** Resolves at once when open, else when resumed. */
  pass(): Promise<void> {
    return this.#closed ?? Promise.resolve();
  }
}
