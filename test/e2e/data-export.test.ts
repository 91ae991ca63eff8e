import { describe, expect, it } from 'vitest';
import { TEAM_TABLES } from '../../src/features/data/tables.js';
import { parseCsv } from '../../src/features/mqa/domain/csv.js';
import type { SlackDouble } from '../../src/slack-double/index.js';
import { blockText } from '../helpers/assess-journey.js';
import { ALICE, BOB_ADMIN, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import { FORMULA, OTHER_TEAM, QUOTED, seedInstallation, seedTeamData } from '../helpers/team-data.js';
import { unzip } from '../helpers/zip.js';

const start = useLoopkeeper();
const TEAM = 'T0TEST';

async function command(double: SlackDouble, text: string, userId: string): Promise<string> {
  const before = double.callsTo('response_url').length;
  await double.slashCommand({ command: '/loop', text, userId, channelId: GENERAL });
  const call = await double.waitForCall('response_url', (c) => double.callsTo('response_url').indexOf(c) >= before);
  return blockText(call.args.blocks) || String(call.args.text);
}

/** Records of one CSV file, header first. */
function records(csv: Buffer): string[][] {
  const parsed = parseCsv(csv.toString('utf8'));
  if (!parsed.ok) throw new Error(`not CSV: line ${parsed.line}: ${parsed.error}`);
  return parsed.rows.map((r) => r.fields);
}

describe('/loop data export', () => {
  it('refuses people who are not Loopkeeper admins, naming who may, and uploads nothing', async () => {
    const { double, app } = await start();
    await seedTeamData(app.db, TEAM);
    expect(await command(double, 'data export', ALICE)).toBe(
      ":lock: Only Loopkeeper admins can export the workspace's data. Workspace admins and owners are admins, and they can add others in `/loop settings`.",
    );
    expect(double.files()).toEqual([]);
    expect(double.callsTo('files.completeUploadExternal')).toEqual([]);
    expect(double.violations).toEqual([]);
  });

  it("DMs an admin one zip with a CSV per table of this workspace's rows only, defused, without tokens", async () => {
    const { double, app } = await start();
    const expected = await seedTeamData(app.db, TEAM);
    await seedTeamData(app.db, OTHER_TEAM, 'U0OTHER');
    await seedInstallation(app.db, TEAM);
    await seedInstallation(app.db, OTHER_TEAM);
    const tables = Object.keys(expected).filter((t) => expected[t]! > 0);
    const total = tables.reduce((sum, t) => sum + expected[t]!, 0);

    const answer = await command(double, 'data export', BOB_ADMIN);
    expect(answer).toBe(
      `:inbox_tray: I sent you the export in a DM: one zip with ${tables.length} CSV files, ${total} rows in all.`,
    );
    expect(double.callsTo('conversations.open').at(-1)?.args.users).toBe(BOB_ADMIN);
    const file = double.files().find((f) => f.name.endsWith('.zip'))!;
    expect(file.name).toBe('loopkeeper-data-T0TEST-2026-11-23.zip');
    expect(file.channels).toEqual([double.channel(BOB_ADMIN)!.id]);
    const comment = file.initial_comment!;
    expect(comment).toContain(
      `Loopkeeper data of this workspace: ${total} rows in ${tables.length} tables, one CSV file per table with a header row. Slack tokens are not included.`,
    );
    expect(comment).toContain('• `teams`: 1 row');
    expect(comment).toContain('• `assessment_scores`: 2 rows');
    expect(comment).toContain('• `gtm_spend`: 1 row');
    expect(comment).not.toContain('installations');

    const files = unzip(file.bytes!);
    expect(files.map((f) => f.name)).toEqual(
      TEAM_TABLES.filter((t) => expected[t.name]! > 0).map((t) => `${t.name}.csv`),
    );
    const byName = new Map(files.map((f) => [f.name, f.data]));
    for (const table of tables) {
      const rows = records(byName.get(`${table}.csv`)!);
      expect(rows.length - 1, table).toBe(expected[table]);
      // Rows reached through a parent are this team's too: their parent's id is one of this team's.
      if (table === 'assessment_scores') expect(rows[0]).toEqual(['assessment_id', 'dimension', 'score', 'note']);
    }
    const everything = files.map((f) => f.data.toString('utf8')).join('\n');
    expect(everything).not.toMatch(/t0other|U0OTHER/i);
    expect(everything).not.toContain('sealed');
    expect(everything).not.toContain('secret-hash');

    // Header row, RFC 4180 quoting, and formulas defused with a leading quote mark.
    const risks = records(byName.get('risks.csv')!);
    const risk = Object.fromEntries(risks[0]!.map((column, i) => [column, risks[1]![i]]));
    expect(risk).toMatchObject({
      team_id: TEAM,
      title: `'${FORMULA}`,
      description: QUOTED,
      mitigation: "'-",
      kpis: "'@pipeline",
      likelihood: '3',
      status: 'closed',
      resolution: 'accepted',
    });
    const riskCsv = byName.get('risks.csv')!.toString('utf8');
    expect(riskCsv.startsWith('id,team_id,category,title,description,')).toBe(true);
    expect(riskCsv).toContain(`"'=HYPERLINK(""https://evil.example"",""click"")"`);
    expect(riskCsv).toContain('"Churn, ""soon"", and\nmore"');
    expect(riskCsv.endsWith('\r\n')).toBe(true);
    const deals = records(byName.get('gtm_deals.csv')!);
    expect(deals[1]![deals[0]!.indexOf('amount_minor')]).toBe('-125000');
    const teams = records(byName.get('teams.csv')!);
    expect(teams[0]).toContain('uninstalled_at');
    expect(teams[1]![teams[0]!.indexOf('uninstalled_at')]).toBe('');
    if (byName.has('ingest_tokens.csv')) {
      const tokens = records(byName.get('ingest_tokens.csv')!);
      expect(tokens[0]).not.toContain('token_hash');
      expect(tokens[0]).toContain('token_prefix');
    }
    expect(double.violations).toEqual([]);
  });

  it('exports an empty workspace as header-only files, and says why when the upload fails', async () => {
    const { double, app } = await start();
    await seedTeamData(app.db, OTHER_TEAM, 'U0OTHER');
    double.failNext('files.getUploadURLExternal', { error: 'internal_error' });
    expect(await command(double, 'data export', BOB_ADMIN)).toBe(
      ":warning: I couldn't send you the export (internal_error). Nothing was shared. Try again in a moment.",
    );

    const answer = await command(double, 'data export', BOB_ADMIN);
    expect(answer).toMatch(/^:inbox_tray: I sent you the export in a DM: one zip with \d+ CSV files, 0 rows in all\.$/);
    const file = double.files().find((f) => f.name.endsWith('.zip'))!;
    expect(file.initial_comment).toContain('No rows (header only): `teams`, `team_admins`, `assessments`');
    for (const f of unzip(file.bytes!)) expect(records(f.data), f.name).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });
});
