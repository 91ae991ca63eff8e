import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createIngestTokensRepository } from '../../src/features/ingest/repository.js';
import { mintIngestToken } from '../../src/features/ingest/tokens.js';
import type { SlackDouble } from '../../src/slack-double/index.js';
import { blockText } from '../helpers/assess-journey.js';
import { ALICE, BOB_ADMIN, GENERAL, setLoopkeeperAdmin, useLoopkeeper } from '../helpers/loopkeeper.js';

const start = useLoopkeeper();
type Started = Awaited<ReturnType<typeof start>>;

const ENV_TOKEN = 'ingest-token-0123456789abcdef';
const TOKEN_PATTERN = /lk_ing_[A-Za-z0-9_-]{43}/g;
const MQA_ITEM = { accountName: 'Globex', domain: 'globex.io', source: 'direct_request', evidence: 'Demo request' };
const LEADS = { rows: [{ id: 'L1', account: 'Acme.com', mql_at: '2026-11-02T09:30:00Z' }] };
const ADMINS_ARE = 'Workspace admins and owners are admins, and they can add others in `/loop settings`.';

async function push(port: number, path: string, body: unknown, token?: string) {
  const response = await fetch(`http://127.0.0.1:${port}/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any };
}

/** `/loop settings`, then the settings modal's Ingest tokens button: the tokens modal, pushed on top. */
async function openTokensFromSettings(double: SlackDouble, userId: string) {
  const opened = double.callsTo('views.open').length;
  await double.slashCommand({ command: '/loop', text: 'settings', userId, channelId: GENERAL });
  await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= opened);
  const settings = double.topView(userId)!;
  expect(settings.callback_id).toBe('settings_modal');
  const pushed = double.callsTo('views.push').length;
  await double.blockAction({ userId, actionId: 'settings_open_ingest_tokens', viewId: settings.id });
  await double.waitForCall('views.push', (c) => double.callsTo('views.push').indexOf(c) >= pushed);
  const tokens = double.topView(userId)!;
  expect(tokens.callback_id).toBe('settings_ingest_tokens');
  expect(tokens.previous_view_id).toBe(settings.id);
  return tokens;
}

/** `/loop settings tokens`: the tokens modal on its own. */
async function openTokens(double: SlackDouble, userId: string) {
  const opened = double.callsTo('views.open').length;
  await double.slashCommand({ command: '/loop', text: 'settings tokens', userId, channelId: GENERAL });
  await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= opened);
  return double.topView(userId)!;
}

/** Types a name into the open tokens modal and presses Create token; the token shown, once. */
async function createToken(started: Started, viewId: string, name: string, userId = BOB_ADMIN) {
  const { ack } = await started.double.submitView({
    userId,
    viewId,
    values: { 'settings_ingest_token_name/value': name },
  });
  await started.app.idle();
  expect(ack.response_action).toBe('update');
  const shown = started.double.topView(userId)!;
  expect(shown.callback_id).toBe('settings_ingest_token_created');
  const tokens = blockText(shown.blocks).match(TOKEN_PATTERN) ?? [];
  expect(tokens).toHaveLength(1);
  return { token: tokens[0]!, view: shown };
}

const tokenRows = (started: Started) => started.app.db.selectFrom('ingest_tokens').selectAll().orderBy('id').execute();

describe('workspace ingest tokens', () => {
  it('an admin creates one in /loop settings; it is shown once, hashed, and pushes MQA and leads into its workspace', async () => {
    const started = await start();
    const { double, app, clock, logLines } = started;
    // No INGEST_TOKEN and no token yet: there is no way in, as before.
    const off = await push(app.http.port, 'mqa', MQA_ITEM, 'lk_ing_nothing');
    expect(off.status).toBe(503);
    expect(off.json.message).toContain('set INGEST_TOKEN, or create an ingest token in `/loop settings`');

    const modal = await openTokensFromSettings(double, BOB_ADMIN);
    expect(blockText(modal.blocks)).toContain('_No ingest tokens yet._');
    expect(modal.close?.text).toBe('Back');
    const { token, view } = await createToken(started, modal.id, 'HubSpot MQA workflow');
    expect(blockText(view.blocks)).toContain('This is the only time it is shown.');
    expect(view.previous_view_id).toBe(modal.previous_view_id);

    // Stored as a hash with a recognisable prefix; the token itself is nowhere in the database or the logs.
    const [row] = await tokenRows(started);
    expect(row).toMatchObject({
      team_id: 'T0TEST',
      name: 'HubSpot MQA workflow',
      token_hash: createHash('sha256').update(token).digest('hex'),
      token_prefix: token.slice(0, 11),
      created_by: BOB_ADMIN,
      created_at: '2026-11-23T10:00:00.000Z',
      last_used_at: null,
      revoked_at: null,
    });
    expect(row!.token_prefix).toMatch(/^lk_ing_.{4}$/);
    expect(JSON.stringify(await tokenRows(started))).not.toContain(token);

    clock.advance(5 * 60_000);
    const mqa = await push(app.http.port, 'mqa', MQA_ITEM, token);
    expect(mqa).toMatchObject({ status: 200, json: { ok: true, created: 1 } });
    expect(await app.db.selectFrom('mqa_items').select(['team_id', 'domain']).execute()).toEqual([
      { team_id: 'T0TEST', domain: 'globex.io' },
    ]);
    expect((await tokenRows(started))[0]!.last_used_at).toBe('2026-11-23T10:05:00.000Z');

    // The token's own team_id is accepted; last use is recorded at most once a minute.
    clock.advance(30_000);
    const leads = await push(app.http.port, 'leads', { team_id: 'T0TEST', ...LEADS }, token);
    expect(leads).toMatchObject({ status: 200, json: { ok: true, kind: 'leads', created: 1 } });
    expect(await app.db.selectFrom('gtm_leads').select(['team_id', 'id']).execute()).toEqual([
      { team_id: 'T0TEST', id: 'L1' },
    ]);
    expect((await tokenRows(started))[0]!.last_used_at).toBe('2026-11-23T10:05:00.000Z');
    clock.advance(31_000);
    expect((await push(app.http.port, 'leads', LEADS, token)).status).toBe(200);
    expect((await tokenRows(started))[0]!.last_used_at).toBe('2026-11-23T10:06:01.000Z');

    // Never shown again: the list names it by its prefix, with who made it and when it was used.
    clock.advance(2 * 60_000);
    const again = await openTokens(double, BOB_ADMIN);
    expect(again.close?.text).toBe('Close');
    const listed = blockText(again.blocks);
    expect(listed).toContain(
      `*HubSpot MQA workflow* \`${token.slice(0, 11)}…\`\nCreated by <@${BOB_ADMIN}> 8 minutes ago · last used 2 minutes ago`,
    );
    expect(JSON.stringify(double.calls)).not.toContain(token);
    expect(JSON.stringify(double.openViews(BOB_ADMIN))).not.toContain(token);
    expect(JSON.stringify(double.ephemeralsFor(BOB_ADMIN))).not.toContain(token);
    expect(logLines.join('\n')).not.toContain(token);
    expect(double.violations).toEqual([]);
  });

  it("pushes into the token's workspace only: another team_id is 403 and nothing is written", async () => {
    const started = await start({ env: { INGEST_TOKEN: ENV_TOKEN } });
    const { double, app } = started;
    const { token } = await createToken(started, (await openTokens(double, BOB_ADMIN)).id, 'Salesforce');

    const mqa = await push(app.http.port, 'mqa', { ...MQA_ITEM, team_id: 'T0OTHER' }, token);
    expect(mqa.status).toBe(403);
    expect(mqa.json).toMatchObject({ error: 'wrong_workspace' });
    expect(mqa.json.message).toContain('This ingest token belongs to another workspace, not "T0OTHER"');
    expect(mqa.json.message).toContain('Nothing was stored.');
    const many = await push(app.http.port, 'mqa', { team_id: 'T0OTHER', items: [MQA_ITEM] }, token);
    expect(many.status).toBe(403);
    const leads = await push(app.http.port, 'leads', { team_id: 'T0OTHER', ...LEADS }, token);
    expect(leads).toMatchObject({ status: 403, json: { error: 'wrong_workspace' } });
    expect(await app.db.selectFrom('mqa_items').selectAll().execute()).toEqual([]);
    expect(await app.db.selectFrom('gtm_leads').selectAll().execute()).toEqual([]);

    // Another workspace's token puts its rows there, and cannot write into this one.
    const other = mintIngestToken();
    await createIngestTokensRepository(app.db).insert({
      teamId: 'T0OTHER',
      name: 'Other CRM',
      hash: other.hash,
      prefix: other.prefix,
      createdBy: 'U0OTHER',
      at: new Date('2026-11-23T09:00:00Z'),
    });
    expect((await push(app.http.port, 'leads', LEADS, other.token)).status).toBe(200);
    expect((await push(app.http.port, 'leads', { team_id: 'T0TEST', ...LEADS }, other.token)).status).toBe(403);
    expect(await app.db.selectFrom('gtm_leads').select(['team_id', 'id']).execute()).toEqual([
      { team_id: 'T0OTHER', id: 'L1' },
    ]);

    // INGEST_TOKEN keeps working as before: the body's team_id is the team.
    const deployment = await push(app.http.port, 'mqa', { ...MQA_ITEM, team_id: 'T0THIRD' }, ENV_TOKEN);
    expect(deployment.status).toBe(200);
    expect(await app.db.selectFrom('mqa_items').select('team_id').execute()).toEqual([{ team_id: 'T0THIRD' }]);
    expect(double.violations).toEqual([]);
  });

  it('a revoked token stops working at once; unknown and missing tokens get 401', async () => {
    const started = await start();
    const { double, app, clock } = started;
    const first = await createToken(started, (await openTokens(double, BOB_ADMIN)).id, 'Old workflow');
    const second = await createToken(started, (await openTokens(double, BOB_ADMIN)).id, 'New workflow');
    expect((await push(app.http.port, 'mqa', MQA_ITEM, first.token)).status).toBe(200);

    clock.advance(60_000);
    const modal = await openTokens(double, BOB_ADMIN);
    const [oldRow] = await tokenRows(started);
    const button = modal.blocks.find((b: any) => b.block_id === `ingest_token:${oldRow!.id}`).accessory;
    expect(button.confirm.title.text).toBe('Revoke this token?');
    await double.blockAction({
      userId: BOB_ADMIN,
      actionId: 'settings_revoke_ingest_token',
      viewId: modal.id,
      blockId: `ingest_token:${oldRow!.id}`,
    });
    await double.waitForCall('views.update');
    await app.idle();
    const updated = double.view(modal.id)!;
    const text = blockText(updated.blocks);
    expect(text).toContain(`*Old workflow* \`${first.token.slice(0, 11)}…\` is revoked`);
    expect(text).toContain('*New workflow*');
    expect(text).toContain('1 revoked token not shown.');
    expect(updated.blocks.filter((b: any) => String(b.block_id).startsWith('ingest_token:'))).toHaveLength(1);
    expect((await tokenRows(started)).map((r) => r.revoked_at)).toEqual(['2026-11-23T10:01:00.000Z', null]);

    const revoked = await push(app.http.port, 'mqa', { ...MQA_ITEM, domain: 'initech.io' }, first.token);
    expect(revoked.status).toBe(401);
    expect(revoked.json).toMatchObject({ error: 'token_revoked' });
    expect(revoked.json.message).toContain('was revoked in `/loop settings`');
    expect(await push(app.http.port, 'leads', LEADS, first.token)).toMatchObject({ status: 401 });
    expect(await push(app.http.port, 'leads', LEADS, 'lk_ing_unknown')).toMatchObject({
      status: 401,
      json: { error: 'unauthorized' },
    });
    // A token exists, so ingest is on: no token is 401, not 503.
    expect(await push(app.http.port, 'leads', LEADS)).toMatchObject({ status: 401, json: { error: 'unauthorized' } });
    expect(await app.db.selectFrom('mqa_items').select('domain').execute()).toEqual([{ domain: 'globex.io' }]);
    expect(await app.db.selectFrom('gtm_leads').selectAll().execute()).toEqual([]);
    expect((await push(app.http.port, 'leads', LEADS, second.token)).status).toBe(200);
    expect(double.violations).toEqual([]);
  });

  it('refuses people who are not admins, also when admin rights go away with the modal open', async () => {
    const started = await start();
    const { double, app } = started;
    await double.slashCommand({ command: '/loop', text: 'settings tokens', userId: ALICE, channelId: GENERAL });
    await double.waitForCall('response_url');
    expect(blockText(double.ephemeralsFor(ALICE).at(-1)?.blocks)).toBe(
      `:lock: Only Loopkeeper admins can manage ingest tokens. ${ADMINS_ARE}`,
    );
    expect(double.callsTo('views.open')).toEqual([]);

    await setLoopkeeperAdmin(app, ALICE);
    const { token } = await createToken(started, (await openTokens(double, ALICE)).id, 'Alice CRM', ALICE);
    const modal = await openTokens(double, ALICE);
    await setLoopkeeperAdmin(app, ALICE, false);

    const [row] = await tokenRows(started);
    await double.blockAction({ userId: ALICE, actionId: 'settings_revoke_ingest_token', viewId: modal.id });
    await double.waitForCall('views.update');
    await app.idle();
    expect(blockText(double.view(modal.id)!.blocks)).toBe(
      `:lock: Only Loopkeeper admins can revoke ingest tokens. ${ADMINS_ARE}`,
    );
    expect((await tokenRows(started))[0]!.revoked_at).toBeNull();
    expect((await push(app.http.port, 'mqa', MQA_ITEM, token)).status).toBe(200);

    // A modal Alice opened while an admin still submits; the create is refused in it, and nothing is stored.
    await setLoopkeeperAdmin(app, ALICE);
    const reopened = await openTokens(double, ALICE);
    await setLoopkeeperAdmin(app, ALICE, false);
    const { ack } = await double.submitView({
      userId: ALICE,
      viewId: reopened.id,
      values: { 'settings_ingest_token_name/value': 'Sneaky' },
    });
    expect(ack.response_action).toBe('update');
    expect(blockText(double.topView(ALICE)!.blocks)).toBe(
      `:lock: Only Loopkeeper admins can manage ingest tokens. ${ADMINS_ARE}`,
    );
    expect((await tokenRows(started)).map((r) => r.id)).toEqual([row!.id]);
    expect(double.violations).toEqual([]);
  });

  it('escapes names in mrkdwn, so a name cannot ping the channel or fake a link; empty and long names are inline errors', async () => {
    const started = await start();
    const { double, app } = started;
    const modal = await openTokensFromSettings(double, BOB_ADMIN);
    for (const [name, error] of [
      ['   ', 'Give the token a name'],
      ['x'.repeat(51), 'Keep the name to 50 characters or fewer.'],
    ] as const) {
      const { ack } = await double.submitView({
        userId: BOB_ADMIN,
        viewId: modal.id,
        values: { 'settings_ingest_token_name/value': name },
        skipClientValidation: true,
      });
      expect(ack).toMatchObject({ response_action: 'errors' });
      expect(ack.errors.settings_ingest_token_name).toContain(error);
    }
    expect(await tokenRows(started)).toEqual([]);

    const name = '<!channel> <http://evil.example|x> & co';
    const { view } = await createToken(started, modal.id, name);
    const escaped = '&lt;!channel&gt; &lt;http://evil.example|x&gt; &amp; co';
    expect(blockText(view.blocks)).toContain(`*${escaped}* is ready.`);
    expect(blockText(view.blocks)).not.toContain('<!channel>');
    expect((await tokenRows(started))[0]!.name).toBe(name);

    const listed = await openTokens(double, BOB_ADMIN);
    const line = listed.blocks.find((b: any) => String(b.block_id).startsWith('ingest_token:'));
    expect(line.text.type).toBe('mrkdwn');
    expect(line.text.text).toContain(`*${escaped}*`);
    expect(line.text.text).not.toMatch(/<!channel>|<http/);
    // The confirm dialog's text is plain_text, where Slack parses nothing.
    expect(line.accessory.confirm.text).toMatchObject({ type: 'plain_text' });

    const [row] = await tokenRows(started);
    await double.blockAction({ userId: BOB_ADMIN, actionId: 'settings_revoke_ingest_token', viewId: listed.id });
    await double.waitForCall('views.update');
    await app.idle();
    const notice = double.view(listed.id)!.blocks[0];
    expect(notice.text.text).toContain(`*${escaped}*`);
    expect(notice.text.text).not.toContain('<!channel>');
    expect((await tokenRows(started))[0]!.revoked_at).not.toBeNull();
    expect(row!.id).toBeGreaterThan(0);
    expect(double.violations).toEqual([]);
  });
});
