import { describe, expect, it } from 'vitest';
import { placeLabels } from '../../src/core/label-layout';

const plot = { left: 0, top: 0, right: 400, bottom: 200 };
const box = (l: { x: number; y: number; align: 'left' | 'right' }, width: number, height: number) => ({
  left: l.align === 'left' ? l.x : l.x - width,
  right: l.align === 'left' ? l.x + width : l.x,
  top: l.y - height,
  bottom: l.y,
});

describe('chart label placement', () => {
  it('a lone label goes right of and above its point', () => {
    expect(placeLabels([{ x: 50, y: 100, width: 80, height: 12 }], plot, 4)).toEqual([
      { x: 54, y: 96, align: 'left' },
    ]);
  });

  it('two points at the same height with long labels get labels that do not overlap', () => {
    const points = [
      { x: 100, y: 150, width: 250, height: 12 },
      { x: 300, y: 150, width: 250, height: 12 },
    ];
    const [a, b] = placeLabels(points, plot, 4);
    if (!a || !b) throw new Error('missing');
    const [ba, bb] = [box(a, 250, 12), box(b, 250, 12)];
    const overlap = ba.left < bb.right && bb.left < ba.right && ba.top < bb.bottom && bb.top < ba.bottom;
    expect(overlap).toBe(false);
    for (const bx of [ba, bb]) {
      expect(bx.left).toBeGreaterThanOrEqual(0);
      expect(bx.right).toBeLessThanOrEqual(400);
    }
  });

  it('near the right edge a label flips to the left of its point', () => {
    expect(placeLabels([{ x: 390, y: 100, width: 80, height: 12 }], plot, 4)[0]).toEqual({
      x: 386,
      y: 96,
      align: 'right',
    });
  });
});
