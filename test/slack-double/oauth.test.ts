import type { App, Installation, InstallationStore } from '@slack/bolt';
import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { CODE_TTL_MS, SlackDouble } from '../../src/slack-double/index.js';
import { quietLogger, startBoltOAuthApp } from './test-app.js';

let double: SlackDouble | undefined;
let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  await double?.stop();
  app = undefined;
  double = undefined;
});

/** Two more workspaces, each with a person who installs and a channel. */
function seedWorkspaces(d: SlackDouble) {
  const acme = d.addWorkspace({ teamId: 'T0ACME', name: 'Acme Corp' });
  acme.addUser({ id: 'U0ANNA', name: 'anna', isAdmin: true });
  acme.addChannel({ id: 'C0ACMEGEN', name: 'general' });
  const globex = d.addWorkspace({
    teamId: 'T0GLOBEX',
    name: 'Globex',
    enterpriseId: 'E0GLOBEX',
    enterpriseName: 'Globex Holdings',
  });
  globex.addUser({ id: 'U0GUS', name: 'gus' });
  globex.addChannel({ id: 'C0GLOBGEN', name: 'general' });
  return { acme, globex };
}

/** A distributed Loopkeeper-like app: /loop answers in the channel with the installation's own token. */
function registerLoop(seen: { teamId?: string; token?: string; enterprise?: string }[]) {
  return (bolt: App) => {
    bolt.command('/loop', async ({ ack, command, client, context }) => {
      await ack();
      seen.push({ teamId: context.teamId, token: context.botToken, enterprise: command.enterprise_id });
      await client.chat.postMessage({ channel: command.channel_id, text: `hello ${command.team_domain}` });
    });
  };
}

/** oauth.v2.access / apps.uninstall with plain fetch: form fields, optionally HTTP Basic client credentials. */
async function form(method: string, fields: Record<string, string>, basic?: { id: string; secret: string }) {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (basic) headers.Authorization = `Basic ${Buffer.from(`${basic.id}:${basic.secret}`).toString('base64')}`;
  const res = await fetch(`${double!.apiUrl}${method}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const authorizeUrl = (d: SlackDouble, params: Record<string, string> = {}) =>
  `https://slack.com/oauth/v2/authorize?${new URLSearchParams({
    scope: 'commands,chat:write',
    client_id: d.oauth.clientId,
    state: 'st4te',
    redirect_uri: 'https://app.example/slack/oauth_redirect',
    ...params,
  })}`;

describe('OAuth v2 through the real Bolt App (InstallProvider)', () => {
  it('installs two workspaces from /slack/install, then answers each one’s commands with its own bot token', async () => {
    double = await SlackDouble.start();
    const { acme, globex } = seedWorkspaces(double);
    const seen: { teamId?: string; token?: string; enterprise?: string }[] = [];
    const started = await startBoltOAuthApp(double, registerLoop(seen));
    app = started.app;

    const first = await double.oauth.installViaBrowser({
      installUrl: started.installUrl,
      teamId: 'T0ACME',
      userId: 'U0ANNA',
    });
    // The app's page links "Add to Slack" to Slack's authorize URL with its client_id, scopes and a state.
    const asked = new URL(first.authorizeUrl);
    expect(asked.origin + asked.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(asked.searchParams.get('client_id')).toBe(double.oauth.clientId);
    expect(asked.searchParams.get('scope')).toBe('commands,chat:write');
    const state = asked.searchParams.get('state');
    expect(state).toBeTruthy();
    // Slack redirects to the configured Redirect URL with the code and the same state.
    const back = new URL(first.redirectUrl);
    expect(back.origin + back.pathname).toBe(`${started.baseUrl}/slack/oauth_redirect`);
    expect(back.searchParams.get('code')).toBe(first.code);
    expect(back.searchParams.get('state')).toBe(state);
    expect(first.callback.status).toBe(200);
    expect(started.logger.errors).toEqual([]);

    const second = await double.oauth.installViaBrowser({
      installUrl: started.installUrl,
      teamId: 'T0GLOBEX',
      userId: 'U0GUS',
    });
    expect(second.callback.status).toBe(200);
    expect(acme.installed && globex.installed).toBe(true);
    expect(acme.botToken).toMatch(/^xoxb-/);
    expect(globex.botToken).toMatch(/^xoxb-/);
    expect(acme.botToken).not.toBe(globex.botToken);

    // The InstallProvider exchanged each code (client credentials, the code) and asked auth.test for the bot id.
    const exchanges = double.callsTo('oauth.v2.access');
    expect(exchanges.map((c) => [c.teamId, c.response.ok])).toEqual([
      ['T0ACME', true],
      ['T0GLOBEX', true],
    ]);
    expect(exchanges[0]!.response).toEqual({
      ok: true,
      app_id: double.appId,
      authed_user: { id: 'U0ANNA' },
      scope: 'commands,chat:write',
      token_type: 'bot',
      access_token: acme.botToken,
      bot_user_id: acme.botUserId,
      team: { id: 'T0ACME', name: 'Acme Corp' },
      enterprise: null,
      is_enterprise_install: false,
    });
    expect(exchanges[1]!.response.enterprise).toEqual({ id: 'E0GLOBEX', name: 'Globex Holdings' });
    const stored = (await started.installationStore.fetchInstallation({
      teamId: 'T0GLOBEX',
      enterpriseId: 'E0GLOBEX',
      isEnterpriseInstall: false,
    })) as Installation;
    expect(stored.bot).toMatchObject({ token: globex.botToken, userId: globex.botUserId, id: globex.botId });
    expect(stored.enterprise).toEqual({ id: 'E0GLOBEX', name: 'Globex Holdings' });

    // Each workspace's person runs /loop over HTTP; Bolt authorizes per team from the store.
    await acme.slashCommand({ command: '/loop', userId: 'U0ANNA', channelId: 'C0ACMEGEN' });
    await double.slashCommand({ command: '/loop', userId: 'U0GUS', channelId: 'C0GLOBGEN', teamId: 'T0GLOBEX' });
    await acme.waitForCall('chat.postMessage');
    await globex.waitForCall('chat.postMessage');
    expect(seen).toEqual([
      { teamId: 'T0ACME', token: acme.botToken, enterprise: undefined },
      { teamId: 'T0GLOBEX', token: globex.botToken, enterprise: 'E0GLOBEX' },
    ]);
    expect(acme.channel('C0ACMEGEN')?.messages.map((m) => [m.text, m.user, m.team])).toEqual([
      ['hello acme-corp', acme.botUserId, 'T0ACME'],
    ]);
    expect(globex.channel('C0GLOBGEN')?.messages.map((m) => m.text)).toEqual(['hello globex']);
    expect(acme.callsTo('chat.postMessage').map((c) => c.token)).toEqual([acme.botToken]);
    // The default workspace saw none of it.
    expect(double.workspace(double.teamId).calls).toEqual([]);
    expect(double.violations).toEqual([]);
    expect(started.logger.errors).toEqual([]);
  });

  it('Cancel on the authorize page sends the app error=access_denied and installs nothing', async () => {
    double = await SlackDouble.start();
    const { acme } = seedWorkspaces(double);
    const started = await startBoltOAuthApp(double, () => {});
    app = started.app;
    const flow = await double.oauth.installViaBrowser({ installUrl: started.installUrl, deny: true });
    const back = new URL(flow.redirectUrl);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe(new URL(flow.authorizeUrl).searchParams.get('state'));
    expect(back.searchParams.has('code')).toBe(false);
    expect(flow.callback.status).toBeGreaterThanOrEqual(400);
    expect(double.callsTo('oauth.v2.access')).toEqual([]);
    expect(acme.installed).toBe(false);
    await expect(acme.slashCommand({ command: '/loop', userId: 'U0ANNA', channelId: 'C0ACMEGEN' })).rejects.toThrow(
      /not installed in workspace T0ACME/,
    );
  });

  it('uninstall revokes the tokens and delivers tokens_revoked then app_uninstalled; apps.uninstall does the same', async () => {
    double = await SlackDouble.start();
    const { acme, globex } = seedWorkspaces(double);
    const events: { type: string; teamId: string | undefined; body: any }[] = [];
    let store: InstallationStore | undefined;
    const started = await startBoltOAuthApp(double, (bolt) => {
      for (const type of ['tokens_revoked', 'app_uninstalled'] as const) {
        bolt.event(type, async ({ body, context }) => {
          events.push({ type, teamId: context.teamId, body });
          if (type === 'app_uninstalled') {
            await store?.deleteInstallation?.({
              teamId: context.teamId,
              enterpriseId: undefined,
              isEnterpriseInstall: false,
            });
          }
        });
      }
    });
    app = started.app;
    store = started.installationStore;
    await double.oauth.installViaBrowser({ installUrl: started.installUrl, teamId: 'T0ACME', userId: 'U0ANNA' });
    await double.oauth.installViaBrowser({ installUrl: started.installUrl, teamId: 'T0GLOBEX', userId: 'U0GUS' });
    const acmeToken = acme.botToken!;

    await double.uninstall('T0ACME');
    expect(events.map((e) => [e.type, e.teamId])).toEqual([
      ['tokens_revoked', 'T0ACME'],
      ['app_uninstalled', 'T0ACME'],
    ]);
    expect(events[0]!.body).toMatchObject({
      team_id: 'T0ACME',
      api_app_id: double.appId,
      type: 'event_callback',
      event: { type: 'tokens_revoked', tokens: { bot: [acme.botUserId] } },
    });
    expect(events[1]!.body.event).toEqual({ type: 'app_uninstalled' });
    expect(acme.installed).toBe(false);
    const client = new webApi.WebClient(acmeToken, {
      slackApiUrl: double.apiUrl,
      retryConfig: { retries: 0 },
      logger: quietLogger(),
    });
    await expect(client.auth.test()).rejects.toMatchObject({ data: { ok: false, error: 'token_revoked' } });
    // The app's own app_uninstalled handler removed the installation.
    expect(
      await store.fetchInstallation({ teamId: 'T0ACME', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).toBeUndefined();

    // The app removes itself from Globex with apps.uninstall (client credentials + the installation's token).
    const globexClient = new webApi.WebClient(globex.botToken, {
      slackApiUrl: double.apiUrl,
      retryConfig: { retries: 0 },
      logger: quietLogger(),
    });
    await expect(
      globexClient.apps.uninstall({ client_id: double.oauth.clientId, client_secret: 'wrong' }),
    ).rejects.toMatchObject({ data: { error: 'bad_client_secret' } });
    expect(globex.installed).toBe(true);
    expect(
      await globexClient.apps.uninstall({ client_id: double.oauth.clientId, client_secret: double.oauth.clientSecret }),
    ).toMatchObject({ ok: true });
    await expect
      .poll(() => events.filter((e) => e.teamId === 'T0GLOBEX').map((e) => e.type))
      .toEqual(['tokens_revoked', 'app_uninstalled']);
    await expect(globexClient.auth.test()).rejects.toMatchObject({ data: { error: 'token_revoked' } });
    expect(double.violations).toEqual([]);
    expect(started.logger.errors).toEqual([]);
  });

  it('token rotation: the InstallProvider refreshes an expiring bot token and Bolt answers with the new one', async () => {
    double = await SlackDouble.start();
    const { acme } = seedWorkspaces(double);
    // An hour left: Bolt's InstallProvider refreshes tokens that expire within 2 hours, on the next request.
    double.oauth.enableTokenRotation({ expiresInSeconds: 3600 });
    const seen: { teamId?: string; token?: string }[] = [];
    const started = await startBoltOAuthApp(double, registerLoop(seen));
    app = started.app;
    await double.oauth.installViaBrowser({ installUrl: started.installUrl, teamId: 'T0ACME', userId: 'U0ANNA' });
    const installed = double.callsTo('oauth.v2.access')[0]!.response;
    expect(installed).toMatchObject({ token_type: 'bot', expires_in: 3600 });
    expect(installed.access_token).toMatch(/^xoxe\.xoxb-1-/);
    expect(installed.refresh_token).toMatch(/^xoxe-1-/);

    await acme.slashCommand({ command: '/loop', userId: 'U0ANNA', channelId: 'C0ACMEGEN' });
    await acme.waitForCall('chat.postMessage');
    const refresh = double.callsTo('oauth.v2.access')[1]!;
    expect(refresh.args).toMatchObject({ grant_type: 'refresh_token', refresh_token: installed.refresh_token });
    expect(refresh.response).toMatchObject({
      ok: true,
      token_type: 'bot',
      bot_user_id: acme.botUserId,
      expires_in: 3600,
    });
    expect(refresh.response.access_token).not.toBe(installed.access_token);
    expect(seen[0]!.token).toBe(refresh.response.access_token);
    expect(acme.botToken).toBe(refresh.response.access_token);
    expect(acme.callsTo('chat.postMessage')[0]!.token).toBe(refresh.response.access_token);
    // The refresh token that was exchanged is revoked.
    const again = await form('oauth.v2.access', {
      client_id: double.oauth.clientId,
      client_secret: double.oauth.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: installed.refresh_token,
    });
    expect(again.body).toEqual({ ok: false, error: 'invalid_refresh_token' });
    expect(double.violations).toEqual([]);
    expect(started.logger.errors).toEqual([]);
  });
});

describe('oauth.v2.access refusals and token rotation, over plain HTTP', () => {
  it('checks the client credentials (form fields or HTTP Basic), the code and the redirect_uri like Slack', async () => {
    let clock = 1_700_000_000_000;
    double = await SlackDouble.start({ now: () => clock });
    const { acme } = seedWorkspaces(double);
    const creds = { client_id: double.oauth.clientId, client_secret: double.oauth.clientSecret };
    const approve = () =>
      double!.oauth.approve({ authorizeUrl: authorizeUrl(double!), teamId: 'T0ACME', userId: 'U0ANNA' });
    const redirect_uri = 'https://app.example/slack/oauth_redirect';

    const { code, redirectUrl, state } = approve();
    expect(state).toBe('st4te');
    expect(redirectUrl).toBe(`${redirect_uri}?code=${encodeURIComponent(code)}&state=st4te`);
    expect((await form('oauth.v2.access', { ...creds, client_secret: 'nope', code, redirect_uri })).body).toEqual({
      ok: false,
      error: 'bad_client_secret',
    });
    expect((await form('oauth.v2.access', { ...creds, client_id: '1.2', code, redirect_uri })).body.error).toBe(
      'invalid_client_id',
    );
    expect((await form('oauth.v2.access', { code, redirect_uri })).body.error).toBe('invalid_client_id');
    // A redirect_uri given to the authorize URL must come back identical.
    expect((await form('oauth.v2.access', { ...creds, code })).body.error).toBe('bad_redirect_uri');
    expect((await form('oauth.v2.access', { ...creds, code, redirect_uri: `${redirect_uri}/x` })).body.error).toBe(
      'bad_redirect_uri',
    );
    expect((await form('oauth.v2.access', { ...creds, code, redirect_uri, grant_type: 'password' })).body.error).toBe(
      'invalid_grant_type',
    );
    expect(acme.installed).toBe(false);

    // HTTP Basic client credentials, as Slack recommends.
    const ok = await form(
      'oauth.v2.access',
      { code, redirect_uri },
      { id: creds.client_id, secret: creds.client_secret },
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, token_type: 'bot', team: { id: 'T0ACME', name: 'Acme Corp' } });
    expect(ok.body.access_token).toBe(acme.botToken);
    expect(ok.body).not.toHaveProperty('refresh_token');
    // Single use.
    expect((await form('oauth.v2.access', { ...creds, code, redirect_uri })).body).toEqual({
      ok: false,
      error: 'invalid_code',
    });
    expect((await form('oauth.v2.access', { ...creds, code: 'made-up', redirect_uri })).body.error).toBe(
      'invalid_code',
    );
    // Ten minutes to exchange it.
    const late = approve();
    clock += CODE_TTL_MS + 1;
    expect((await form('oauth.v2.access', { ...creds, code: late.code, redirect_uri })).body.error).toBe(
      'invalid_code',
    );
    const inTime = approve();
    clock += CODE_TTL_MS - 1;
    const reinstall = await form('oauth.v2.access', { ...creds, code: inTime.code, redirect_uri });
    // Re-installing without rotation keeps the bot's token.
    expect(reinstall.body.access_token).toBe(ok.body.access_token);
    expect(double.violations).toEqual([]);
  });

  it('refuses authorize URLs Slack would refuse, and needs a Redirect URL when the app sends none', async () => {
    double = await SlackDouble.start();
    seedWorkspaces(double);
    const d = double;
    const approve = (url: string) => () => d.oauth.approve({ authorizeUrl: url, teamId: 'T0ACME', userId: 'U0ANNA' });
    expect(approve(authorizeUrl(d, { client_id: '123.456' }))).toThrow(/client_id/);
    expect(approve(authorizeUrl(d).replace('/oauth/v2/authorize', '/oauth/authorize'))).toThrow(/v1/);
    expect(approve(authorizeUrl(d, { scope: '' }))).toThrow(/scope/);
    expect(() => d.oauth.approve({ authorizeUrl: authorizeUrl(d), teamId: 'T0ACME', userId: 'U0NOBODY' })).toThrow(
      /U0NOBODY/,
    );
    const noRedirect = `https://slack.com/oauth/v2/authorize?scope=commands&client_id=${d.oauth.clientId}&state=s`;
    expect(approve(noRedirect)).toThrow(/Redirect URL/);
    d.oauth.setRedirectUrls(['https://app.example/slack/oauth_redirect']);
    expect(approve(noRedirect)().redirectUrl).toMatch(/^https:\/\/app\.example\/slack\/oauth_redirect\?code=/);
    expect(approve(authorizeUrl(d, { redirect_uri: 'https://evil.example/cb' }))).toThrow(/did not match/);
    expect(d.oauth.deny({ authorizeUrl: authorizeUrl(d) }).redirectUrl).toBe(
      'https://app.example/slack/oauth_redirect?error=access_denied&state=st4te',
    );
  });

  it('with token rotation: expiring xoxe tokens, single-use refresh tokens, token_expired after expires_in', async () => {
    let clock = 1_700_000_000_000;
    double = await SlackDouble.start({ now: () => clock });
    const { acme } = seedWorkspaces(double);
    double.oauth.enableTokenRotation();
    expect(double.oauth.tokenRotation).toBe(true);
    const creds = { client_id: double.oauth.clientId, client_secret: double.oauth.clientSecret };
    const { code } = double.oauth.approve({
      authorizeUrl: authorizeUrl(double, { user_scope: 'users:read' }),
      teamId: 'T0ACME',
      userId: 'U0ANNA',
    });
    const install = (
      await form('oauth.v2.access', { ...creds, code, redirect_uri: 'https://app.example/slack/oauth_redirect' })
    ).body;
    expect(install).toMatchObject({
      ok: true,
      token_type: 'bot',
      expires_in: 43_200,
      authed_user: { id: 'U0ANNA', scope: 'users:read', token_type: 'user', expires_in: 43_200 },
    });
    expect(install.access_token).toMatch(/^xoxe\.xoxb-1-/);
    expect(install.refresh_token).toMatch(/^xoxe-1-/);
    expect(install.authed_user.access_token).toMatch(/^xoxe\.xoxp-1-/);
    expect(install.authed_user.refresh_token).toMatch(/^xoxe-1-/);

    const authTest = async (token: string) =>
      (
        await fetch(`${double!.apiUrl}auth.test`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })
      ).json() as Promise<any>;
    expect(await authTest(install.access_token)).toMatchObject({ ok: true, team_id: 'T0ACME', expires_in: 43_200 });
    expect(await authTest(install.authed_user.access_token)).toMatchObject({
      ok: true,
      user_id: 'U0ANNA',
      user: 'anna',
    });
    expect(await authTest(install.authed_user.access_token)).not.toHaveProperty('bot_id');

    clock += 3_600_000;
    const refreshed = (
      await form('oauth.v2.access', { ...creds, grant_type: 'refresh_token', refresh_token: install.refresh_token })
    ).body;
    expect(refreshed).toMatchObject({
      ok: true,
      app_id: double.appId,
      token_type: 'bot',
      bot_user_id: acme.botUserId,
      scope: 'commands,chat:write',
      expires_in: 43_200,
      team: { id: 'T0ACME', name: 'Acme Corp' },
      enterprise: null,
      is_enterprise_install: false,
    });
    expect(refreshed.refresh_token).not.toBe(install.refresh_token);
    expect(acme.botToken).toBe(refreshed.access_token);
    const userRefreshed = (
      await form('oauth.v2.access', {
        ...creds,
        grant_type: 'refresh_token',
        refresh_token: install.authed_user.refresh_token,
      })
    ).body;
    expect(userRefreshed).toMatchObject({ ok: true, token_type: 'user', user_id: 'U0ANNA', scope: 'users:read' });
    expect(acme.userToken('U0ANNA')).toBe(userRefreshed.access_token);
    // The exchanged refresh token is revoked; a wrong secret is refused before anything else.
    expect(
      (await form('oauth.v2.access', { ...creds, grant_type: 'refresh_token', refresh_token: install.refresh_token }))
        .body,
    ).toEqual({ ok: false, error: 'invalid_refresh_token' });
    expect(
      (
        await form('oauth.v2.access', {
          ...creds,
          client_secret: 'x',
          grant_type: 'refresh_token',
          refresh_token: refreshed.refresh_token,
        })
      ).body.error,
    ).toBe('bad_client_secret');
    // The old access token was not revoked by the refresh: it works until its 12 hours are up.
    expect(await authTest(install.access_token)).toMatchObject({ ok: true, expires_in: 43_200 - 3600 });
    clock += (43_200 - 3600) * 1000;
    expect(await authTest(install.access_token)).toEqual({ ok: false, error: 'token_expired' });
    expect(await authTest(refreshed.access_token)).toMatchObject({ ok: true, expires_in: 3600 });
    expect(double.violations).toEqual([]);
  });
});
