// `npm test`: every suite (type check, lint, unit, end-to-end in real Chromium), then one
// summary line `N passed, N failed[, N skipped]` that .ci/run prints last.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensureDeps } from './ensure-deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.ci-out');
ensureDeps();
const chromium = ensureChromium();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const env = { ...process.env, ...(chromium ? { CHROMIUM_PATH: chromium } : {}) };
const sh = (cmd, args, extraEnv = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } }).status === 0;
const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);

const suites = [];
const single = (name, ok) => suites.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });

single('type check (svelte-check, tsc)', sh('npm', ['run', '--silent', 'check']));
single('lint (prettier, eslint)', sh('npm', ['run', '--silent', 'lint']));

const vitestJson = join(out, 'vitest.json');
const unitOk = sh('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${vitestJson}`,
]);
const unit = readJson(vitestJson);
suites.push(
  unit
    ? {
        name: 'unit (vitest)',
        passed: unit.numPassedTests,
        failed: unit.numFailedTests + (unitOk || unit.numFailedTests > 0 ? 0 : 1),
        skipped: unit.numPendingTests + unit.numTodoTests,
      }
    : { name: 'unit (vitest): no report', passed: 0, failed: 1, skipped: 0 },
);

const buildOk = sh('npx', ['vite', 'build', '--logLevel', 'warn']);
single('production build (vite)', buildOk);
if (buildOk) {
  const pwJson = join(out, 'playwright.json');
  const reporter = JSON.stringify([['list'], ['json', { outputFile: pwJson }]]);
  const e2eOk = sh('npx', ['playwright', 'test', '-c', 'tests/playwright.config.ts'], {
    PW_REPORTER: reporter,
    CI: '1',
  });
  const stats = readJson(pwJson)?.stats;
  suites.push(
    stats
      ? {
          name: 'end-to-end (Playwright, Chromium)',
          passed: stats.expected + stats.flaky,
          failed: stats.unexpected + (e2eOk || stats.unexpected > 0 ? 0 : 1),
          skipped: stats.skipped,
        }
      : { name: 'end-to-end: no report', passed: 0, failed: 1, skipped: 0 },
  );
}

const total = suites.reduce(
  (t, s) => ({ passed: t.passed + s.passed, failed: t.failed + s.failed, skipped: t.skipped + s.skipped }),
  {
    passed: 0,
    failed: 0,
    skipped: 0,
  },
);
console.log('');
for (const s of suites)
  console.log(
    `  ${s.failed ? '✗' : '✓'} ${s.name}: ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}`,
  );
const summary = `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`;
writeFileSync(join(out, 'summary.txt'), summary + '\n');
console.log(summary);
process.exit(total.failed ? 1 : 0);
