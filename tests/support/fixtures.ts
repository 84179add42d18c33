import { test as base, expect } from '@playwright/test';

/**
 * Every end-to-end test fails if the page logs a console error or throws. Tests of
 * failure scenarios list the browser's own network lines they expect (a 401 logs
 * "Failed to load resource" whatever the app does); anything else still fails.
 */
export const test = base.extend<{ consoleErrors: string[]; allowedConsoleErrors: RegExp | null }>({
  allowedConsoleErrors: [null, { option: true }],
  consoleErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && !allowedConsoleErrors?.test(m.text())) errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
      await use(errors);
      expect(errors, 'console errors on the page').toEqual([]);
    },
    { auto: true },
  ],
});

/** Chromium's own log lines for failed requests: expected when a test makes requests fail. */
export const NETWORK_FAILURE_LINES = /^Failed to load resource: |has been blocked by CORS policy/;

export { expect };
