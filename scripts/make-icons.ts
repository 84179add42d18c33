// Draws the app's icons (the favicon's shapes) as PNG for the web manifest: Chromium wants
// 192 and 512 pixel PNGs to offer installing. Run `npx tsx scripts/make-icons.ts` after
// changing public/favicon.svg's drawing; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const PURPLE = [0x5b, 0x4b, 0xdb] as const;
type Shape = (x: number, y: number) => boolean;

/** The favicon's glyph in its 32-unit box: a ring of radius 7 and 4 round (16, 16) with a tail. */
const ring: Shape = (x, y) => {
  const d = Math.hypot(x - 16, y - 16);
  return d <= 7 && d >= 4;
};
const tail: Shape = (x, y) => {
  const poly: [number, number][] = [
    [21.2, 20.7],
    [24, 24],
    [20.6, 24],
    [19.4, 22.6],
  ];
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i] as [number, number];
    const [xj, yj] = poly[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const roundedSquare: Shape = (x, y) => {
  const r = 7;
  const cx = Math.min(Math.max(x, r), 32 - r);
  const cy = Math.min(Math.max(y, r), 32 - r);
  return x >= 0 && y >= 0 && x <= 32 && y <= 32 && Math.hypot(x - cx, y - cy) <= r;
};

/** RGBA pixels, 4x4 samples each; `maskable` fills the square and keeps the glyph in the safe zone. */
function draw(size: number, maskable: boolean): Buffer {
  const px = Buffer.alloc(size * size * 4);
  const glyphScale = maskable ? 0.8 : 1;
  for (let py = 0; py < size; py++)
    for (let pxi = 0; pxi < size; pxi++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          const u = ((pxi + (sx + 0.5) / 4) / size) * 32;
          const v = ((py + (sy + 0.5) / 4) / size) * 32;
          if (maskable || roundedSquare(u, v)) bg++;
          const gu = 16 + (u - 16) / glyphScale;
          const gv = 16 + (v - 16) / glyphScale;
          if (ring(gu, gv) || tail(gu, gv)) fg++;
        }
      const a = bg / 16;
      const w = fg / 16;
      const o = (py * size + pxi) * 4;
      for (let c = 0; c < 3; c++) px[o + c] = Math.round((PURPLE[c] as number) * (1 - w) + 255 * w);
      px[o + 3] = Math.round(255 * Math.max(a, w));
    }
  return px;
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../public/icons/', import.meta.url);
for (const size of [192, 512]) writeFileSync(new URL(`icon-${size}.png`, out), png(size, draw(size, false)));
writeFileSync(new URL('maskable-512.png', out), png(512, draw(512, true)));
