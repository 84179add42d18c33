import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const VITE = resolve(ROOT, 'node_modules/.bin/vite');

/** A Vite server a script started: its own process group, so stopping it stops Vite too (npx left it running). */
export interface ViteServer {
  url: string;
  stop(): void;
}

const running = new Set<ChildProcess>();
const stopGroup = (child: ChildProcess) => {
  running.delete(child);
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
};
// However the script ends, no Vite server outlives it (a later run would find the port taken).
process.on('exit', () => [...running].forEach(stopGroup));
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    [...running].forEach(stopGroup);
    process.exit(130);
  });

/** Starts `vite` (dev) or `vite preview` (the built dist/) on a port and waits until it answers. */
export async function startVite(mode: 'dev' | 'preview', port: number): Promise<ViteServer> {
  const args = [...(mode === 'preview' ? ['preview'] : []), '--port', String(port), '--strictPort'];
  const child = spawn(VITE, args, {
    cwd: ROOT,
    stdio: 'ignore',
    detached: true,
  });
  running.add(child);
  const url = `http://localhost:${port}`;
  try {
    await waitForServer(url, child);
  } catch (e) {
    stopGroup(child);
    throw e;
  }
  return { url, stop: () => stopGroup(child) };
}

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no server at ${url}`);
}

/** The newest modification time under a path (a file, or a folder walked whole). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), stat.mtimeMs);
}

const SOURCES = ['src', 'workers', 'public', 'docs', 'index.html', 'vite.config.ts', 'package.json'];

/**
 * Builds the app when dist/ is missing or older than any of its sources, so what a script
 * serves is the code in the working tree. `log` says so (to stderr for the command line).
 */
export function ensureBuilt(log: (line: string) => void): void {
  const built = resolve(ROOT, 'dist/index.html');
  const stale = existsSync(built)
    ? SOURCES.some((s) => newest(resolve(ROOT, s)) > statSync(built).mtimeMs)
    : true;
  if (!stale) return;
  log(
    existsSync(built) ? 'dist/ is older than the sources: building the app…' : 'no dist/: building the app…',
  );
  execFileSync(VITE, ['build', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
