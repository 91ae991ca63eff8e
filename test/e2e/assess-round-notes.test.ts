import { describe, expect, it } from 'vitest';
import type { SlackDouble } from '../../src/slack-double/index.js';
import { blockText } from '../helpers/assess-journey.js';
import { ALICE, BOB_ADMIN, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import { answerRound } from '../helpers/round-journey.js';

const start = useLoopkeeper();
const CAROL = 'U0CAROL';
const DAY = 24 * 3_600_000;
const threes = { data_integration: 3, activation: 3, usage_campaigns: 3, pqls: 3, feedback_loop: 3 };

async function command(double: SlackDouble, text: string, userId = ALICE): Promise<string> {
  const before = double.callsTo('response_url').length;
  await double.slashCommand({ command: '/loop', text, userId, channelId: GENERAL });
  const call = await double.waitForCall('response_url', (c) => double.callsTo('response_url').indexOf(c) >= before);
  return blockText(call.args.blocks) || String(call.args.text);
}

/** The closed round's summary in #general, and the replies in its thread. */
function summaryAndThread(double: SlackDouble, roundId: number) {
  const messages = double.channel(GENERAL)!.messages;
  const summary = messages.find(
    (m) =>
      !m.thread_ts &&
      String(m.text).startsWith(`Team assessment round #${roundId}: `) &&
      !String(m.text).includes('answered so far'),
  );
  if (!summary) throw new Error(`no summary for round ${roundId}`);
  return { summary, thread: messages.filter((m) => m.thread_ts === summary.ts) };
}

async function exportedCsv(double: SlackDouble, userId: string): Promise<string[]> {
  await command(double, 'assess export', userId);
  const file = double
    .files()
    .filter((f) => f.name.endsWith('.csv'))
    .at(-1)!;
  return file.bytes!.toString('utf8').trim().split('\r\n');
}

describe('notes typed in a team round', () => {
  it('are replied under the summary with who wrote them, escaped, and exported in a defused notes column', async () => {
    const { double, app, clock } = await start();
    double.addUser({ id: CAROL, name: 'carol' });
    await command(double, 'assess round 1d');
    await answerRound(double, ALICE, 1, {
      function: 'product',
      scores: threes,
      notes: {
        activation: 'Ping <!channel> & see <http://evil.example|wiki>',
        pqls: '=HYPERLINK("http://evil.example","click")',
      },
    });
    await answerRound(double, CAROL, 1, { function: 'marketing', scores: threes, notes: { pqls: 'No PQL model yet' } });
    clock.advance(DAY);
    await app.tick();
    await app.idle();

    const { summary, thread } = summaryAndThread(double, 1);
    expect(blockText(summary.blocks)).toContain(':memo: 3 notes from respondents are in the thread.');
    const notes = thread.filter((m) => String(m.text).startsWith('Notes from team assessment round #1'));
    expect(notes).toHaveLength(1);
    const text = blockText(notes[0]!.blocks);
    expect(text).toContain('*Notes from round #1*: 3 notes from 2 respondents.');
    expect(text).toContain(
      `*Activation &amp; Onboarding*\n• <@${ALICE}> (Product): Ping &lt;!channel&gt; &amp; see &lt;http://evil.example|wiki&gt;`,
    );
    expect(text).toContain(
      `*Product-Qualified Leads*\n• <@${ALICE}> (Product): =HYPERLINK("http://evil.example","click")\n• <@${CAROL}> (Marketing): No PQL model yet`,
    );
    expect(text).not.toContain('<!channel>');
    // The chart is still there, after the notes.
    expect(thread.filter((m) => m.files?.length)).toHaveLength(1);

    const lines = await exportedCsv(double, BOB_ADMIN);
    expect(lines[0]!.endsWith(',red_flags,notes')).toBe(true);
    const csv = lines.join('\r\n');
    // One quoted cell per response, a line per dimension; nothing in it starts a formula.
    expect(csv).toContain(
      '"Activation: Ping <!channel> & see <http://evil.example|wiki>\nPQLs: =HYPERLINK(""http://evil.example"",""click"")"',
    );
    expect(csv).toContain(',PQLs: No PQL model yet');
    expect(csv).not.toMatch(/(^|,)"?[=+\-@]/m);
    expect(double.violations).toEqual([]);
  });

  it('name nobody in an anonymous round, in the thread and in the export', async () => {
    const { double, app, clock } = await start();
    double.addUser({ id: CAROL, name: 'carol' });
    await command(double, 'assess round 1d anonymous');
    await answerRound(double, ALICE, 1, {
      function: 'product',
      scores: threes,
      notes: { feedback_loop: 'We never close the loop with Sales' },
    });
    await answerRound(double, CAROL, 1, {
      function: 'marketing',
      scores: threes,
      notes: { feedback_loop: 'Closed-loop reporting is manual' },
    });
    clock.advance(DAY);
    await app.tick();
    await app.idle();

    const { summary, thread } = summaryAndThread(double, 1);
    expect(blockText(summary.blocks)).toContain(':memo: 2 notes from respondents are in the thread, without names.');
    const text = thread.map((m) => blockText(m.blocks)).join('\n');
    expect(text).toContain('*Notes from round #1*: 2 notes from 2 respondents, without names (anonymous round).');
    // Sorted by text, not by who answered first.
    expect(text).toContain(
      '*Feedback Loop Closure*\n• Closed-loop reporting is manual\n• We never close the loop with Sales',
    );
    expect(text).not.toMatch(/<@U0/);
    expect(text).not.toMatch(/Product|Marketing \(/);

    const lines = await exportedCsv(double, BOB_ADMIN);
    const responses = lines.filter((l) => l.startsWith('round_response'));
    expect(responses).toHaveLength(2);
    expect(responses.every((l) => l.split(',')[4] === '')).toBe(true);
    expect(lines.join('\n')).not.toContain(ALICE);
    expect(responses.map((l) => l.split(',').at(-1))).toEqual([
      'Feedback Loop: We never close the loop with Sales',
      'Feedback Loop: Closed-loop reporting is manual',
    ]);
    expect(double.violations).toEqual([]);
  });
});
