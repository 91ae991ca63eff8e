import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Checker, formatIssue } from '../../src/slack-double/block-kit/checker.js';
import { checkMessage, checkView } from '../../src/slack-double/block-kit/surfaces.js';
import { SlackDouble } from '../../src/slack-double/index.js';
import { quietLogger } from './test-app.js';

const raw = (text: string) => ({ type: 'raw_text', text });
const user = (id: string) => ({
  type: 'rich_text',
  elements: [{ type: 'rich_text_section', elements: [{ type: 'user', user_id: id }] }],
});
const row = (n: number, text = 'x') => Array.from({ length: n }, () => raw(text));
const table = (rows: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'table', rows, ...extra });

function check(msg: Record<string, unknown>): { error: string | undefined; issues: string[] } {
  const c = new Checker();
  const error = checkMessage(c, { text: 'fallback', ...msg }, { requireContent: true });
  return { error, issues: c.issues.map(formatIssue) };
}

describe('table blocks: what Slack takes', () => {
  it('accepts a table at the limits: 100 rows of 20 cells, 20 column settings, every cell type', () => {
    const rows = [
      [raw('Name'), { type: 'raw_number', value: 12.5, text: '12.5' }, user('U1'), ...row(17)],
      ...Array.from({ length: 99 }, () => row(20, 'y')),
    ];
    const settings = [
      { align: 'left', is_wrapped: true },
      { align: 'right' },
      null,
      {},
      ...Array.from({ length: 16 }, () => ({ align: 'center', is_wrapped: false })),
    ];
    const result = check({
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'hi' } },
        table(rows, { column_settings: settings, block_id: 't' }),
      ],
    });
    expect(result).toEqual({ error: undefined, issues: [] });
  });

  it('accepts fewer column settings than columns, and a table in an attachment', () => {
    expect(check({ blocks: [table([row(3), row(3)], { column_settings: [{ align: 'right' }] })] }).issues).toEqual([]);
    expect(check({ attachments: [{ blocks: [table([row(2)])] }] }).issues).toEqual([]);
  });

  it('accepts rows of unequal length, which the table page does not forbid', () => {
    expect(check({ blocks: [table([row(3), row(2)])] }).issues).toEqual([]);
  });

  it('accepts a table in App Home', () => {
    const c = new Checker();
    checkView(c, { type: 'home', blocks: [table([row(2)])] }, '/view', 'home');
    expect(c.issues).toEqual([]);
  });
});

describe('table blocks: what Slack rejects', () => {
  it('more than 100 rows or 20 cells in a row', () => {
    expect(check({ blocks: [table(Array.from({ length: 101 }, () => row(1)))] })).toEqual({
      error: 'invalid_blocks',
      issues: ['[ERROR] no more than 100 items allowed [json-pointer:/blocks/0/rows]'],
    });
    expect(check({ blocks: [table([row(1), row(21)])] }).issues).toEqual([
      '[ERROR] no more than 20 items allowed [json-pointer:/blocks/0/rows/1]',
    ]);
  });

  it('missing, empty or malformed rows', () => {
    expect(check({ blocks: [{ type: 'table' }] }).issues).toEqual([
      '[ERROR] missing required field [json-pointer:/blocks/0/rows]',
    ]);
    expect(check({ blocks: [table([])] }).issues).toEqual([
      '[ERROR] must provide at least 1 item [json-pointer:/blocks/0/rows]',
    ]);
    expect(check({ blocks: [table([raw('not a row'), []])] }).issues).toEqual([
      '[ERROR] must provide an array [json-pointer:/blocks/0/rows/0]',
      '[ERROR] must provide at least 1 item [json-pointer:/blocks/0/rows/1]',
    ]);
  });

  it('bad cells: unknown type, empty or missing text, a number that is not one, an empty rich_text', () => {
    const cells = [
      { type: 'mrkdwn', text: '*x*' },
      raw(''),
      { type: 'raw_text' },
      { type: 'raw_number', value: 'NaN', text: '1' },
      { type: 'rich_text', elements: [] },
      'plain string',
    ];
    expect(check({ blocks: [table([cells])] }).issues).toEqual([
      '[ERROR] must be a valid enum value (raw_text, raw_number or rich_text) [json-pointer:/blocks/0/rows/0/0/type]',
      '[ERROR] must be more than 0 characters [json-pointer:/blocks/0/rows/0/1/text]',
      '[ERROR] missing required field [json-pointer:/blocks/0/rows/0/2/text]',
      '[ERROR] must provide a number [json-pointer:/blocks/0/rows/0/3/value]',
      '[ERROR] must provide at least 1 item [json-pointer:/blocks/0/rows/0/4/elements]',
      '[ERROR] must provide an object [json-pointer:/blocks/0/rows/0/5]',
    ]);
  });

  it('bad column settings: more than 20, an unknown alignment, is_wrapped not a boolean, not an object', () => {
    const settings = [{ align: 'justify' }, { is_wrapped: 'yes' }, 'right', ...Array.from({ length: 18 }, () => ({}))];
    expect(check({ blocks: [table([row(2)], { column_settings: settings })] }).issues).toEqual([
      '[ERROR] no more than 20 items allowed [json-pointer:/blocks/0/column_settings]',
      '[ERROR] must be a valid enum value (left, center or right) [json-pointer:/blocks/0/column_settings/0/align]',
      '[ERROR] must be a boolean [json-pointer:/blocks/0/column_settings/1/is_wrapped]',
      '[ERROR] must provide an object [json-pointer:/blocks/0/column_settings/2]',
    ]);
  });

  it('a second table in a message, in blocks or in an attachment, with invalid_attachments', () => {
    expect(check({ blocks: [table([row(1)]), table([row(1)])] })).toEqual({
      error: 'invalid_attachments',
      issues: [
        '[ERROR] only_one_table_allowed: a message holds one table block, found 2 at /blocks/0, /blocks/1 [json-pointer:/blocks/1]',
      ],
    });
    expect(check({ blocks: [table([row(1)])], attachments: [{ blocks: [table([row(1)])] }] }).error).toBe(
      'invalid_attachments',
    );
  });

  it('more than 10,000 characters of cell text across the message', () => {
    const rows = Array.from({ length: 100 }, () => [raw('x'.repeat(100)), raw('y')]);
    expect(check({ blocks: [table(rows)] })).toEqual({
      error: 'invalid_blocks',
      issues: ['[ERROR] table cells hold 10100 characters; a message allows 10000 [json-pointer:/blocks/0]'],
    });
  });

  it('a table in a modal', () => {
    const c = new Checker();
    checkView(c, { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [table([row(1)])] }, '/view');
    expect(c.issues.map(formatIssue)).toEqual([
      '[ERROR] table blocks are not supported in modals [json-pointer:/view/blocks/0/type]',
    ]);
  });
});

describe('table blocks through the Web API', () => {
  let double: SlackDouble;
  let client: InstanceType<typeof webApi.WebClient>;
  beforeEach(async () => {
    double = await SlackDouble.start();
    double.addChannel({ id: 'C0GENERAL', name: 'general' });
    client = new webApi.WebClient(double.botToken, {
      slackApiUrl: double.apiUrl,
      retryConfig: { retries: 0 },
      logger: quietLogger(),
    });
  });
  afterEach(async () => {
    await double.stop();
  });

  it('posts a valid table and stores it; refuses two tables the way Slack does, recording a violation', async () => {
    const blocks = [
      table(
        [
          [raw('KPI'), raw('Now')],
          [raw('MQLs'), raw('4')],
        ],
        { column_settings: [null, { align: 'right' }] },
      ),
    ];
    const ok = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'KPIs', blocks: blocks as any });
    expect(ok.ok).toBe(true);
    expect(double.violations).toEqual([]);
    expect(double.channel('C0GENERAL')?.messages.at(-1)?.blocks?.[0]).toMatchObject({
      type: 'table',
      rows: blocks[0]!.rows,
    });

    const error = await client.chat
      .postMessage({ channel: 'C0GENERAL', text: 'two', blocks: [...blocks, ...blocks] as any })
      .then(
        () => 'ok',
        (e: any) => e.data.error,
      );
    expect(error).toBe('invalid_attachments');
    expect(double.violations).toHaveLength(1);
    expect(double.violations[0]).toContain('only_one_table_allowed');
  });
});
