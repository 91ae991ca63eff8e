/**
 * The Marketing-Product Feedback Loop Assessment rubric: five dimensions, five levels each,
 * and the red flags of each dimension. Texts are verbatim from the seed
 * (`seeds/001_67cf8e8d72831086.txt`); keys are stable because they are stored.
 */

export const DIMENSION_KEYS = ['data_integration', 'activation', 'usage_campaigns', 'pqls', 'feedback_loop'] as const;
export type DimensionKey = (typeof DIMENSION_KEYS)[number];

export const SCORES = [1, 2, 3, 4, 5] as const;
export type Score = (typeof SCORES)[number];

export const LEVEL_NAMES = {
  1: 'Ad hoc',
  2: 'Emerging',
  3: 'Defined',
  4: 'Managed',
  5: 'Optimized',
} as const satisfies Record<Score, string>;
export type LevelName = (typeof LEVEL_NAMES)[Score];

export interface Level {
  readonly score: Score;
  readonly name: LevelName;
  readonly description: string;
  readonly evidence: string;
}

export interface RedFlag {
  /** Stable storage key, `<dimension>.<slug>`. */
  readonly key: string;
  readonly dimension: DimensionKey;
  readonly text: string;
}

export interface Dimension {
  readonly key: DimensionKey;
  /** Full name, e.g. "Data Integration & Infrastructure". */
  readonly name: string;
  /** Short label as used in the seed's overall-score formula, e.g. "Data Integration". */
  readonly shortLabel: string;
  /** The seed's "What this measures" sentence. */
  readonly measures: string;
  /** Levels 1..5 in order; `levels[score - 1].score === score`. */
  readonly levels: readonly [Level, Level, Level, Level, Level];
  readonly redFlags: readonly RedFlag[];
}

type LevelRow = readonly [description: string, evidence: string];
type Rows = readonly [LevelRow, LevelRow, LevelRow, LevelRow, LevelRow];

function defineDimension(
  key: DimensionKey,
  name: string,
  shortLabel: string,
  measures: string,
  rows: Rows,
  flags: ReadonlyArray<readonly [slug: string, text: string]>,
): Dimension {
  const lv = (i: 0 | 1 | 2 | 3 | 4): Level => {
    const score = (i + 1) as Score;
    const [description, evidence] = rows[i];
    return Object.freeze({ score, name: LEVEL_NAMES[score], description, evidence });
  };
  return Object.freeze({
    key,
    name,
    shortLabel,
    measures,
    levels: Object.freeze([lv(0), lv(1), lv(2), lv(3), lv(4)] as const),
    redFlags: Object.freeze(
      flags.map(([slug, text]) => Object.freeze({ key: `${key}.${slug}`, dimension: key, text })),
    ),
  });
}

export const DIMENSIONS: readonly Dimension[] = Object.freeze([
  defineDimension(
    'data_integration',
    'Data Integration & Infrastructure',
    'Data Integration',
    'How well product usage data flows to and from marketing systems.',
    [
      [
        'Product and marketing data in separate systems; no sharing',
        'Marketing cannot see signups or usage; no integration',
      ],
      [
        'Signups flow to CRM; some events sent to marketing; 24+ hour delay',
        'Signup events sync; few key events shared; most data stays in product analytics',
      ],
      [
        'Real-time product events to marketing; 10+ key events synced; unified profiles',
        'Customer profiles enriched with usage; product and marketing data joined in warehouse',
      ],
      [
        'CDP unifies all data; event-driven architecture; identity resolution',
        'Anonymous-to-known stitching; real-time streaming; sub-hour latency',
      ],
      [
        'Bi-directional data flow; ML models predict across both systems',
        'Product personalizes from marketing data; marketing from product data',
      ],
    ],
    [
      ['no_usage_visibility', 'Marketing cannot see product usage'],
      ['no_analytics_automation_integration', 'no integration between analytics and automation'],
      ['manual_data_syncs', 'manual data syncs'],
    ],
  ),
  defineDimension(
    'activation',
    'Activation & Onboarding',
    'Activation',
    'How well marketing and product collaborate to drive new user activation.',
    [
      [
        'No activation metric; onboarding is product-only; marketing stops at signup',
        'Marketing measures signups only; time-to-value not measured',
      ],
      [
        'Basic onboarding emails; activation loosely defined; not tracked by marketing',
        'Welcome email series; in-app tooltips; marketing and product not coordinated',
      ],
      [
        'Activation metric jointly owned; multi-channel onboarding; rate tracked weekly',
        'Clear activation metric; onboarding tied to behavior; A/B testing on flows',
      ],
      [
        'Personalized onboarding by use case; activation segmented per cohort; >30% rate',
        'Segmented onboarding paths; time-to-value by cohort; in-app + email orchestrated',
      ],
      [
        'AI-powered adaptive onboarding; sub-hour time-to-value; >50% activation',
        'AI adapts in real-time; predictive at-risk identification; hours to value',
      ],
    ],
    [
      ['no_activation_metric', 'No defined activation metric'],
      ['marketing_stops_at_signup', 'marketing stops at signup'],
      ['time_to_value_unmeasured', 'time-to-value unmeasured'],
      ['activation_below_15_percent', 'activation below 15%'],
    ],
  ),
  defineDimension(
    'usage_campaigns',
    'Usage-Driven Campaigns',
    'Usage Campaigns',
    'How product usage data triggers and personalizes marketing campaigns.',
    [
      [
        'No usage-based campaigns; all demographic or time-based',
        'Same email to all; no behavioral triggers; calendar-driven only',
      ],
      [
        'Few basic triggers (inactive user email); not personalized',
        '1-3 behavioral triggers; generic re-engagement; no usage segmentation',
      ],
      [
        'Usage-based segments drive targeting; feature adoption campaigns; 5-10 flows',
        'Active/at-risk/dormant segments; feature campaigns; 5-10 behavioral flows',
      ],
      [
        'Personalized by individual usage; dynamic content; upgrade triggers',
        'Usage-based personalization; upgrade at plan limits; cross-sell by feature patterns',
      ],
      [
        'AI determines optimal message, channel, timing per user from usage',
        'Predictive campaigns anticipate needs; fully autonomous optimization',
      ],
    ],
    [
      ['no_behavioral_triggers', 'Zero behavioral triggers'],
      ['all_blast_sends', 'all blast sends'],
      ['no_usage_segmentation', 'usage data not used for segmentation'],
      ['no_feature_adoption_campaigns', 'no feature adoption campaigns'],
    ],
  ),
  defineDimension(
    'pqls',
    'Product-Qualified Leads',
    'PQLs',
    'Whether the company identifies and operationalizes product-qualified leads.',
    [
      [
        'No PQL concept; leads are MQLs from content; usage not in scoring',
        'Leads from form fills only; free users never flagged to sales',
      ],
      [
        'PQL concept discussed; some manual identification; no scoring',
        'CS occasionally flags active free users; no automated handoff',
      ],
      [
        'PQL scoring model based on usage thresholds; automated alerts; conversion tracked',
        'PQL defined and automated; conversion rate tracked; alerts to sales',
      ],
      [
        'Multi-signal PQL model; CRM integrated; PQL tiers with different routing',
        'ML-enhanced scoring; enterprise PQLs get high-touch; SMB get automated upgrade',
      ],
      [
        'Predictive PQL model; PQL drives 50%+ of pipeline; continuously refined',
        'Predictive scoring; PQL is primary pipeline source; model trained on conversion data',
      ],
    ],
    [
      ['no_pql_definition', 'No PQL definition'],
      ['free_users_not_surfaced', 'free users never surfaced to sales'],
      ['usage_not_in_lead_scoring', 'usage not in lead scoring'],
      ['all_leads_from_content', 'all leads from content engagement'],
    ],
  ),
  defineDimension(
    'feedback_loop',
    'Feedback Loop Closure',
    'Feedback Loop',
    'Whether insights flow bidirectionally between product and marketing teams.',
    [
      [
        'No structured feedback; teams operate independently; no shared metrics',
        'Separate OKRs; no joint meetings; last-minute launch communication',
      ],
      [
        'Occasional sharing; marketing learns post-launch; some shared metrics',
        'Monthly update; launch content created but not involved in planning',
      ],
      [
        'Marketing in launch planning; product gets customer insights; shared dashboard',
        '4+ week launch planning; customer feedback shared; quarterly strategy alignment',
      ],
      [
        'Continuous collaboration; shared experimentation; joint growth team',
        'Growth pod; experiments designed jointly; A/B results inform both teams',
      ],
      [
        'Fully integrated growth engine; shared P&L; AI optimizes across both',
        'Unified growth function; end-to-end journey orchestration',
      ],
    ],
    [
      ['teams_never_meet', 'Teams never meet'],
      ['launches_surprise_marketing', 'launches surprise marketing'],
      ['no_shared_kpis', 'no shared KPIs'],
      ['feedback_not_reaching_product', 'customer feedback from marketing does not reach product'],
    ],
  ),
]);

const BY_KEY = new Map<string, Dimension>(DIMENSIONS.map((d) => [d.key, d]));
const FLAGS_BY_KEY = new Map<string, RedFlag>(DIMENSIONS.flatMap((d) => d.redFlags.map((f) => [f.key, f] as const)));

/** All red flags in rubric order (dimension order, then seed order). */
export const RED_FLAGS: readonly RedFlag[] = Object.freeze([...FLAGS_BY_KEY.values()]);

export function isDimensionKey(value: unknown): value is DimensionKey {
  return typeof value === 'string' && BY_KEY.has(value);
}

export function isScore(value: unknown): value is Score {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

export function dimension(key: DimensionKey): Dimension {
  const found = BY_KEY.get(key);
  if (!found) throw new RangeError(`Unknown dimension key: ${String(key)}`);
  return found;
}

export function level(key: DimensionKey, score: Score): Level {
  if (!isScore(score)) throw new RangeError(`Score must be an integer 1..5, got ${String(score)}`);
  return dimension(key).levels[score - 1] as Level;
}

/** The red flag with this key, or undefined when the key is unknown (e.g. a retired key). */
export function redFlag(flagKey: string): RedFlag | undefined {
  return FLAGS_BY_KEY.get(flagKey);
}
