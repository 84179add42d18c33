import { getContext, setContext } from 'svelte';
import { SCREENS, hashForScreen, screenFromHash, type ScreenId } from '../core/screens';

/** The current screen lives in the URL hash, so reload and back/forward keep the place. */
export class Router {
  #current = $state<ScreenId>(screenFromHash(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.#current = screenFromHash(location.hash);
    });
  }

  /** The document title: the screen's name, and a job's progress when one runs. */
  title(progress: string | null = null): string {
    const label = SCREENS.find((s) => s.id === this.#current)?.label ?? '';
    return `${progress ? `${progress} · ` : ''}${label} · Qwenfit`;
  }

  get current(): ScreenId {
    return this.#current;
  }

  go(id: ScreenId): void {
    location.hash = hashForScreen(id);
  }
}

const KEY = Symbol('router');
export const createRouter = () => setContext(KEY, new Router());
export const useRouter = () => getContext<Router>(KEY);
