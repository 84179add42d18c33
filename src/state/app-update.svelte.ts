import { registerSW } from 'virtual:pwa-register';

/**
 * The service worker that keeps the app usable offline: registered once the page has
 * loaded; a new version waits until the user says to update, so a run in progress is
 * never cut off by a reload nobody asked for.
 */
export class AppUpdate {
  /** A new version is downloaded and waiting. */
  waiting = $state(false);
  /** Everything the app needs offline is cached (said once, the first time). */
  offlineReady = $state(false);
  /** Why the worker could not be registered (the app still works, online only). */
  error = $state<string | null>(null);
  #update: ((reload?: boolean) => Promise<void>) | null = null;

  start(): void {
    if (!('serviceWorker' in navigator)) return;
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.waiting = true),
      onOfflineReady: () => (this.offlineReady = true),
      onRegisterError: (e: unknown) => (this.error = e instanceof Error ? e.message : String(e)),
    });
  }

  /** Activates the waiting version and reloads into it. */
  update(): void {
    void this.#update?.(true);
  }

  later(): void {
    this.waiting = false;
  }

  dismissOfflineReady(): void {
    this.offlineReady = false;
  }
}
