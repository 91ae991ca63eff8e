import { describe, expect, it } from 'vitest';
import type { RoutingRule } from '../../src/features/mqa/domain/routing.js';
import { routesModal, ruleLines } from '../../src/features/mqa/slack/blocks/modals.js';

const rule = (id: number, region = `Region ${id}`, ownerIds: string[] = []): RoutingRule => ({
  id,
  position: id,
  segment: null,
  region,
  tier: null,
  source: null,
  intentTopic: null,
  channelId: 'C0SALES',
  ownerIds,
  routedCount: 0,
});

describe('routing rules in the routes modal', () => {
  it.each([
    { count: 3, shown: 3, more: null },
    { count: 40, shown: 40, more: null },
    { count: 41, shown: 40, more: '…and 1 more rule ' },
    { count: 65, shown: 40, more: '…and 25 more rules ' },
  ])('$count rules: $shown shown, then "$more"', ({ count, shown, more }) => {
    const text = ruleLines(Array.from({ length: count }, (_, i) => rule(i + 1)));
    const lines = text.split('\n');
    expect(lines.filter((l) => /^\d+\. /.test(l))).toHaveLength(shown);
    if (more) expect(lines.at(-1)).toContain(more);
    else expect(text).not.toContain('more rule');
  });

  it('long rules: whole lines only, within a section, and the count covers every rule not shown', () => {
    const owners = Array.from({ length: 8 }, (_, i) => `U0OWNER${i}`);
    const rules = Array.from({ length: 30 }, (_, i) => rule(i + 1, 'R'.repeat(60), owners));
    const text = ruleLines(rules);
    expect(text.length).toBeLessThanOrEqual(2900);
    const shown = text.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(shown.length).toBeLessThan(30);
    expect(shown.every((l) => l.endsWith(')'))).toBe(true);
    expect(text).toContain(`…and ${30 - shown.length} more rules`);
    expect(JSON.stringify(routesModal(rules))).toContain(`…and ${30 - shown.length} more rules`);
  });
});
