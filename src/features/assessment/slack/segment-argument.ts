import { SEGMENTS, type SegmentKey } from '../domain/index.js';

const ALIASES: Record<string, SegmentKey> = {
  plg: 'pure_plg',
  'pure-plg': 'pure_plg',
  'plg-sales-assist': 'plg_sales_assist',
  'sales-assist': 'plg_sales_assist',
  'sales-led-freemium': 'sales_led_freemium',
  'sales-led': 'sales_led_freemium',
  freemium: 'sales_led_freemium',
  'devtools-plg': 'devtools_plg',
  devtools: 'devtools_plg',
  'developer-tools': 'devtools_plg',
};

/** How people type segments after `/loop assess`, for help texts. */
export const SEGMENT_ARGUMENTS = SEGMENTS.map((s) => `\`${s.key.replace(/_/g, '-')}\``).join(', ');

/** Accepts a segment key, its dashed form, a short alias or the segment's name ("PLG + Sales Assist"). */
export function parseSegmentArgument(raw: string): SegmentKey | undefined {
  const dashed = raw
    .trim()
    .toLowerCase()
    .replace(/[()]/g, '')
    .replace(/\s*\+\s*/g, '-')
    .replace(/[\s_]+/g, '-');
  const byKey = SEGMENTS.find((s) => s.key.replace(/_/g, '-') === dashed);
  const byName = SEGMENTS.find(
    (s) =>
      s.name
        .toLowerCase()
        .replace(/[()]/g, '')
        .replace(/\s*\+\s*/g, '-')
        .replace(/\s+/g, '-') === dashed,
  );
  return byKey?.key ?? byName?.key ?? ALIASES[dashed];
}
