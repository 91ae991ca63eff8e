/** Drawing on an RGBA buffer: filled rectangles and a 3x5 bitmap font for digits and a few signs. */
import type { Rgba } from './png.js';

export type Colour = readonly [r: number, g: number, b: number, a?: number];

export function createCanvas(width: number, height: number, background: Colour): Rgba {
  const image = { width, height, data: new Uint8Array(width * height * 4) };
  fillRect(image, 0, 0, width, height, background);
  return image;
}

export function fillRect(image: Rgba, x: number, y: number, w: number, h: number, colour: Colour): void {
  const [r, g, b, a = 255] = colour;
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(image.width, Math.round(x + w));
  const y1 = Math.min(image.height, Math.round(y + h));
  for (let py = y0; py < y1; py++) {
    for (let px = x0; px < x1; px++) {
      const i = (py * image.width + px) * 4;
      image.data[i] = r;
      image.data[i + 1] = g;
      image.data[i + 2] = b;
      image.data[i + 3] = a;
    }
  }
}

// 3x5 glyphs, one string per row, '#' = ink.
const GLYPHS: Record<string, string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '###', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '..#', '..#', '..#'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '.': ['...', '...', '...', '...', '.#.'],
  '-': ['...', '...', '###', '...', '...'],
  '+': ['...', '.#.', '###', '.#.', '...'],
  ' ': ['...', '...', '...', '...', '...'],
};

/** Draws text at (x, y) with each font pixel `scale` pixels wide; unknown characters are skipped. */
export function drawText(image: Rgba, text: string, x: number, y: number, scale: number, colour: Colour): void {
  let cx = x;
  for (const ch of text) {
    const glyph = GLYPHS[ch];
    if (!glyph) continue;
    glyph.forEach((row, gy) => {
      [...row].forEach((cell, gx) => {
        if (cell === '#') fillRect(image, cx + gx * scale, y + gy * scale, scale, scale, colour);
      });
    });
    cx += 4 * scale;
  }
}

export const textWidth = (text: string, scale: number) => Math.max(0, [...text].length * 4 * scale - scale);
