// Finds a Chromium for the end-to-end tests: $CHROMIUM_PATH, else Debian's package
// (installed with apt-get when running as root), else Playwright's own download.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

const find = () => [process.env.CHROMIUM_PATH, ...CANDIDATES].find((p) => p && existsSync(p));
const run = (cmd, args) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    .status === 0;
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** Returns the Chromium path to use, or undefined when Playwright's own browser is used. */
export function ensureChromium() {
  const found = find();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (process.platform === 'linux' && has('apt-get')) {
    const sudo = isRoot
      ? []
      : has('sudo') && spawnSync('sudo', ['-n', 'true']).status === 0
        ? ['sudo']
        : null;
    if (sudo) {
      console.log("[qwenfit] installing Debian's chromium package…");
      const [cmd, ...pre] = sudo.length ? sudo : ['apt-get'];
      const aptArgs = (args) => (sudo.length ? [...pre, 'apt-get', ...args] : args);
      run(cmd, aptArgs(['update', '-qq']));
      run(cmd, aptArgs(['install', '-y', '-qq', 'chromium']));
      const installed = find();
      if (installed) return installed;
    }
  }
  console.log("[qwenfit] no system Chromium: downloading Playwright's (npx playwright install chromium)…");
  if (!run('npx', ['playwright', 'install', 'chromium'])) {
    throw new Error(
      'No Chromium found and none could be installed: set CHROMIUM_PATH to a Chromium 120+ binary.',
    );
  }
  return undefined;
}
