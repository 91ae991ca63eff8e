/** What a round respondent does for a living; the product-vs-marketing gap compares two of these. */

export const FUNCTIONS = [
  { key: 'product', name: 'Product' },
  { key: 'marketing', name: 'Marketing' },
  { key: 'sales', name: 'Sales' },
  { key: 'customer_success', name: 'Customer Success' },
  { key: 'other', name: 'Other' },
] as const;

export type FunctionKey = (typeof FUNCTIONS)[number]['key'];

export const FUNCTION_KEYS: readonly FunctionKey[] = FUNCTIONS.map((f) => f.key);

export const isFunctionKey = (value: unknown): value is FunctionKey =>
  typeof value === 'string' && (FUNCTION_KEYS as readonly string[]).includes(value);

export const functionName = (key: FunctionKey): string => FUNCTIONS.find((f) => f.key === key)?.name ?? key;
