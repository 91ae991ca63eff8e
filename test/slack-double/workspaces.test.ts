import { App, webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackDouble, type Workspace } from '../../src/slack-double/index.js';
import { quietLogger } from './test-app.js';

let double: SlackDouble | undefined;
let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  await double?.stop();
  app = undefined;
  double = undefined;
});

/** The default workspace plus Acme (installed) and Initech (in an Enterprise Grid org, installed). */
async function setup() {
  double = await SlackDouble.start();
  double.addUser({ id: 'U0ALICE', name: 'alice' });
  double.addChannel({ id: 'C0GENERAL', name: 'general' });
  const acme = double.addWorkspace({ teamId: 'T0ACME', name: 'Acme Corp' });
  acme.addUser({ id: 'U0ANNA', name: 'anna' });
  acme.addChannel({ id: 'C0ACMEGEN', name: 'general' });
  acme.addChannel({ id: 'C0ACMEOPS', name: 'ops', isMember: false });
  const initech = double.addWorkspace({
    teamId: 'T0INITECH',
    name: 'Initech',
    enterpriseId: 'E0GRID',
    enterpriseName: 'Initrode Group',
  });
  initech.addUser({ id: 'U0PETER', name: 'peter' });
  initech.addChannel({ id: 'C0INIGEN', name: 'general' });
  acme.install();
  initech.install();
  return { double, acme, initech };
}

const clientFor = (d: SlackDouble, token: string | undefined) =>
  new webApi.WebClient(token, { slackApiUrl: d.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger() });

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: any) => e?.data?.error ?? String(e),
  );

describe('several workspaces in one double', () => {
  it('answers each token in its own workspace: channels, users, posts, auth.test', async () => {
    const { double, acme, initech } = await setup();
    const acmeClient = clientFor(double, acme.botToken);
    const initechClient = clientFor(double, initech.botToken);

    expect(await acmeClient.auth.test()).toEqual({
      ok: true,
      url: 'https://acme-corp.slack.com/',
      team: 'Acme Corp',
      user: 'loopkeeper',
      team_id: 'T0ACME',
      user_id: acme.botUserId,
      bot_id: acme.botId,
      is_enterprise_install: false,
      response_metadata: expect.anything(),
    });
    expect(await initechClient.auth.test()).toMatchObject({
      team_id: 'T0INITECH',
      enterprise_id: 'E0GRID',
      user_id: initech.botUserId,
      is_enterprise_install: false,
    });
    expect(acme.botUserId).not.toBe(initech.botUserId);
    expect(await clientFor(double, double.botToken).auth.test()).toMatchObject({
      team_id: double.teamId,
      user_id: double.botUserId,
      bot_id: double.botId,
    });

    // Another workspace's channels and people do not exist for this token.
    expect(await errorOf(acmeClient.conversations.info({ channel: 'C0GENERAL' }))).toBe('channel_not_found');
    expect(await errorOf(acmeClient.chat.postMessage({ channel: 'C0INIGEN', text: 'x' }))).toBe('channel_not_found');
    expect(await errorOf(acmeClient.users.info({ user: 'U0ALICE' }))).toBe('user_not_found');
    expect(await errorOf(initechClient.users.info({ user: 'U0ANNA' }))).toBe('user_not_found');
    expect(await errorOf(acmeClient.chat.postMessage({ channel: 'C0ACMEOPS', text: 'x' }))).toBe('not_in_channel');
    expect((await acmeClient.users.list({})).members?.map((m) => m.id).sort()).toEqual(
      [acme.botUserId, 'U0ANNA'].sort(),
    );

    // Posts are stored in the workspace they were made in; DMs open per workspace.
    await acmeClient.chat.postMessage({ channel: 'C0ACMEGEN', text: 'acme hello' });
    await initechClient.chat.postMessage({ channel: 'U0PETER', text: 'dm peter' });
    expect(acme.channel('C0ACMEGEN')?.messages.map((m) => [m.text, m.team, m.bot_id])).toEqual([
      ['acme hello', 'T0ACME', acme.botId],
    ]);
    expect(initech.channel('U0PETER')?.messages.map((m) => m.text)).toEqual(['dm peter']);
    expect(double.channel('C0GENERAL')?.messages).toEqual([]);
    expect(double.channel('C0ACMEGEN')).toBeUndefined();

    // The recorder keeps everything in order, tagged with the workspace; each workspace sees its own calls.
    expect(acme.callsTo('chat.postMessage').map((c) => c.args.channel)).toEqual(['C0INIGEN', 'C0ACMEOPS', 'C0ACMEGEN']);
    expect(initech.callsTo('chat.postMessage').map((c) => c.args.channel)).toEqual(['U0PETER']);
    expect(double.callsTo('chat.postMessage')).toHaveLength(4);
    expect(double.workspace(double.teamId).callsTo('chat.postMessage')).toEqual([]);
    expect(double.workspaces.map((w) => w.teamId)).toEqual([double.teamId, 'T0ACME', 'T0INITECH']);
    expect(double.violations).toEqual([]);
  });

  it('keeps faults, rate limits and Block Kit violations per workspace', async () => {
    const { double, acme, initech } = await setup();
    const acmeClient = clientFor(double, acme.botToken);
    const initechClient = clientFor(double, initech.botToken);

    acme.failNext('chat.postMessage', { error: 'fatal_error' });
    expect(await errorOf(initechClient.chat.postMessage({ channel: 'C0INIGEN', text: 'x' }))).toBe('ok');
    expect(await errorOf(acmeClient.chat.postMessage({ channel: 'C0ACMEGEN', text: 'x' }))).toBe('fatal_error');
    double.failNext('chat.postMessage', { status: 500 });
    expect(await errorOf(initechClient.chat.postMessage({ channel: 'C0INIGEN', text: 'x' }))).not.toBe('ok');
    expect(await errorOf(acmeClient.chat.postMessage({ channel: 'C0ACMEGEN', text: 'x' }))).toBe('ok');

    // Slack limits an app per workspace: Acme's burst does not use up Initech's.
    double.setChannelRateLimit({ perSecond: 1, burst: 1 });
    expect(await errorOf(acmeClient.chat.postMessage({ channel: 'C0ACMEGEN', text: 'a' }))).toBe('ok');
    expect(await errorOf(initechClient.chat.postMessage({ channel: 'C0INIGEN', text: 'b' }))).toBe('ok');
    const post = (token: string | undefined, channel: string) =>
      fetch(`${double.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ channel, text: 'again' }),
      });
    const limited = await post(acme.botToken, 'C0ACMEGEN');
    expect([limited.status, limited.headers.get('retry-after'), ((await limited.json()) as any).error]).toEqual([
      429,
      '1',
      'ratelimited',
    ]);
    double.setChannelRateLimit(undefined);

    const tooLong = { type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } };
    expect(await errorOf(initechClient.chat.postMessage({ channel: 'C0INIGEN', text: 't', blocks: [tooLong] }))).toBe(
      'invalid_blocks',
    );
    expect(initech.violations).toHaveLength(1);
    expect(acme.violations).toEqual([]);
    expect(double.violations).toEqual(initech.violations);
  });

  it('sends envelopes with the workspace they come from, and the real Bolt App answers each with its token', async () => {
    const { double, acme, initech } = await setup();
    const bodies: any[] = [];
    const logger = quietLogger();
    app = new App({
      socketMode: true,
      appToken: double.appToken,
      logger,
      clientOptions: { slackApiUrl: double.apiUrl, retryConfig: { retries: 0 } },
      // Distributed mode's authorize: the token of the workspace the request comes from.
      authorize: async ({ teamId }) => {
        const ws = double.workspace(teamId as string);
        return { botToken: ws.botToken, botUserId: ws.botUserId, botId: ws.botId, teamId };
      },
    });
    app.command('/loop', async ({ ack, body, client }) => {
      bodies.push(body);
      await ack();
      await client.chat.postMessage({
        channel: body.channel_id,
        text: `for ${body.team_id}`,
        blocks: [
          {
            type: 'actions',
            block_id: 'b',
            elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' } }],
          },
        ],
      });
    });
    app.action('go', async ({ ack, body, client }) => {
      bodies.push(body);
      await ack();
      await client.chat.postEphemeral({ channel: (body as any).channel.id, user: body.user.id, text: 'went' });
    });
    app.event('app_mention', async ({ body, client, event }) => {
      bodies.push(body);
      await client.chat.postMessage({ channel: event.channel, text: 'mentioned' });
    });
    await app.start();
    await double.waitForConnection();

    await double.slashCommand({ command: '/loop', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    await acme.slashCommand({ command: '/loop', userId: 'U0ANNA', channelId: 'C0ACMEGEN' });
    await initech.slashCommand({ command: '/loop', userId: 'U0PETER', channelId: 'C0INIGEN' });
    await initech.waitForCall('chat.postMessage');
    expect(bodies.map((b) => [b.team_id, b.team_domain, b.api_app_id, b.enterprise_id])).toEqual([
      [double.teamId, 'loopkeeper-test', double.appId, undefined],
      ['T0ACME', 'acme-corp', double.appId, undefined],
      ['T0INITECH', 'initech', double.appId, 'E0GRID'],
    ]);
    expect(bodies[2]).toMatchObject({ enterprise_name: 'Initrode Group', is_enterprise_install: 'false' });
    expect(double.callsTo('chat.postMessage').map((c) => [c.teamId, c.token])).toEqual([
      [double.teamId, double.botToken],
      ['T0ACME', acme.botToken],
      ['T0INITECH', initech.botToken],
    ]);

    // A click in Initech: the payload's team, user and enterprise are Initech's.
    await initech.blockAction({ userId: 'U0PETER', actionId: 'go' });
    await initech.waitForCall('chat.postEphemeral');
    expect(bodies[3]).toMatchObject({
      type: 'block_actions',
      team: { id: 'T0INITECH', domain: 'initech', enterprise_id: 'E0GRID', enterprise_name: 'Initrode Group' },
      user: { id: 'U0PETER', team_id: 'T0INITECH' },
      enterprise: { id: 'E0GRID', name: 'Initrode Group' },
      is_enterprise_install: false,
      api_app_id: double.appId,
    });
    expect(initech.ephemeralsFor('U0PETER').map((e) => e.text)).toEqual(['went']);
    // …as the `teamId` option on the double routes it.
    await double.blockAction({ userId: 'U0ANNA', actionId: 'go', teamId: 'T0ACME' });
    await acme.waitForCall('chat.postEphemeral');
    expect(bodies[4]).toMatchObject({ team: { id: 'T0ACME' }, enterprise: null });

    // Events carry the workspace and its installation in `authorizations`.
    await acme.event({ type: 'app_mention', user: 'U0ANNA', channel: 'C0ACMEGEN', text: `<@${acme.botUserId}> hi` });
    await double.event({ type: 'app_mention', teamId: 'T0INITECH', user: 'U0PETER', channel: 'C0INIGEN', text: 'hey' });
    await initech.waitForCall('chat.postMessage', (c) => c.args.text === 'mentioned');
    expect(bodies[5]).toMatchObject({
      team_id: 'T0ACME',
      api_app_id: double.appId,
      context_team_id: 'T0ACME',
      context_enterprise_id: null,
      authorizations: [
        { team_id: 'T0ACME', user_id: acme.botUserId, is_bot: true, enterprise_id: null, is_enterprise_install: false },
      ],
    });
    expect(bodies[6]).toMatchObject({
      team_id: 'T0INITECH',
      enterprise_id: 'E0GRID',
      context_enterprise_id: 'E0GRID',
      authorizations: [{ team_id: 'T0INITECH', enterprise_id: 'E0GRID', user_id: initech.botUserId }],
    });
    expect(bodies[6].event).not.toHaveProperty('teamId');
    expect(acme.channel('C0ACMEGEN')?.messages.map((m) => m.text)).toEqual(['for T0ACME', 'mentioned']);
    expect(double.violations).toEqual([]);
    expect(logger.errors).toEqual([]);
  });

  it('sends nothing from a workspace the app is not installed in, and refuses its uninstalled tokens', async () => {
    double = await SlackDouble.start();
    const hooli: Workspace = double.addWorkspace({ teamId: 'T0HOOLI', name: 'Hooli' });
    hooli.addUser({ id: 'U0GAVIN', name: 'gavin' });
    hooli.addChannel({ id: 'C0HOOLI', name: 'general' });
    expect(hooli.installed).toBe(false);
    expect(hooli.botToken).toBeUndefined();
    await expect(hooli.slashCommand({ command: '/loop', userId: 'U0GAVIN', channelId: 'C0HOOLI' })).rejects.toThrow(
      /not installed in workspace T0HOOLI/,
    );
    const response = hooli.install({ userId: 'U0GAVIN', scopes: ['chat:write'] });
    expect(response).toMatchObject({
      ok: true,
      token_type: 'bot',
      scope: 'chat:write',
      authed_user: { id: 'U0GAVIN' },
      team: { id: 'T0HOOLI', name: 'Hooli' },
    });
    const client = clientFor(double, hooli.botToken);
    expect(await errorOf(client.auth.test())).toBe('ok');
    // Uninstalled with no app connected: the tokens are revoked even though the events cannot be delivered.
    await expect(hooli.uninstall()).rejects.toThrow(/no Socket Mode client/);
    expect(await errorOf(client.auth.test())).toBe('token_revoked');
    expect(await errorOf(clientFor(double, 'xoxb-never-issued').auth.test())).toBe('invalid_auth');
    expect(hooli.callsTo('auth.test').map((c) => c.response.ok)).toEqual([true, false]);
  });
});
