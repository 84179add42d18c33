/**
 * Fill patterns, so a chart's categories differ by more than colour (WCAG 1.4.1): the same
 * pattern on the canvas bars and in the legend's key.
 */
export type PatternKind =
  'solid' | 'diagonal' | 'back-diagonal' | 'dots' | 'horizontal' | 'vertical' | 'cross' | 'grid';

const INK = 'rgba(255, 255, 255, 0.7)';
const TILE = 8;

/** Strokes of each pattern on one TILE x TILE tile. */
function drawTile(ctx: CanvasRenderingContext2D, kind: PatternKind): void {
  ctx.strokeStyle = INK;
  ctx.fillStyle = INK;
  ctx.lineWidth = 2;
  const line = (x1: number, y1: number, x2: number, y2: number) => {
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    ctx.stroke();
  };
  const diagonal = () => {
    line(0, TILE, TILE, 0);
    line(-TILE / 2, TILE / 2, TILE / 2, -TILE / 2);
    line(TILE / 2, TILE * 1.5, TILE * 1.5, TILE / 2);
  };
  const back = () => {
    line(0, 0, TILE, TILE);
    line(-TILE / 2, TILE / 2, TILE / 2, TILE * 1.5);
    line(TILE / 2, -TILE / 2, TILE * 1.5, TILE / 2);
  };
  switch (kind) {
    case 'solid':
      return;
    case 'diagonal':
      return diagonal();
    case 'back-diagonal':
      return back();
    case 'cross':
      diagonal();
      return back();
    case 'dots':
      ctx.beginPath();
      ctx.arc(TILE / 2, TILE / 2, 1.6, 0, Math.PI * 2);
      ctx.fill();
      return;
    case 'horizontal':
      return line(0, TILE / 2, TILE, TILE / 2);
    case 'vertical':
      return line(TILE / 2, 0, TILE / 2, TILE);
    case 'grid':
      line(0, TILE / 2, TILE, TILE / 2);
      return line(TILE / 2, 0, TILE / 2, TILE);
  }
}

/** A canvas fill: the colour with the pattern over it (the colour alone when no 2D context is available). */
export function canvasFill(
  ctx: CanvasRenderingContext2D,
  kind: PatternKind,
  colour: string,
): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = TILE;
  tile.height = TILE;
  const t = tile.getContext('2d');
  if (!t) return colour;
  t.fillStyle = colour;
  t.fillRect(0, 0, TILE, TILE);
  drawTile(t, kind);
  return ctx.createPattern(tile, 'repeat') ?? colour;
}

/** The same pattern as a CSS background, for legend keys. */
export function cssFill(kind: PatternKind, colour: string): string {
  const stripes = (deg: number) => `repeating-linear-gradient(${deg}deg, ${colour} 0 3px, ${INK} 3px 5px)`;
  switch (kind) {
    case 'solid':
      return colour;
    case 'diagonal':
      return stripes(-45);
    case 'back-diagonal':
      return stripes(45);
    case 'horizontal':
      return stripes(0);
    case 'vertical':
      return stripes(90);
    case 'cross':
      return `repeating-linear-gradient(45deg, transparent 0 3px, ${INK} 3px 4px), ${stripes(-45)}`;
    case 'grid':
      return `repeating-linear-gradient(0deg, transparent 0 3px, ${INK} 3px 4px), ${stripes(90)}`;
    case 'dots':
      return `radial-gradient(circle, ${INK} 1.5px, transparent 2px) 0 0 / 6px 6px, ${colour}`;
  }
}
