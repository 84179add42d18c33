import type { Page } from '@playwright/test';
import type { test as base } from './fixtures';
import { SCENARIOS, startOpenAIServer, type OpenAIServer } from './openai-server';
import { TEST_KEY, addEndpoint, type EndpointInput } from './remote';

/** One loopback OpenAI-compatible server for a spec file: started before its tests, closed after. */
export function serveOpenAI(test: typeof base): OpenAIServer {
  // Filled in by beforeAll; the request log is the server's own array, so it stays live.
  const server = {} as OpenAIServer;
  test.beforeAll(async () => {
    Object.assign(server, await startOpenAIServer());
  });
  test.afterAll(async () => {
    await server.close();
  });
  return server;
}

/** Adds the loopback server as endpoint "Loopback" (every scenario, no retries) through Settings. */
export function addLoopback(
  page: Page,
  server: OpenAIServer,
  over: Partial<EndpointInput> = {},
): Promise<void> {
  return addEndpoint(page, {
    name: 'Loopback',
    baseUrl: server.url,
    key: TEST_KEY,
    models: [...SCENARIOS],
    retries: 0,
    ...over,
  });
}
