import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ELENA,
  GTM_REVIEW,
  MAYA_ADMIN,
  SALES_EMEA,
  SALES_NA,
  SAM,
  startTestSandbox,
  type TestSandbox,
} from './start.js';

// One sandbox for the file: each test acts in its own channel or as its own person.
let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t?.dispose());

const blocksText = (m: { blocks: unknown[] }) => JSON.stringify(m.blocks);

describe('the sandbox server', () => {
  it('serves the page, its script and a seeded workspace, and forwards the rest to Loopkeeper', async () => {
    const html = await (await fetch(`${t.base}/sandbox`)).text();
    expect(html).toContain('<script type="module" src="/sandbox/app.js">');
    const script = await fetch(`${t.base}/sandbox/app.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain('EventSource');
    expect((await fetch(`${t.base}/sandbox/styles.css`)).status).toBe(200);

    const state = await t.state(MAYA_ADMIN);
    expect(state.workspace).toEqual({ teamId: 'T0SANDBOX', name: 'Loopkeeper Sandbox' });
    expect(state.channels.filter((c: any) => c.kind === 'channel').map((c: any) => c.name)).toEqual([
      'gtm-review',
      'marketing-review',
      'sales-emea',
      'sales-na',
    ]);
    expect(state.channels.filter((c: any) => c.kind === 'dm')).toEqual([
      { id: expect.stringMatching(/^D/), name: 'Loopkeeper', kind: 'dm' },
    ]);
    const humans = state.people.filter((p: any) => !p.isBot);
    expect(humans.length).toBeGreaterThanOrEqual(3);
    expect(humans.filter((p: any) => p.isAdmin).map((p: any) => p.id)).toEqual([MAYA_ADMIN]);
    expect(state.nextStop).toBeNull();
    expect(state.demoLoaded).toBe(false);
    expect(Date.parse(state.now)).toBeGreaterThanOrEqual(Date.parse('2026-11-02T09:00:00Z'));

    const health = await fetch(`${t.base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok', slack: 'connected' });
    expect((await fetch(`${t.base}/sandbox/api/state?as=U0NOBODY`)).status).toBe(400);
  });

  it('answers only pages on localhost, and takes actions only as JSON', async () => {
    // A DNS-rebinding page reaches the port under its own name; a form or no-cors POST sends no JSON type.
    // (fetch may not set Host: node:http may.)
    const rebound = await new Promise<number | undefined>((resolve, reject) =>
      request(`${t.base}/sandbox/api/state?as=${SAM}`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
        .on('error', reject)
        .end(),
    );
    expect(rebound).toBe(403);
    const form = await fetch(`${t.base}/sandbox/api/message`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ as: SAM, channel: SALES_NA, text: 'posted by another site' }),
    });
    expect(form.status).toBe(415);
    expect(JSON.stringify((await t.state(SAM)).messages[SALES_NA] ?? [])).not.toContain('posted by another site');
  });

  it('runs a /loop command as the chosen person, whose answer only they see', async () => {
    expect(await t.post('message', { as: SAM, channel: SALES_NA, text: '/loop help' })).toEqual({ ok: true });
    const [answer] = (await t.state(SAM)).messages[SALES_NA];
    expect(answer).toMatchObject({ ephemeral: true, user: 'U0LOOPBOT' });
    expect(blocksText(answer)).toContain('/loop assess');
    expect((await t.state(ELENA)).messages[SALES_NA]).toEqual([]);
  });

  it('posts messages with mentions, thread replies and reactions', async () => {
    await t.post('message', { as: SAM, channel: SALES_EMEA, text: 'Hello @elena, @nobody here' });
    const [message] = (await t.state(ELENA)).messages[SALES_EMEA];
    expect(message).toMatchObject({ user: SAM, text: 'Hello <@U0ELENA>, @nobody here', ephemeral: false });

    await t.post('message', { as: ELENA, channel: SALES_EMEA, threadTs: message.ts, text: 'On it' });
    await t.post('reaction', { as: ELENA, channel: SALES_EMEA, ts: message.ts, name: 'eyes' });
    let [parent, reply] = (await t.state(SAM)).messages[SALES_EMEA];
    expect(parent).toMatchObject({ replyCount: 1, reactions: [{ name: 'eyes', users: [ELENA] }] });
    expect(reply).toMatchObject({ user: ELENA, text: 'On it', threadTs: message.ts });

    // A second click takes the reaction back, as in Slack.
    await t.post('reaction', { as: ELENA, channel: SALES_EMEA, ts: message.ts, name: 'eyes' });
    [parent] = (await t.state(SAM)).messages[SALES_EMEA];
    expect(parent.reactions).toEqual([]);
  });

  it('opens modals, shows their inline errors, refuses an empty required field, and closes them', async () => {
    await t.post('message', { as: ELENA, channel: SALES_EMEA, text: '/loop mqa add' });
    const { modal } = await t.state(ELENA);
    expect(modal).toMatchObject({ callbackId: 'mqa_add_modal', submit: expect.any(String), depth: 0 });

    // What Slack's client would not send: the sandbox refuses it and the page shows why.
    const empty = await t.post('submit', { as: ELENA, viewId: modal.id, values: {} });
    expect(empty.ok).toBe(false);
    expect(empty.error).toMatch(/Slack would not submit .*required input/);
    expect((await t.state(ELENA)).errors.map((e: any) => e.message)).toContainEqual(empty.error);

    // Loopkeeper's own answer: the modal stays open with the error under its input.
    const bad = await t.post('submit', {
      as: ELENA,
      viewId: modal.id,
      values: {
        'mqa_account/value': 'Acme',
        'mqa_domain/value': 'not a domain',
        'mqa_source/value': 'intent_signal',
      },
    });
    expect(bad).toEqual({ ok: true, responseAction: 'errors' });
    const again = (await t.state(ELENA)).modal;
    expect(again.id).toBe(modal.id);
    expect(again.errors.mqa_domain).toContain('must be a domain');

    expect(await t.post('close', { as: ELENA, viewId: modal.id })).toEqual({ ok: true });
    expect((await t.state(ELENA)).modal).toBeNull();
  });

  it('shows a message Slack rejects (Block Kit limits) as an error instead of dropping it silently', async () => {
    const sent = await fetch(`${t.sandbox.double.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.sandbox.double.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: SALES_NA,
        text: 'broken',
        blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }],
      }),
    });
    expect(await sent.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
    const { errors, messages } = await t.state(MAYA_ADMIN);
    expect(errors.map((e: any) => e.message)).toContainEqual(
      expect.stringMatching(
        /^Slack rejected chat\.postMessage \(channel C0SALESNA\): invalid_blocks — \[ERROR\] must be less than 151 characters \[json-pointer:\/blocks\/0\/text\/text\]$/,
      ),
    );
    expect(messages[SALES_NA].some((m: any) => m.text === 'broken')).toBe(false);
  });

  it('fast-forwards the clock to the next ritual occurrence, and the scheduler posts it', async () => {
    expect(await t.post('fast-forward', { as: MAYA_ADMIN })).toEqual({ ok: true, stop: null });

    await t.post('message', { as: MAYA_ADMIN, channel: GTM_REVIEW, text: '/loop rituals' });
    const list = (await t.state(MAYA_ADMIN)).messages[GTM_REVIEW].at(-1);
    await t.post('action', { as: MAYA_ADMIN, actionId: 'ritual_add', channel: GTM_REVIEW, messageTs: list.ts });
    const { modal } = await t.state(MAYA_ADMIN);
    expect(modal.callbackId).toBe('ritual_modal');
    const saved = await t.post('submit', {
      as: MAYA_ADMIN,
      viewId: modal.id,
      values: {
        'ritual_kind/value': 'gtm_review',
        'ritual_channel/value': GTM_REVIEW,
        'ritual_cadence/value': 'weekly',
        'ritual_every_weeks/value': '3',
        'ritual_weekday/value': '2',
        'ritual_anchor/value': '2026-11-03',
        'ritual_time/value': '10:00',
        'ritual_time_zone/value': 'Europe/Berlin',
      },
    });
    expect(saved).toEqual({ ok: true, responseAction: null });

    const before = await t.state(MAYA_ADMIN);
    expect(before.nextStop).toEqual({ at: '2026-11-03T09:00:00.000Z', label: 'GTM review in #gtm-review' });
    const posts = (s: any) => s.messages[GTM_REVIEW].filter((m: any) => !m.ephemeral && !m.threadTs);
    expect(posts(before)).toEqual([]);

    const moved = await t.post('fast-forward', { as: MAYA_ADMIN });
    expect(moved.stop).toEqual(before.nextStop);
    const after = await t.state(MAYA_ADMIN);
    expect(Date.parse(after.now)).toBeGreaterThan(Date.parse('2026-11-03T09:00:00Z'));
    expect(posts(after)).toHaveLength(1);
    expect(blocksText(posts(after)[0])).toContain('GTM review');
    expect(after.nextStop).toEqual({ at: '2026-11-24T09:00:00.000Z', label: 'GTM review in #gtm-review' });
  });

  it('pushes a change to the page over server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${t.base}/sandbox/api/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const first = JSON.parse(/data: (.*)\n\n/.exec(decoder.decode((await reader.read()).value))?.[1] ?? 'null');
    await t.post('message', { as: SAM, channel: SALES_NA, text: 'Anyone seen the new pricing page?' });
    const next = JSON.parse(/data: (.*)\n\n/.exec(decoder.decode((await reader.read()).value))?.[1] ?? 'null');
    expect(next.version).toBeGreaterThan(first.version);
    controller.abort();
  });
});
