/** A point on a chart and the size of the label to write beside it, in canvas pixels. */
export interface LabelRequest {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where to write a label: the text's baseline start (align left) or end (align right). */
export interface PlacedLabel {
  x: number;
  y: number;
  align: 'left' | 'right';
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Puts each label beside its point where it overlaps no label placed before it and stays
 * inside the plot: right or left of the point, above or below, moving a line further out
 * when the near places are taken. Chart labels otherwise pile up on nearby points.
 */
export function placeLabels(points: readonly LabelRequest[], plot: Box, gap: number): PlacedLabel[] {
  const taken: Box[] = [];
  return points.map((p) => {
    const spots: (PlacedLabel & { box: Box })[] = [];
    for (let row = 0; row < 4; row++)
      for (const vertical of ['above', 'below'] as const)
        for (const align of ['left', 'right'] as const) {
          const baseline =
            vertical === 'above' ? p.y - gap - row * p.height : p.y + gap + (row + 1) * p.height;
          const left = align === 'left' ? p.x + gap : p.x - gap - p.width;
          spots.push({
            x: align === 'left' ? p.x + gap : p.x - gap,
            y: baseline,
            align,
            box: { left, right: left + p.width, top: baseline - p.height, bottom: baseline },
          });
        }
    const inside = spots.filter(
      (s) =>
        s.box.left >= plot.left &&
        s.box.right <= plot.right &&
        s.box.top >= plot.top &&
        s.box.bottom <= plot.bottom,
    );
    const free = inside.find((s) => !taken.some((t) => overlaps(t, s.box)));
    const chosen = free ?? inside[0] ?? (spots[0] as (typeof spots)[number]);
    taken.push(chosen.box);
    return { x: chosen.x, y: chosen.y, align: chosen.align };
  });
}
