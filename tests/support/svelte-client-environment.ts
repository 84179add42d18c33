import type { Environment } from 'vitest/environments';

/**
 * Node, with modules transformed as for the browser: state classes then run on Svelte's
 * client runtime, where $derived and $effect work, as they do in the app.
 */
export default {
  name: 'svelte-client',
  viteEnvironment: 'client',
  setup: () => ({ teardown: () => undefined }),
} satisfies Environment;
