import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import { createRiskDigestSectionProvider } from '../../src/features/risks/digest-section.js';
import { createRisksRepository } from '../../src/features/risks/repository.js';
import { tableBlock } from '../../src/slack/table.js';
import { tableRows } from '../helpers/table.js';
import { type TestDatabase, testDatabase } from '../helpers/test-database.js';

const opened: Array<{ db: Db; database: TestDatabase }> = [];
afterEach(async () => {
  for (const { db, database } of opened.splice(0)) {
    await db.destroy();
    await database.dispose();
  }
});

async function database() {
  const created = await testDatabase();
  const db = await openDatabase(created.url);
  await migrateToLatest(db);
  opened.push({ db, database: created });
  return db;
}

const fields = (title: string, likelihood: number, impact: number, reviewDate: string) => ({
  category: 'pipeline_generation',
  title,
  description: '',
  likelihood,
  impact,
  score: likelihood * impact,
  mitigation: '',
  kpis: '',
  ownerId: 'U0BOB',
  reviewDate,
});
const at = (iso: string) => ({ actor: 'U0ALICE', at: new Date(iso), sourceViewId: null });

describe("the GTM review digest's risk section", () => {
  it('lists the top five open risks, the ones whose score rose since the last review, and the overdue ones', async () => {
    const db = await database();
    const risks = createRisksRepository(db);
    const { risk: rising } = await risks.insert(
      'T1',
      fields('Win rate <20% & dropping', 2, 3, '2026-12-01'),
      at('2026-11-01T10:00:00Z'),
    );
    const { risk: overdue } = await risks.insert(
      'T1',
      fields('Partner program stalls', 3, 4, '2026-11-20'),
      at('2026-11-01T10:00:00Z'),
    );
    const { risk: falling } = await risks.insert(
      'T1',
      fields('Brand confusion', 4, 4, '2026-12-01'),
      at('2026-11-01T10:00:00Z'),
    );
    for (const [i, score] of [1, 2, 3, 4].entries())
      await risks.insert('T1', fields(`Minor ${i}`, 1, score, '2026-12-01'), at('2026-11-02T10:00:00Z'));
    const { risk: closed } = await risks.insert(
      'T1',
      fields('Closed one', 5, 5, '2026-11-10'),
      at('2026-11-01T10:00:00Z'),
    );
    await risks.close('T1', closed.id, 'gone', at('2026-11-03T10:00:00Z'));
    await risks.rescore(
      'T1',
      rising.id,
      { likelihood: 4, impact: 5, score: 20 },
      'competitor',
      at('2026-11-10T10:00:00Z'),
    );
    await risks.rescore('T1', falling.id, { likelihood: 2, impact: 4, score: 8 }, '', at('2026-11-11T10:00:00Z'));
    // Created inside the period: new, not "rose".
    await risks.insert('T1', fields('Fresh risk', 3, 3, '2026-12-01'), at('2026-11-12T10:00:00Z'));

    const provider = createRiskDigestSectionProvider({ risks });
    expect(provider.key).toBe('risks');
    const section = await provider.build({
      teamId: 'T1',
      from: new Date('2026-11-05T00:00:00Z'),
      to: new Date('2026-11-23T10:00:00Z'),
      timeZone: 'Europe/Berlin',
    });

    expect(section.key).toBe('risks');
    const [topTitle, ...rest] = section.lines;
    expect(topTitle).toBe('*Top 5 open risks by score* (of 8 open)');
    expect(rest.slice(0, 5)).toEqual([
      '• *20* Critical · Win rate &lt;20% &amp; dropping · owner <@U0BOB>',
      '• *12* High · Partner program stalls · owner <@U0BOB>',
      '• *9* Medium · Fresh risk · owner <@U0BOB>',
      '• *8* Medium · Brand confusion · owner <@U0BOB>',
      '• *4* Low · Minor 3 · owner <@U0BOB>',
    ]);
    expect(section.lines).toContain('*Score rose since the last review*');
    expect(section.lines.filter((l) => l.includes('→'))).toEqual([
      '• Win rate &lt;20% &amp; dropping: 6 → 20 (Critical) · owner <@U0BOB>',
    ]);
    expect(section.lines).toContain('*Past their review date*');
    expect(section.lines.filter((l) => l.includes('review was due'))).toEqual([
      '• Partner program stalls: review was due Fri 20 Nov 2026 · owner <@U0BOB>',
    ]);
    expect(section.lines.join('\n')).not.toContain('Closed one');

    // The same risks as a table: titles as typed (raw text is not mrkdwn), changes with arrows, owners as mentions.
    const bob = '<@U0BOB>';
    // Review dates are Slack dates (midday in the team's zone, Berlin: 11:00 UTC) with a readable fallback.
    const dec1 = `<!date^${Date.UTC(2026, 11, 1, 11) / 1000}^{date_short_pretty}|Tue 1 Dec 2026>`;
    const nov20 = `<!date^${Date.UTC(2026, 10, 20, 11) / 1000}^{date_short_pretty}|Fri 20 Nov 2026> (overdue)`;
    expect(section.table?.before).toEqual([
      '*5 of 8 open risks*: the top 5 by score, and any whose score rose since the last review or whose review date has passed, highest score first',
    ]);
    expect(section.table?.model.columns.map((c) => c.header)).toEqual([
      'Risk',
      'Score',
      'Severity',
      'Since last review',
      'Review',
      'Owner',
    ]);
    expect(tableRows([tableBlock(section.table!.model)]).slice(1)).toEqual([
      ['Win rate <20% & dropping', '20', 'Critical', '▲ +14 (6 → 20)', dec1, bob],
      ['Partner program stalls', '12', 'High', '–', nov20, bob],
      ['Fresh risk', '9', 'Medium', 'new', dec1, bob],
      ['Brand confusion', '8', 'Medium', '▼ −8 (16 → 8)', dec1, bob],
      ['Minor 3', '4', 'Low', '–', dec1, bob],
    ]);
    // The typed title is a text run: Slack shows it literally, so it is not escaped there.
    expect(section.table!.model.rows[0]![0]).toEqual({ typed: 'Win rate <20% & dropping' });
    expect(section.table?.after).toEqual([]);
    // Building the digest only reads: the overdue risk is still open with its old review date.
    expect(await risks.findById('T1', overdue.id)).toMatchObject({
      status: 'open',
      reviewDate: '2026-11-20',
      title: 'Partner program stalls',
    });
  });

  it('counts in words that fit the number: one top risk, one more overdue', async () => {
    const db = await database();
    const risks = createRisksRepository(db);
    const provider = createRiskDigestSectionProvider({ risks });
    const period = {
      teamId: 'T1',
      from: new Date('2026-11-05T00:00:00Z'),
      to: new Date('2026-11-23T10:00:00Z'),
      timeZone: 'UTC',
    };
    await risks.insert('T1', fields('Only one', 2, 3, '2026-11-10'), at('2026-11-01T10:00:00Z'));
    const one = await provider.build(period);
    expect(one.lines[0]).toBe('*Top open risk by score* (of 1 open)');
    expect(one.table?.before).toEqual(['*The only open risk*']);

    for (let i = 0; i < 10; i++)
      await risks.insert('T1', fields(`Late ${i}`, 1, 1, '2026-11-11'), at('2026-11-01T10:00:00Z'));
    const lines = (await provider.build(period)).lines;
    expect(lines.filter((l) => l.includes('review was due'))).toHaveLength(10);
    expect(lines.at(-1)).toBe('…and 1 more risk is overdue; `/loop risk list` shows them all.');
    // The table has room for every overdue one.
    const table = (await provider.build(period)).table!;
    expect(table.before).toEqual(['*All 11 open risks*, highest score first']);
    expect(
      tableRows([tableBlock(table.model)]).filter((r) => r[4]!.endsWith('|Wed 11 Nov 2026> (overdue)')),
    ).toHaveLength(10);
    await risks.insert('T1', fields('Late again', 1, 1, '2026-11-11'), at('2026-11-01T10:00:00Z'));
    expect((await provider.build(period)).lines.at(-1)).toBe(
      '…and 2 more risks are overdue; `/loop risk list` shows them all.',
    );
  });

  it('says plainly that the register is empty, with nothing invented', async () => {
    const db = await database();
    const section = await createRiskDigestSectionProvider({ risks: createRisksRepository(db) }).build({
      teamId: 'T1',
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-23T00:00:00Z'),
      timeZone: 'UTC',
    });
    expect(section.lines).toEqual([]);
    expect(section.table).toBeUndefined();
    expect(section.emptyText).toBe('No open risks in the register. Add one with `/loop risk add`.');
  });
});
