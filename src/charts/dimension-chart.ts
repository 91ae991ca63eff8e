/**
 * The five-dimension bar chart: one bar per dimension on a 0-5 scale, the previous result drawn as a wider
 * pale bar behind the current one. Labels are numbers only (the message text names the dimensions, in order).
 */
import { DIMENSION_KEYS, type DimensionKey } from '../features/assessment/domain/index.js';
import { type Colour, createCanvas, drawText, fillRect, textWidth } from './canvas.js';
import { encodePng } from './png.js';

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 320;

const BACKGROUND: Colour = [255, 255, 255];
const GRID: Colour = [225, 228, 232];
const AXIS: Colour = [110, 115, 125];
const CURRENT: Colour = [29, 53, 87];
const PREVIOUS: Colour = [168, 200, 230];
const TEXT: Colour = [40, 40, 40];

export interface DimensionChart {
  current: Readonly<Record<DimensionKey, number>>;
  previous?: Readonly<Record<DimensionKey, number>>;
}

export function renderDimensionChart(chart: DimensionChart): Buffer {
  const image = createCanvas(CHART_WIDTH, CHART_HEIGHT, BACKGROUND);
  const left = 48;
  const right = CHART_WIDTH - 16;
  const top = 32;
  const bottom = CHART_HEIGHT - 40;
  const unit = (bottom - top) / 5;

  for (let level = 0; level <= 5; level++) {
    const y = bottom - level * unit;
    fillRect(image, left, y, right - left, 1, level === 0 ? AXIS : GRID);
    drawText(image, String(level), left - 20, y - 5, 2, AXIS);
  }

  const slot = (right - left) / DIMENSION_KEYS.length;
  DIMENSION_KEYS.forEach((key, i) => {
    const centre = left + slot * i + slot / 2;
    const previous = chart.previous?.[key];
    if (previous !== undefined) {
      const h = previous * unit;
      fillRect(image, centre - slot * 0.32, bottom - h, slot * 0.64, h, PREVIOUS);
    }
    const value = chart.current[key];
    const h = value * unit;
    fillRect(image, centre - slot * 0.2, bottom - h, slot * 0.4, h, CURRENT);
    const label = value.toFixed(1);
    drawText(image, label, centre - textWidth(label, 2) / 2, bottom - h - 16, 2, TEXT);
    // Dimension number (1-5, rubric order) under the axis.
    const number = String(i + 1);
    drawText(image, number, centre - textWidth(number, 3) / 2, bottom + 12, 3, AXIS);
  });
  return encodePng(image);
}

/** The legend the chart itself can't write: it goes into the upload's comment and alt text. */
export function chartLegend(chart: DimensionChart, names: Readonly<Record<DimensionKey, string>>): string {
  return DIMENSION_KEYS.map((key, i) => {
    const prev = chart.previous ? ` (previous ${chart.previous[key].toFixed(1)})` : '';
    return `${i + 1} ${names[key]}: ${chart.current[key].toFixed(1)}${prev}`;
  }).join('; ');
}
