import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackDouble } from '../../src/slack-double/index.js';
import { quietLogger } from './test-app.js';

let double: SlackDouble;
let client: InstanceType<typeof webApi.WebClient>;

beforeEach(async () => {
  double = await SlackDouble.start();
  double.addUser({ id: 'U0ALICE', name: 'alice', isOwner: true, tz: 'Europe/Berlin', email: 'alice@example.com' });
  double.addUser({ id: 'U0BOB', name: 'bob' });
  double.addChannel({ id: 'C0GENERAL', name: 'general' });
  double.addChannel({ id: 'C0RANDOM', name: 'random', isMember: false });
  double.addChannel({ id: 'G0TEAM', name: 'team', isPrivate: true, members: ['U0ALICE'] });
  client = new webApi.WebClient(double.botToken, {
    slackApiUrl: double.apiUrl,
    retryConfig: { retries: 0 },
    logger: quietLogger(),
  });
});
afterEach(async () => {
  await double.stop();
});

async function raw(method: string, body: Record<string, unknown>, token?: string) {
  const res = await fetch(`${double.apiUrl}${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: any) => e?.data?.error ?? String(e),
  );

describe('auth and tokens', () => {
  it('checks tokens like Slack', async () => {
    expect((await raw('auth.test', {})).body.error).toBe('not_authed');
    expect((await raw('auth.test', {}, 'xoxb-wrong')).body.error).toBe('invalid_auth');
    expect((await raw('chat.postMessage', { channel: 'C0GENERAL', text: 'x' }, double.appToken)).body.error).toBe(
      'not_allowed_token_type',
    );
    expect((await raw('apps.connections.open', {}, double.botToken)).body.error).toBe('not_allowed_token_type');
    const open = await raw('apps.connections.open', {}, double.appToken);
    expect(open.body.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket-mode\/link\/\?ticket=/);
    const me = await client.auth.test();
    expect(me).toMatchObject({ ok: true, user_id: double.botUserId, bot_id: double.botId, team_id: double.teamId });
  });

  it('flags unknown methods', async () => {
    expect(await errorOf(client.apiCall('chat.scheduleMessage', { channel: 'C0GENERAL', text: 'x', post_at: 1 }))).toBe(
      'unknown_method',
    );
    expect(double.violations).toEqual([
      'chat.scheduleMessage: unknown_method: the Slack double does not implement this method (or it does not exist)',
    ]);
  });
});

describe('chat', () => {
  it('posts with unique increasing ts, updates, deletes, permalinks and threads', async () => {
    const a = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'one' });
    const b = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'two', thread_ts: a.ts as string });
    expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
    expect(a.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(a.message).toMatchObject({ text: 'one', user: double.botUserId, bot_id: double.botId });
    await client.chat.update({
      channel: 'C0GENERAL',
      ts: a.ts as string,
      text: 'uno',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*uno*' } }],
    });
    const msgs = double.channel('C0GENERAL')?.messages ?? [];
    expect(msgs.map((m) => [m.text, m.thread_ts])).toEqual([
      ['uno', undefined],
      ['two', a.ts],
    ]);
    expect(msgs[0]?.blocks?.[0]?.block_id).toEqual(expect.any(String));
    expect(msgs[0]?.edited).toBeDefined();
    const link = await client.chat.getPermalink({ channel: 'C0GENERAL', message_ts: b.ts as string });
    expect(link.permalink).toContain(`/archives/C0GENERAL/p${(b.ts as string).replace('.', '')}`);
    await client.chat.delete({ channel: 'C0GENERAL', ts: b.ts as string });
    expect(double.channel('C0GENERAL')?.messages).toHaveLength(1);
    expect(await errorOf(client.chat.update({ channel: 'C0GENERAL', ts: '1.000000', text: 'x' }))).toBe(
      'message_not_found',
    );
  });

  it('postEphemeral needs the user in the channel', async () => {
    const r = await client.chat.postEphemeral({ channel: 'G0TEAM', user: 'U0ALICE', text: 'psst' });
    expect(r.message_ts).toBeDefined();
    expect(await errorOf(client.chat.postEphemeral({ channel: 'G0TEAM', user: 'U0BOB', text: 'psst' }))).toBe(
      'user_not_in_channel',
    );
    expect(double.ephemeralsFor('U0ALICE').map((e) => e.text)).toEqual(['psst']);
  });

  it('rejects invalid JSON blocks', async () => {
    const r = await fetch(`${double.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${double.botToken}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ channel: 'C0GENERAL', blocks: '[{"type":' }).toString(),
    });
    expect(((await r.json()) as any).error).toBe('invalid_blocks_format');
    expect(double.violations).toHaveLength(1);
  });
});

describe('conversations and users', () => {
  it('answers info / open / members / join / list', async () => {
    expect((await client.conversations.info({ channel: 'C0RANDOM' })).channel).toMatchObject({
      id: 'C0RANDOM',
      is_member: false,
      is_private: false,
    });
    expect(await errorOf(client.conversations.info({ channel: 'C0NOPE' }))).toBe('channel_not_found');
    const dm = await client.conversations.open({ users: 'U0BOB' });
    expect(dm.channel?.id).toMatch(/^D/);
    expect(await errorOf(client.conversations.open({ users: double.botUserId }))).toBe('cannot_dm_bot');
    expect((await client.conversations.members({ channel: 'G0TEAM' })).members).toEqual(['U0ALICE', double.botUserId]);
    expect((await client.conversations.members({ channel: 'C0RANDOM' })).members).toEqual(['U0ALICE', 'U0BOB']);
    await client.conversations.join({ channel: 'C0RANDOM' });
    expect(double.channel('C0RANDOM')?.isMember).toBe(true);
    expect(await errorOf(client.conversations.join({ channel: 'G0TEAM' }))).toBe(
      'method_not_supported_for_channel_type',
    );
    const list = await client.conversations.list({ types: 'public_channel,private_channel' });
    expect(list.channels?.map((c) => c.id)).toEqual(['C0GENERAL', 'C0RANDOM', 'G0TEAM']);
  });

  it('answers users.info / users.list / lookupByEmail / usergroups.users.list', async () => {
    const alice = (await client.users.info({ user: 'U0ALICE' })).user;
    expect(alice).toMatchObject({
      id: 'U0ALICE',
      name: 'alice',
      is_admin: true,
      is_owner: true,
      tz: 'Europe/Berlin',
      is_bot: false,
    });
    expect([3600, 7200]).toContain(alice?.tz_offset);
    expect(await errorOf(client.users.info({ user: 'U0NOPE' }))).toBe('user_not_found');
    const all = await client.users.list({ limit: 2 });
    expect(all.members).toHaveLength(2);
    expect(all.response_metadata?.next_cursor).not.toBe('');
    const rest = await client.users.list({ limit: 2, cursor: all.response_metadata?.next_cursor as string });
    expect(rest.members?.map((m) => m.id)).toEqual(['U0BOB']);
    expect((await client.users.lookupByEmail({ email: 'alice@example.com' })).user?.id).toBe('U0ALICE');
    double.addUsergroup({ id: 'S0GTM', handle: 'gtm', users: ['U0ALICE', 'U0BOB'] });
    expect((await client.usergroups.users.list({ usergroup: 'S0GTM' })).users).toEqual(['U0ALICE', 'U0BOB']);
  });
});

describe('views without Socket Mode', () => {
  it('views.open needs a trigger the double issued; views.update checks the hash; views.publish keeps one home per user', async () => {
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Hi' }, blocks: [] };
    expect(await errorOf(client.views.open({ trigger_id: '123.456.abc', view }))).toBe('invalid_trigger_id');
    const home = await client.views.publish({
      user_id: 'U0ALICE',
      view: { type: 'home', blocks: [{ type: 'divider' }] },
    });
    expect(
      await errorOf(client.views.publish({ user_id: 'U0ALICE', hash: 'stale', view: { type: 'home', blocks: [] } })),
    ).toBe('hash_conflict');
    const again = await client.views.publish({
      user_id: 'U0ALICE',
      hash: home.view?.hash as string,
      view: { type: 'home', blocks: [] },
    });
    expect(again.view?.id).toBe(home.view?.id);
    expect(double.publishedHome('U0ALICE')?.blocks).toEqual([]);
    expect(await errorOf(client.views.update({ view_id: 'V0NOPE', view }))).toBe('not_found');
    expect(double.violations).toEqual([
      'views.open: invalid_trigger_id: trigger_id 123.456.abc was not issued by Slack',
    ]);
  });
});

describe('waitForCall', () => {
  it('resolves with past or future calls and explains timeouts', async () => {
    await client.chat.postMessage({ channel: 'C0GENERAL', text: 'early' });
    expect((await double.waitForCall('chat.postMessage')).args.text).toBe('early');
    const later = double.waitForCall('chat.postMessage', (c) => c.args.text === 'late');
    await client.chat.postMessage({ channel: 'C0GENERAL', text: 'late' });
    expect((await later).response.ok).toBe(true);
    await expect(double.waitForCall('views.open', undefined, 50)).rejects.toThrow(
      /views\.open.*timed out after 50 ms[\s\S]*chat\.postMessage \[200 ok\] channel="C0GENERAL" text="late"/,
    );
  });
});
