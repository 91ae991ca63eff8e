import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createCanvas, fillRect } from '../../src/charts/canvas.js';
import { CHART_HEIGHT, CHART_WIDTH, renderDimensionChart } from '../../src/charts/dimension-chart.js';
import { crc32, encodePng } from '../../src/charts/png.js';
import { csvCell, toCsv } from '../../src/features/rounds/domain/csv.js';

/** Splits a PNG into chunks, checking each CRC. */
function chunks(png: Buffer) {
  const out: Array<{ type: string; data: Buffer }> = [];
  let at = 8;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    out.push({ type, data });
    at += 12 + length;
  }
  return out;
}

/** Decodes our own PNGs (filter 0 rows) back to RGBA. */
function decode(png: Buffer) {
  const parts = chunks(png);
  const ihdr = parts[0]!.data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(parts.filter((p) => p.type === 'IDAT').map((p) => p.data)));
  const pixel = (x: number, y: number) => {
    const row = y * (width * 4 + 1);
    expect(raw[row]).toBe(0);
    const i = row + 1 + x * 4;
    return [raw[i], raw[i + 1], raw[i + 2], raw[i + 3]];
  };
  return { width, height, types: parts.map((p) => p.type), ihdr, pixel };
}

describe('PNG encoder', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('writes signature, IHDR (8-bit RGBA), IDAT and IEND, and round-trips the pixels', () => {
    const image = createCanvas(3, 2, [255, 255, 255]);
    fillRect(image, 1, 1, 1, 1, [10, 20, 30, 40]);
    const png = encodePng(image);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const decoded = decode(png);
    expect(decoded.types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([decoded.width, decoded.height, decoded.ihdr[8], decoded.ihdr[9]]).toEqual([3, 2, 8, 6]);
    expect(decoded.pixel(1, 1)).toEqual([10, 20, 30, 40]);
    expect(decoded.pixel(0, 0)).toEqual([255, 255, 255, 255]);
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => encodePng({ width: 2, height: 2, data: new Uint8Array(15) })).toThrow(RangeError);
  });
});

describe('dimension chart', () => {
  const current = { data_integration: 5, activation: 1, usage_campaigns: 3, pqls: 3, feedback_loop: 3 };
  const bottom = CHART_HEIGHT - 40;
  const slot = (CHART_WIDTH - 16 - 48) / 5;
  const centre = (i: number) => Math.round(48 + slot * i + slot / 2);
  const navy = [29, 53, 87, 255];
  const pale = [168, 200, 230, 255];

  it('draws taller bars for higher scores', () => {
    const { pixel } = decode(renderDimensionChart({ current }));
    const fourLevelsUp = bottom - 4 * ((bottom - 32) / 5) + 4;
    expect(pixel(centre(0), Math.round(fourLevelsUp))).toEqual(navy); // 5: bar reaches above level 4
    expect(pixel(centre(1), Math.round(fourLevelsUp))).not.toEqual(navy); // 1: it does not
    expect(pixel(centre(1), bottom - 5)).toEqual(navy);
  });

  it('overlays the previous result as a wider pale bar behind the current one', () => {
    const { pixel } = decode(renderDimensionChart({ current, previous: { ...current, activation: 4 } }));
    const x = Math.round(centre(1) + slot * 0.27); // outside the current bar, inside the previous one
    expect(pixel(x, bottom - 5)).toEqual(pale);
    expect(pixel(centre(1), bottom - 5)).toEqual(navy);
    const withoutPrevious = decode(renderDimensionChart({ current }));
    expect(withoutPrevious.pixel(x, bottom - 5)).toEqual([255, 255, 255, 255]);
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and newlines, and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1.5')).toBe('-1.5');
    expect(csvCell(3)).toBe('3');
    expect(
      toCsv([
        ['a', 1],
        ['b', 2],
      ]),
    ).toBe('a,1\r\nb,2\r\n');
  });
});
