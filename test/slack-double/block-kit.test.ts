import { describe, expect, it } from 'vitest';
import { Checker, formatIssue } from '../../src/slack-double/block-kit/checker.js';
import { checkMessage, checkView } from '../../src/slack-double/block-kit/surfaces.js';

const pt = (text: string) => ({ type: 'plain_text', text, emoji: true });
const md = (text: string) => ({ type: 'mrkdwn', text });
const opt = (value: string, text = value) => ({ text: pt(text), value });

function viewIssues(view: unknown, expected?: 'modal' | 'home'): string[] {
  const c = new Checker();
  checkView(c, view, '/view', expected);
  return c.issues.map(formatIssue);
}

function messageIssues(msg: Record<string, unknown>): string[] {
  const c = new Checker();
  checkMessage(c, msg, { requireContent: true });
  return c.issues.map(formatIssue);
}

/** A modal using most of Block Kit, at the limits — must produce no issues (no false positives). */
const richModal = {
  type: 'modal',
  callback_id: 'c'.repeat(255),
  private_metadata: 'm'.repeat(3000),
  title: pt('t'.repeat(24)),
  submit: pt('s'.repeat(24)),
  close: pt('Cancel'),
  notify_on_close: true,
  blocks: [
    { type: 'header', text: pt('h'.repeat(150)) },
    {
      type: 'section',
      block_id: 'b'.repeat(255),
      text: md('x'.repeat(3000)),
      fields: Array.from({ length: 10 }, () => md('f'.repeat(2000))),
    },
    { type: 'section', fields: [pt('only fields')] },
    { type: 'divider' },
    { type: 'image', image_url: 'https://example.com/a.png', alt_text: 'chart', title: pt('Chart') },
    { type: 'image', slack_file: { id: 'F123' }, alt_text: 'file' },
    {
      type: 'context',
      elements: [
        ...Array.from({ length: 9 }, () => md('c')),
        { type: 'image', image_url: 'https://example.com/i.png', alt_text: 'i' },
      ],
    },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'a1',
          text: pt('b'.repeat(75)),
          value: 'v'.repeat(2000),
          style: 'danger',
          confirm: { title: pt('Sure?'), text: md('Really?'), confirm: pt('Yes'), deny: pt('No'), style: 'danger' },
        },
        { type: 'button', action_id: 'a2', text: pt('Link'), url: `https://example.com/${'u'.repeat(2900)}` },
        { type: 'overflow', action_id: 'a3', options: [opt('one'), { ...opt('two'), url: 'https://example.com' }] },
        { type: 'datepicker', action_id: 'a4', initial_date: '2024-07-01', placeholder: pt('Date') },
        { type: 'timepicker', action_id: 'a5', initial_time: '09:30' },
        { type: 'users_select', action_id: 'a6', placeholder: pt('p'.repeat(150)) },
        {
          type: 'conversations_select',
          action_id: 'a7',
          default_to_current_conversation: true,
          filter: { include: ['public', 'private'] },
        },
        { type: 'channels_select', action_id: 'a8' },
        { type: 'multi_users_select', action_id: 'a9', max_selected_items: 3 },
        { type: 'external_select', action_id: 'a10', min_query_length: 2 },
        {
          type: 'workflow_button',
          action_id: 'a11',
          text: pt('Run'),
          workflow: { trigger: { url: 'https://slack.com/shortcuts/x' } },
        },
      ],
    },
    {
      type: 'section',
      text: md('Pick'),
      accessory: {
        type: 'static_select',
        action_id: 'pick',
        initial_option: opt('v1', 'o'.repeat(75)),
        options: [
          opt('v1', 'o'.repeat(75)),
          { text: pt('desc'), value: 'x'.repeat(150), description: pt('d'.repeat(75)) },
        ],
      },
    },
    {
      type: 'section',
      text: md('Grouped'),
      accessory: {
        type: 'multi_static_select',
        action_id: 'grp',
        option_groups: [{ label: pt('G'), options: [opt('a'), opt('b')] }],
        initial_options: [opt('b')],
      },
    },
    {
      type: 'input',
      block_id: 'i1',
      label: pt('l'.repeat(2000)),
      hint: pt('hint'),
      element: {
        type: 'plain_text_input',
        action_id: 'i',
        multiline: true,
        min_length: 0,
        max_length: 3000,
        placeholder: pt('p'.repeat(150)),
        initial_value: 'x',
      },
    },
    {
      type: 'input',
      block_id: 'i2',
      optional: true,
      label: pt('Radio'),
      element: {
        type: 'radio_buttons',
        action_id: 'i',
        options: Array.from({ length: 10 }, (_, k) => ({ text: md(`*${k}*`), value: `${k}`, description: md('_d_') })),
        initial_option: { text: md('*3*'), value: '3', description: md('_d_') },
      },
    },
    {
      type: 'input',
      block_id: 'i3',
      label: pt('Checks'),
      element: { type: 'checkboxes', action_id: 'i', options: [opt('a'), opt('b')], initial_options: [opt('a')] },
    },
    {
      type: 'input',
      block_id: 'i4',
      label: pt('Number'),
      element: { type: 'number_input', action_id: 'i', is_decimal_allowed: false, min_value: '1' },
    },
    { type: 'input', block_id: 'i5', label: pt('Email'), element: { type: 'email_text_input', action_id: 'i' } },
    { type: 'input', block_id: 'i6', label: pt('Url'), element: { type: 'url_text_input', action_id: 'i' } },
    { type: 'input', block_id: 'i7', label: pt('When'), element: { type: 'datetimepicker', action_id: 'i' } },
    { type: 'input', block_id: 'i8', label: pt('Notes'), element: { type: 'rich_text_input', action_id: 'i' } },
    {
      type: 'input',
      block_id: 'i9',
      label: pt('Who'),
      dispatch_action: false,
      element: { type: 'multi_conversations_select', action_id: 'i', filter: { include: ['im'] } },
    },
    {
      type: 'input',
      block_id: 'i10',
      label: pt('Files'),
      element: { type: 'file_input', action_id: 'i', filetypes: ['csv'] },
    },
    { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'rich' }] }] },
  ],
};

describe('Block Kit checks: no false positives', () => {
  it('accepts a modal using most block and element types at their limits', () => {
    expect(viewIssues(richModal, 'modal')).toEqual([]);
  });

  it('accepts a Home tab without a title, and a message with 50 blocks and 40,000 chars of text', () => {
    expect(viewIssues({ type: 'home', blocks: richModal.blocks.filter((b) => b.type !== 'input') }, 'home')).toEqual(
      [],
    );
    const blocks = Array.from({ length: 50 }, (_, i) => ({
      type: 'section',
      text: md(`row ${i}`),
      accessory: { type: 'button', action_id: 'open', text: pt('Open'), value: `${i}` },
    }));
    expect(messageIssues({ text: 'x'.repeat(40_000), blocks })).toEqual([]);
    expect(
      messageIssues({ blocks: [{ type: 'input', label: pt('L'), element: { type: 'plain_text_input' } }] }),
    ).toEqual([]);
    expect(messageIssues({ attachments: [{ text: 'legacy' }] })).toEqual([]);
  });

  it('accepts a modal without submit when it has no inputs', () => {
    expect(viewIssues({ type: 'modal', title: pt('Info'), blocks: [{ type: 'section', text: md('hi') }] })).toEqual([]);
  });
});

describe('Block Kit checks: violations', () => {
  const cases: [string, unknown, string][] = [
    ['modal title 25 chars', { type: 'modal', title: pt('x'.repeat(25)), blocks: [] }, '/view/title/text'],
    ['modal without title', { type: 'modal', blocks: [] }, '/view/title'],
    ['mrkdwn title', { type: 'modal', title: md('x'), blocks: [] }, '/view/title/type'],
    [
      'submit missing with inputs',
      {
        type: 'modal',
        title: pt('x'),
        blocks: [{ type: 'input', label: pt('l'), element: { type: 'plain_text_input' } }],
      },
      '/view/submit',
    ],
    ['submit 25 chars', { type: 'modal', title: pt('x'), submit: pt('s'.repeat(25)), blocks: [] }, '/view/submit/text'],
    ['close 25 chars', { type: 'modal', title: pt('x'), close: pt('s'.repeat(25)), blocks: [] }, '/view/close/text'],
    [
      'private_metadata 3001',
      { type: 'modal', title: pt('x'), private_metadata: 'm'.repeat(3001), blocks: [] },
      '/view/private_metadata',
    ],
    [
      'callback_id 256',
      { type: 'modal', title: pt('x'), callback_id: 'c'.repeat(256), blocks: [] },
      '/view/callback_id',
    ],
    [
      '101 blocks',
      { type: 'modal', title: pt('x'), blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) },
      '/view/blocks',
    ],
    [
      'input in home',
      { type: 'home', blocks: [{ type: 'input', label: pt('l'), element: { type: 'plain_text_input' } }] },
      '/view/blocks/0',
    ],
    [
      'input label missing',
      {
        type: 'modal',
        title: pt('x'),
        submit: pt('s'),
        blocks: [{ type: 'input', element: { type: 'plain_text_input' } }],
      },
      '/view/blocks/0/label',
    ],
    [
      'input element missing',
      { type: 'modal', title: pt('x'), submit: pt('s'), blocks: [{ type: 'input', label: pt('l') }] },
      '/view/blocks/0/element',
    ],
    [
      'button in input',
      {
        type: 'modal',
        title: pt('x'),
        submit: pt('s'),
        blocks: [{ type: 'input', label: pt('l'), element: { type: 'button', text: pt('b') } }],
      },
      '/view/blocks/0/element/type',
    ],
    [
      'plain_text_input max_length 3001',
      {
        type: 'modal',
        title: pt('x'),
        submit: pt('s'),
        blocks: [{ type: 'input', label: pt('l'), element: { type: 'plain_text_input', max_length: 3001 } }],
      },
      '/view/blocks/0/element/max_length',
    ],
    [
      'number_input without is_decimal_allowed',
      {
        type: 'modal',
        title: pt('x'),
        submit: pt('s'),
        blocks: [{ type: 'input', label: pt('l'), element: { type: 'number_input' } }],
      },
      '/view/blocks/0/element/is_decimal_allowed',
    ],
  ];
  it.each(cases)('view: %s', (_name, view, path) => {
    const issues = viewIssues(view);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.some((i) => i.endsWith(`[json-pointer:${path}]`))).toBe(true);
  });

  const msgCases: [string, Record<string, unknown>, string][] = [
    ['no text or blocks', {}, '/text'],
    ['text 40,001 chars', { text: 'x'.repeat(40_001) }, '/text'],
    ['51 blocks', { blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }, '/blocks'],
    ['section text 3001', { blocks: [{ type: 'section', text: md('x'.repeat(3001)) }] }, '/blocks/0/text/text'],
    ['section without text/fields', { blocks: [{ type: 'section' }] }, '/blocks/0'],
    [
      '11 fields',
      { blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => md('f')) }] },
      '/blocks/0/fields',
    ],
    ['field 2001', { blocks: [{ type: 'section', fields: [md('f'.repeat(2001))] }] }, '/blocks/0/fields/0/text'],
    ['header 151', { blocks: [{ type: 'header', text: pt('h'.repeat(151)) }] }, '/blocks/0/text/text'],
    ['header mrkdwn', { blocks: [{ type: 'header', text: md('h') }] }, '/blocks/0/text/type'],
    [
      'context 11 elements',
      { blocks: [{ type: 'context', elements: Array.from({ length: 11 }, () => md('c')) }] },
      '/blocks/0/elements',
    ],
    [
      'actions 26 elements',
      {
        blocks: [
          {
            type: 'actions',
            elements: Array.from({ length: 26 }, (_, i) => ({ type: 'button', text: pt('b'), action_id: `a${i}` })),
          },
        ],
      },
      '/blocks/0/elements',
    ],
    [
      'button text 76',
      { blocks: [{ type: 'actions', elements: [{ type: 'button', text: pt('b'.repeat(76)) }] }] },
      '/blocks/0/elements/0/text/text',
    ],
    [
      'button value 2001',
      { blocks: [{ type: 'actions', elements: [{ type: 'button', text: pt('b'), value: 'v'.repeat(2001) }] }] },
      '/blocks/0/elements/0/value',
    ],
    [
      'button url 3001',
      { blocks: [{ type: 'actions', elements: [{ type: 'button', text: pt('b'), url: 'u'.repeat(3001) }] }] },
      '/blocks/0/elements/0/url',
    ],
    [
      'action_id 256',
      { blocks: [{ type: 'actions', elements: [{ type: 'button', text: pt('b'), action_id: 'a'.repeat(256) }] }] },
      '/blocks/0/elements/0/action_id',
    ],
    [
      'duplicate action_id in a block',
      {
        blocks: [
          {
            type: 'actions',
            elements: [
              { type: 'button', text: pt('b'), action_id: 'x' },
              { type: 'button', text: pt('c'), action_id: 'x' },
            ],
          },
        ],
      },
      '/blocks/0/elements/1/action_id',
    ],
    [
      'duplicate block_id',
      {
        blocks: [
          { type: 'divider', block_id: 'd' },
          { type: 'divider', block_id: 'd' },
        ],
      },
      '/blocks/1/block_id',
    ],
    ['block_id 256', { blocks: [{ type: 'divider', block_id: 'd'.repeat(256) }] }, '/blocks/0/block_id'],
    ['empty text', { blocks: [{ type: 'section', text: md('') }] }, '/blocks/0/text/text'],
    ['bad text type', { blocks: [{ type: 'section', text: { type: 'markdown', text: 'x' } }] }, '/blocks/0/text/type'],
    [
      'option text 76',
      {
        blocks: [
          { type: 'section', text: md('x'), accessory: { type: 'static_select', options: [opt('v', 'o'.repeat(76))] } },
        ],
      },
      '/blocks/0/accessory/options/0/text/text',
    ],
    [
      'option value 151',
      {
        blocks: [
          {
            type: 'section',
            text: md('x'),
            accessory: { type: 'static_select', options: [opt('v'.repeat(151), 'o')] },
          },
        ],
      },
      '/blocks/0/accessory/options/0/value',
    ],
    [
      'option description 76',
      {
        blocks: [
          {
            type: 'section',
            text: md('x'),
            accessory: { type: 'static_select', options: [{ ...opt('v'), description: pt('d'.repeat(76)) }] },
          },
        ],
      },
      '/blocks/0/accessory/options/0/description/text',
    ],
    [
      'select option mrkdwn',
      {
        blocks: [
          {
            type: 'section',
            text: md('x'),
            accessory: { type: 'static_select', options: [{ text: md('o'), value: 'v' }] },
          },
        ],
      },
      '/blocks/0/accessory/options/0/text/type',
    ],
    [
      '101 options',
      {
        blocks: [
          {
            type: 'section',
            text: md('x'),
            accessory: { type: 'static_select', options: Array.from({ length: 101 }, (_, i) => opt(`${i}`)) },
          },
        ],
      },
      '/blocks/0/accessory/options',
    ],
    [
      '101 option groups',
      {
        blocks: [
          {
            type: 'section',
            text: md('x'),
            accessory: {
              type: 'static_select',
              option_groups: Array.from({ length: 101 }, () => ({ label: pt('g'), options: [opt('a')] })),
            },
          },
        ],
      },
      '/blocks/0/accessory/option_groups',
    ],
    [
      'initial_option not among options',
      {
        blocks: [
          {
            type: 'section',
            text: md('x'),
            accessory: { type: 'static_select', options: [opt('a')], initial_option: opt('b') },
          },
        ],
      },
      '/blocks/0/accessory/initial_option',
    ],
    [
      '11 radio buttons',
      {
        blocks: [
          {
            type: 'actions',
            elements: [{ type: 'radio_buttons', options: Array.from({ length: 11 }, (_, i) => opt(`${i}`)) }],
          },
        ],
      },
      '/blocks/0/elements/0/options',
    ],
    [
      '11 checkboxes',
      {
        blocks: [
          {
            type: 'actions',
            elements: [{ type: 'checkboxes', options: Array.from({ length: 11 }, (_, i) => opt(`${i}`)) }],
          },
        ],
      },
      '/blocks/0/elements/0/options',
    ],
    [
      'placeholder 151',
      { blocks: [{ type: 'actions', elements: [{ type: 'users_select', placeholder: pt('p'.repeat(151)) }] }] },
      '/blocks/0/elements/0/placeholder/text',
    ],
    [
      'image without alt_text',
      { blocks: [{ type: 'image', image_url: 'https://example.com/x.png' }] },
      '/blocks/0/alt_text',
    ],
    ['image without url', { blocks: [{ type: 'image', alt_text: 'x' }] }, '/blocks/0'],
    ['unknown block type', { blocks: [{ type: 'sektion', text: md('x') }] }, '/blocks/0/type'],
    [
      'unknown element type',
      { blocks: [{ type: 'actions', elements: [{ type: 'buton', text: pt('b') }] }] },
      '/blocks/0/elements/0/type',
    ],
    [
      'bad datepicker date',
      { blocks: [{ type: 'actions', elements: [{ type: 'datepicker', initial_date: '07/01/2024' }] }] },
      '/blocks/0/elements/0/initial_date',
    ],
  ];
  it.each(msgCases)('message: %s', (_name, msg, path) => {
    const issues = messageIssues(msg);
    expect(issues.length).toBeGreaterThan(0);
    expect(
      issues.some((i) => i.endsWith(`[json-pointer:${path}]`)),
      issues.join('\n'),
    ).toBe(true);
  });
});
