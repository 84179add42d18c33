import { readFileSync, readdirSync } from 'node:fs';

/** Every process of the Chromium started with this profile: its browser process and descendants. */
function processesOf(profile: string): number[] {
  const parents = new Map<number, number>();
  let root: number | undefined;
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The name in parentheses may hold spaces: fields after it are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(pid, ppid);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes(`--user-data-dir=${profile}`) && !cmd.includes('--type=')) root = pid;
    } catch {
      // the process ended while we looked
    }
  }
  if (root === undefined) return [];
  const mine = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parents)
      if (!mine.has(pid) && mine.has(ppid)) {
        mine.add(pid);
        grew = true;
      }
  }
  return [...mine];
}

/** Resident memory of the renderer processes (pages and their workers live there), in bytes. */
function rendererRss(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
      total += Number(line?.[1] ?? 0) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}

/**
 * Samples the tab's memory every `everyMs` from /proc while an operation runs: the peak
 * growth over the start, page and worker heaps together. Resident memory, so an upper bound
 * on what the heaps grew by (Linux only; elsewhere it reports null).
 */
export function samplePeakMemory(profile: string, everyMs = 20): { stop(): number | null } {
  const pids = processesOf(profile);
  if (pids.length === 0) return { stop: () => null };
  const start = rendererRss(pids);
  let peak = start;
  // Dedicated workers are threads of their page's renderer: the processes found now are all.
  const timer = setInterval(() => {
    peak = Math.max(peak, rendererRss(pids));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, rendererRss(pids));
      return peak - start;
    },
  };
}
