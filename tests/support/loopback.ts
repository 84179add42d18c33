import type { test as base } from './fixtures';
import { startOpenAIServer, type OpenAIServer } from './openai-server';

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
