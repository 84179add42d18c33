import { networkStats, ownerOf, type ResourceTimes } from '../core/network-timing';

interface Send {
  url: string;
  sentAt: number;
  stats: Record<string, number> | null;
  /** Set while someone waits for this send's entry. */
  notify: (() => void) | null;
}

/** Recent sends, so a late entry of a request nobody waits for still finds its own send. */
const sends: Send[] = [];
const KEEP = 256;
let observer: PerformanceObserver | null | undefined;

function observe(): boolean {
  if (observer === undefined) {
    const supported =
      typeof PerformanceObserver !== 'undefined' &&
      PerformanceObserver.supportedEntryTypes.includes('resource');
    // An observer sees every entry, where the page's buffer stops at 250 of them.
    observer = supported ? new PerformanceObserver((list) => list.getEntries().forEach(claim)) : null;
    observer?.observe({ type: 'resource' });
  }
  return observer !== null;
}

function claim(entry: PerformanceEntry): void {
  const e = entry as PerformanceEntry & ResourceTimes;
  const mine = sends.filter((s) => s.url === e.name);
  const send =
    mine[
      ownerOf(
        mine.map((s) => s.sentAt),
        e.startTime,
      )
    ];
  if (!send || send.stats) return;
  send.stats = networkStats(e);
  send.notify?.();
}

export interface TrackedRequest {
  /** The network split once the browser has its timing entry; null when none came in time. */
  stats(waitMs: number): Promise<Record<string, number> | null>;
}

/**
 * Stamps a request about to be sent; call fetch(url) right after, with nothing between.
 * The browser files a request's timing entry only when its body is read or cancelled.
 */
export function trackRequest(url: string): TrackedRequest {
  if (!observe()) return { stats: () => Promise.resolve(null) };
  const send: Send = { url, sentAt: performance.now(), stats: null, notify: null };
  sends.push(send);
  if (sends.length > KEEP) sends.shift();
  return {
    stats: (waitMs) =>
      new Promise((resolve) => {
        if (send.stats) return resolve(send.stats);
        const timer = setTimeout(() => resolve(send.stats), waitMs);
        send.notify = () => {
          clearTimeout(timer);
          resolve(send.stats);
        };
      }),
  };
}
