/** The fields of a PerformanceResourceTiming entry that the network split reads. */
export interface ResourceTimes {
  name: string;
  startTime: number;
  requestStart: number;
  responseStart: number;
}

/**
 * A request's network split, as engine stats: `net_setup_ms` from fetch() to the request
 * leaving (queueing, connection, TLS, CORS preflight) and `net_server_ms` from the request
 * leaving to the first byte of the response (the server's time to headers plus one round
 * trip). A cross-origin server that sends no Timing-Allow-Origin gets its entry's detailed
 * times zeroed by the browser: then only `net_timing_allowed: 0` is kept, never a guess.
 */
export function networkStats(e: ResourceTimes): Record<string, number> {
  if (e.requestStart <= 0 || e.responseStart <= 0) return { net_timing_allowed: 0 };
  return {
    net_timing_allowed: 1,
    net_setup_ms: e.requestStart - e.startTime,
    net_server_ms: e.responseStart - e.requestStart,
  };
}

/** How long after the stamp a request's fetch() may start and still be matched to it. */
export const MATCH_WINDOW_MS = 50;

/**
 * Which send an entry belongs to: the last one stamped at or before the entry's start
 * (fetch() is called right after the stamp, so no other request can start in between),
 * within MATCH_WINDOW_MS. Two sends with that same stamp cannot be told apart: no owner,
 * rather than a figure that may be another request's. Returns an index into `sentAt`, or -1.
 */
export function ownerOf(sentAt: readonly number[], startTime: number): number {
  let best = -1;
  let tied = false;
  sentAt.forEach((t, i) => {
    if (t > startTime || startTime - t > MATCH_WINDOW_MS) return;
    const current = best < 0 ? undefined : sentAt[best];
    if (current === undefined || t > current) {
      best = i;
      tied = false;
    } else if (t === current) tied = true;
  });
  return tied ? -1 : best;
}
