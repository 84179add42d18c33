import { describe, expect, it } from 'vitest';
import { MATCH_WINDOW_MS, networkStats, ownerOf } from '../../src/core/network-timing';

describe('network split from a resource timing entry', () => {
  it('splits set-up (fetch to request sent) from server time (request sent to first byte)', () => {
    const stats = networkStats({ name: 'u', startTime: 100, requestStart: 104.5, responseStart: 157 });
    expect(stats).toEqual({ net_timing_allowed: 1, net_setup_ms: 4.5, net_server_ms: 52.5 });
  });

  it('keeps only "not allowed" when the browser zeroed the details (no Timing-Allow-Origin)', () => {
    expect(networkStats({ name: 'u', startTime: 100, requestStart: 0, responseStart: 0 })).toEqual({
      net_timing_allowed: 0,
    });
  });
});

describe('which request an entry belongs to', () => {
  it('is the last send stamped at or before the entry started', () => {
    expect(ownerOf([10, 20, 30], 20.1)).toBe(1);
    expect(ownerOf([10, 20, 30], 30)).toBe(2);
    expect(ownerOf([30, 10, 20], 25)).toBe(2);
  });

  it('is none when the entry started before every send or too long after the last', () => {
    expect(ownerOf([10, 20], 5)).toBe(-1);
    expect(ownerOf([10], 10 + MATCH_WINDOW_MS + 1)).toBe(-1);
    expect(ownerOf([], 10)).toBe(-1);
  });

  it('is none when two sends share the stamp: no figure rather than a wrong one', () => {
    expect(ownerOf([10, 20, 20], 20.05)).toBe(-1);
    expect(ownerOf([20, 20, 30], 30.2)).toBe(2);
  });
});
