import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackDouble } from '../../src/slack-double/index.js';
import { CANVAS_MARKDOWN_LIMIT, splitSections } from '../../src/slack-double/web-api/canvases.js';
import { quietLogger } from './test-app.js';

let double: SlackDouble;
let client: InstanceType<typeof webApi.WebClient>;

beforeEach(async () => {
  double = await SlackDouble.start();
  double.addUser({ id: 'U0ALICE', name: 'alice' });
  double.addChannel({ id: 'C0GENERAL', name: 'general' });
  double.addChannel({ id: 'C0RANDOM', name: 'random', isMember: false });
  client = new webApi.WebClient(double.botToken, {
    slackApiUrl: double.apiUrl,
    retryConfig: { retries: 0 },
    logger: quietLogger(),
  });
});
afterEach(async () => {
  await double.stop();
});

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: any) => e?.data?.error ?? String(e),
  );
const md = (markdown: string) => ({ type: 'markdown' as const, markdown });
const DOC = '# Plan\nintro\n## Risks\n- one\n- two\n## Rituals\n- review';

async function sectionId(canvasId: string, text: string, type: 'h1' | 'h2' = 'h2') {
  const found = await client.canvases.sections.lookup({
    canvas_id: canvasId,
    criteria: { section_types: [type], contains_text: text },
  });
  expect(found.sections).toHaveLength(1);
  return found.sections?.[0]?.id as string;
}

describe('canvases in the Slack double', () => {
  it('splits markdown at headers; fenced code never starts a section', () => {
    const sections = splitSections('lead\n# A\nx\n```\n# not a header\n```\n### B\ny');
    expect(sections.map((s) => [s.type, s.headerText])).toEqual([
      ['text', ''],
      ['h1', 'A'],
      ['h3', 'B'],
    ]);
  });

  it('creates a channel canvas once per channel, and refuses it on a plan without channel canvases', async () => {
    const created = await client.conversations.canvases.create({ channel_id: 'C0GENERAL', document_content: md(DOC) });
    const canvas = double.canvases().get(created.canvas_id as string);
    expect(canvas?.kind).toBe('channel');
    expect(double.canvases().markdown(created.canvas_id as string)).toBe(DOC);
    expect(await errorOf(client.conversations.canvases.create({ channel_id: 'C0GENERAL' }))).toBe(
      'channel_canvas_already_exists',
    );
    expect(await errorOf(client.conversations.canvases.create({ channel_id: 'C0RANDOM' }))).toBe('not_in_channel');
    double.canvases().setPlan({ channelCanvases: false });
    double.addChannel({ id: 'C0SALES', name: 'sales' });
    expect(await errorOf(client.conversations.canvases.create({ channel_id: 'C0SALES' }))).toBe(
      'team_tier_cannot_create_channel_canvases',
    );
    const standalone = await client.canvases.create({
      title: 'Plan',
      channel_id: 'C0SALES',
      document_content: md(DOC),
    });
    expect(double.canvases().get(standalone.canvas_id as string)).toMatchObject({
      kind: 'standalone',
      channelId: 'C0SALES',
      title: 'Plan',
    });
    expect(double.violations).toEqual([]);
  });

  it('replaces one section by its id, which then has a new id', async () => {
    const { canvas_id } = await client.canvases.create({ document_content: md(DOC) });
    const id = canvas_id as string;
    const risks = await sectionId(id, 'Risks');
    await client.canvases.edit({
      canvas_id: id,
      changes: [{ operation: 'replace', section_id: risks, document_content: md('## Risks\n- three') }],
    });
    expect(double.canvases().markdown(id)).toBe('# Plan\nintro\n## Risks\n- three\n## Rituals\n- review');
    expect(await sectionId(id, 'Risks')).not.toBe(risks);
    expect(double.callsTo('canvases.edit')[0]?.args.changes[0].operation).toBe('replace');
    const rituals = await sectionId(id, 'Rituals');
    await client.canvases.edit({ canvas_id: id, changes: [{ operation: 'delete', section_id: rituals }] });
    await client.canvases.edit({
      canvas_id: id,
      changes: [{ operation: 'insert_at_end', document_content: md('end') }],
    });
    expect(double.canvases().markdown(id)).toBe('# Plan\nintro\n## Risks\n- three\nend');
    const any = await client.canvases.sections.lookup({ canvas_id: id, criteria: { section_types: ['any_header'] } });
    expect(any.sections).toHaveLength(2);
  });

  it('rejects what Slack rejects: two changes at once, a missing section id, too much markdown', async () => {
    const { canvas_id } = await client.canvases.create({ document_content: md(DOC) });
    const id = canvas_id as string;
    const twice = client.canvases.edit({
      canvas_id: id,
      changes: [
        { operation: 'insert_at_end', document_content: md('a') },
        { operation: 'insert_at_end', document_content: md('b') },
      ],
    });
    expect(await errorOf(twice)).toBe('invalid_arguments');
    expect(await errorOf(client.canvases.edit({ canvas_id: id, changes: [{ operation: 'delete' } as never] }))).toBe(
      'invalid_arguments',
    );
    const huge = client.canvases.edit({
      canvas_id: id,
      changes: [{ operation: 'insert_at_end', document_content: md('x'.repeat(CANVAS_MARKDOWN_LIMIT + 1)) }],
    });
    expect(await errorOf(huge)).toBe('invalid_arguments');
    expect(double.violations).toHaveLength(3);
    expect(double.canvases().markdown(id)).toBe(DOC);
  });

  it('answers canvas_not_found / canvas_deleted for a deleted canvas and missing_scope once a scope is revoked', async () => {
    const { canvas_id } = await client.canvases.create({ document_content: md(DOC) });
    const id = canvas_id as string;
    double.canvases().deleteCanvas(id);
    const change = { operation: 'insert_at_end' as const, document_content: md('x') };
    expect(await errorOf(client.canvases.edit({ canvas_id: id, changes: [change] }))).toBe('canvas_not_found');
    const lookup = client.canvases.sections.lookup({ canvas_id: id, criteria: { contains_text: 'Plan' } });
    expect(await errorOf(lookup)).toBe('canvas_deleted');
    double.canvases().revokeScope('canvases:write');
    expect(await errorOf(client.canvases.create({}))).toBe('missing_scope');
  });

  it("flags more than tier 3's 50 calls a minute as a violation", async () => {
    const { canvas_id } = await client.canvases.create({ document_content: md(DOC) });
    const criteria = { section_types: ['h1'] as ['h1'] };
    for (let i = 0; i < 50; i += 1) await client.canvases.sections.lookup({ canvas_id: canvas_id as string, criteria });
    expect(double.violations).toEqual([]);
    expect(await errorOf(client.canvases.sections.lookup({ canvas_id: canvas_id as string, criteria }))).toBe(
      'ratelimited',
    );
    expect(double.violations[0]).toContain('tier 3');
  });

  it('injects 429s with failNext like every other method', async () => {
    double.failNext('canvases.edit', { status: 429, retryAfterSeconds: 1 });
    const { canvas_id } = await client.canvases.create({ document_content: md(DOC) });
    const edit = client.canvases.edit({
      canvas_id: canvas_id as string,
      changes: [{ operation: 'insert_at_end', document_content: md('x') }],
    });
    expect(await errorOf(edit)).not.toBe('ok');
    expect(double.callsTo('canvases.edit')[0]?.status).toBe(429);
  });
});
