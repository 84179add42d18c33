import { describe, expect, it } from 'vitest';
import { PauseGate } from '../../src/core/pause-gate';

const settled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 0));
  return done;
};

describe('pause gate', () => {
  it('lets loops through while open', async () => {
    const gate = new PauseGate();
    expect(gate.paused).toBe(false);
    expect(await settled(gate.pass())).toBe(true);
  });

  it('holds every waiting loop while paused and releases all of them on one resume', async () => {
    const gate = new PauseGate();
    gate.pause();
    gate.pause();
    const loops = [gate.pass(), gate.pass(), gate.pass()];
    expect(await Promise.all(loops.map(settled))).toEqual([false, false, false]);
    gate.resume();
    expect(await Promise.all(loops.map(settled))).toEqual([true, true, true]);
    expect(gate.paused).toBe(false);
  });

  it('a second pause after a resume closes it again', async () => {
    const gate = new PauseGate();
    gate.pause();
    gate.resume();
    gate.pause();
    expect(await settled(gate.pass())).toBe(false);
    gate.resume();
  });
});
