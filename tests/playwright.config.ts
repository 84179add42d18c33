import { defineConfig } from '@playwright/test';
import { QUIET_FLAGS, WEBGPU_FLAGS, chromiumPath } from './support/chromium';

const PORT = Number(process.env.E2E_PORT ?? 4319);
const executablePath = chromiumPath();

export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two cores and a software GPU: one browser at a time keeps timings honest.
  workers: 1,
  reporter: process.env.PW_REPORTER ? JSON.parse(process.env.PW_REPORTER) : 'list',
  use: {
    // WebGPU needs a secure context: localhost qualifies, 127.0.0.1 with a port too, a LAN IP does not.
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    // The built app registers a service worker that precaches 35 MB (the runtimes' wasm):
    // tests of other things would each pay that copy; offline.spec.ts allows it.
    serviceWorkers: 'block',
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    cwd: '..',
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
  projects: [
    {
      name: 'webgpu',
      testIgnore: /\.no-webgpu\.spec\.ts$/,
      use: { launchOptions: { executablePath, args: [...QUIET_FLAGS, ...WEBGPU_FLAGS] } },
    },
    {
      name: 'no-webgpu',
      testMatch: /\.no-webgpu\.spec\.ts$/,
      use: { launchOptions: { executablePath, args: QUIET_FLAGS } },
    },
  ],
});
