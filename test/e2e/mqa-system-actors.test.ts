import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMqaImport } from '../../src/cli/mqa-import.js';
import { blockText } from '../helpers/assess-journey.js';
import { ALICE, useLoopkeeper } from '../helpers/loopkeeper.js';
import {
  addAccount,
  configureMqa,
  DAVE_SELLER,
  INGEST_TOKEN,
  messagesIn,
  postMqa,
  REVIEW,
  SALES_EMEA,
  seedMqaWorkspace,
  validateReview,
} from './mqa-helpers.js';

const start = useLoopkeeper();

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

type Ctx = Awaited<ReturnType<typeof start>>;

const reviewOf = (ctx: Ctx, account: string) =>
  messagesIn(ctx.double, REVIEW).find((m) => blockText(m.blocks).includes(`*${account}*`));

/** Carol validates the account from its review post; EMEA routes it to #sales-emea. */
async function validate(ctx: Ctx, account: string) {
  const { double, app } = ctx;
  const review = reviewOf(ctx, account);
  if (!review) throw new Error(`no review post for ${account}`);
  await validateReview(double, app.idle, review.ts);
}

const publishedFor = (ctx: Ctx) => ctx.double.callsTo('views.publish').map((c) => c.args.user_id);

describe('MQA: ingest and the CSV import are not people', () => {
  it('an ingested account is shown as added by "ingest", and its changes refresh only real people\'s Home', async () => {
    const ctx = await start({ env: { INGEST_TOKEN } });
    const { double, app } = ctx;
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    expect(
      (
        await postMqa(app.http.port, {
          team_id: 'T0TEST',
          accountName: 'Globex',
          domain: 'globex.io',
          source: 'engagement',
          region: 'EMEA',
        })
      ).status,
    ).toBe(200);
    await app.tick();
    expect(blockText(reviewOf(ctx, 'Globex')!.blocks)).toContain('Added by ingest');

    await validate(ctx, 'Globex');
    const card = messagesIn(double, SALES_EMEA).at(-1)!;
    await double.blockAction({
      userId: DAVE_SELLER,
      actionId: 'mqa_acknowledge',
      channelId: SALES_EMEA,
      messageTs: card.ts,
    });
    await app.idle();

    const item = await app.db
      .selectFrom('mqa_items')
      .select(['status', 'created_by', 'owner_id'])
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({ status: 'acknowledged', created_by: 'ingest' });
    // The owner and the acknowledger got their Home refreshed; "ingest" was never taken for a Slack user.
    expect(publishedFor(ctx)).toContain(DAVE_SELLER);
    expect(publishedFor(ctx)).not.toContain('ingest');
    expect(ctx.logLines.filter((l) => l.includes('App Home refresh failed'))).toEqual([]);
    expect(double.calls.filter((c) => JSON.stringify(c.args).includes('<@ingest>'))).toEqual([]);
    expect(double.violations).toEqual([]);
  });

  it('an imported account is shown as added by "CSV import"; one added in Slack names the person', async () => {
    const ctx = await start();
    const { double, app } = ctx;
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    const dir = mkdtempSync(join(tmpdir(), 'loopkeeper-mqa-actors-'));
    dirs.push(dir);
    const file = join(dir, 'accounts.csv');
    writeFileSync(file, 'account_name,domain,source,region\nInitech,initech.io,event,EMEA\n');
    expect(
      await runMqaImport(
        [file, '--team', 'T0TEST'],
        ctx.databaseUrl,
        { stdout: () => {}, stderr: () => {} },
        ctx.clock.now,
      ),
    ).toBe(0);
    await app.tick();
    await addAccount(double, app.idle, ALICE, {
      'mqa_account/value': 'Acme',
      'mqa_domain/value': 'acme.io',
      'mqa_source/value': 'engagement',
      'mqa_region/value': 'EMEA',
    });
    expect(blockText(reviewOf(ctx, 'Initech')!.blocks)).toContain('Added by CSV import');
    expect(blockText(reviewOf(ctx, 'Acme')!.blocks)).toContain(`Added by <@${ALICE}>`);

    await validate(ctx, 'Initech');
    await validate(ctx, 'Acme');
    // Alice added Acme: her Home follows its changes. Nobody's Home is refreshed for the import.
    expect(publishedFor(ctx)).toContain(ALICE);
    expect(publishedFor(ctx)).not.toContain('import');
    expect(ctx.logLines.filter((l) => l.includes('App Home refresh failed'))).toEqual([]);
    expect(double.violations).toEqual([]);
  });
});
