/** Ordered routing rules: the first rule whose every set criterion matches names the sales channel. Pure. */

export interface RoutingCriteria {
  segment: string | null;
  region: string | null;
  tier: string | null;
  source: string | null;
  intentTopic: string | null;
}

export interface RoutingRule extends RoutingCriteria {
  id: number;
  position: number;
  channelId: string;
  /** One owner, or several taken in turn (round robin); empty: no owner. */
  ownerIds: string[];
  /** How many items this rule has routed; the round-robin position. */
  routedCount: number;
}

export interface RoutableItem {
  segment: string | null;
  region: string | null;
  tier: string | null;
  source: string;
  intentTopics: string[];
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function ruleMatches(rule: RoutingCriteria, item: RoutableItem): boolean {
  const field = (want: string | null, have: string | null) => want === null || (have !== null && same(want, have));
  return (
    field(rule.segment, item.segment) &&
    field(rule.region, item.region) &&
    field(rule.tier, item.tier) &&
    field(rule.source, item.source) &&
    (rule.intentTopic === null || item.intentTopics.some((t) => same(t, rule.intentTopic as string)))
  );
}

export type RouteDecision =
  | { kind: 'rule'; rule: RoutingRule; channelId: string; ownerId: string | null }
  | { kind: 'default'; channelId: string; ownerId: null }
  | { kind: 'none' };

/** The first matching rule by position, else the default channel, else nothing (the reviewer is told). */
export function routeItem(rules: RoutingRule[], item: RoutableItem, defaultChannelId: string | null): RouteDecision {
  const rule = [...rules].sort((a, b) => a.position - b.position || a.id - b.id).find((r) => ruleMatches(r, item));
  if (rule)
    return { kind: 'rule', rule, channelId: rule.channelId, ownerId: pickOwner(rule.ownerIds, rule.routedCount) };
  if (defaultChannelId) return { kind: 'default', channelId: defaultChannelId, ownerId: null };
  return { kind: 'none' };
}

/** Round robin: the n-th routed item goes to owner n mod count. */
export function pickOwner(ownerIds: string[], routedCount: number): string | null {
  if (ownerIds.length === 0) return null;
  return ownerIds[routedCount % ownerIds.length] ?? null;
}

export function describeRule(rule: RoutingCriteria): string {
  const parts = (
    [
      ['segment', rule.segment],
      ['region', rule.region],
      ['tier', rule.tier],
      ['source', rule.source],
      ['intent', rule.intentTopic],
    ] as const
  )
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k} = ${v}`);
  return parts.length > 0 ? parts.join(', ') : 'everything';
}
