/** Risk categories from the operating framework's risk register, plus "other". Keys are stored; labels are shown. */
export const RISK_CATEGORIES = [
  { key: 'market_positioning', label: 'Market positioning' },
  { key: 'pipeline_generation', label: 'Pipeline generation' },
  { key: 'brand_perception', label: 'Brand perception' },
  { key: 'execution_capacity', label: 'Execution capacity' },
  { key: 'channel_dependency', label: 'Channel or partner dependency' },
  { key: 'other', label: 'Other' },
] as const;

export type RiskCategory = (typeof RISK_CATEGORIES)[number]['key'];

export const isRiskCategory = (value: string): value is RiskCategory => RISK_CATEGORIES.some((c) => c.key === value);

export const categoryLabel = (key: string): string => RISK_CATEGORIES.find((c) => c.key === key)?.label ?? 'Other';
