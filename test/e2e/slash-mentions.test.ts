import { describe, expect, it } from 'vitest';
import type { Loopkeeper } from '../../src/bootstrap.js';
import type { SlackDouble } from '../../src/slack-double/index.js';
import { blockText } from '../helpers/assess-journey.js';
import { ALICE, BOB_ADMIN, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';

const start = useLoopkeeper();
const ANNA = 'U0ANNA';
const BERT = 'U0BERT';
const CLEO = 'U0CLEO';
const GONE = 'U0GONE';
const TEAM = 'C0TEAM';

/** Alice, Bob, Anna, Bert, Cleo, a deactivated Gus, #team and the user group @pmm (Anna, Cleo, Bob). */
async function setUp() {
  const running = await start();
  const { double } = running;
  double.addUser({ id: ANNA, name: 'anna' });
  double.addUser({ id: BERT, name: 'bert' });
  double.addUser({ id: CLEO, name: 'cleo' });
  double.addUser({ id: GONE, name: 'gus', deleted: true });
  double.addChannel({ id: TEAM, name: 'team' });
  double.addUsergroup({ id: 'S0PMM', handle: 'pmm', users: [ANNA, CLEO, BOB_ADMIN] });
  return running;
}

/** `/loop …` typed by Alice in #general, sent as the command's escaping setting says; returns the private answer. */
async function typed(double: SlackDouble, text: string, options: { shouldEscape?: boolean } = {}): Promise<string> {
  const before = double.callsTo('response_url').length;
  await double.slashCommand({ command: '/loop', text, userId: ALICE, channelId: GENERAL, ...options });
  const call = await double.waitForCall('response_url', (c) => double.callsTo('response_url').indexOf(c) >= before);
  return blockText(call.args.blocks) || String(call.args.text);
}

async function roundRows(app: Loopkeeper) {
  const rounds = await app.db.selectFrom('assessment_rounds').select(['id', 'channel_id']).execute();
  const invitees = await app.db
    .selectFrom('assessment_round_invitees')
    .select(['round_id', 'user_id'])
    .orderBy('user_id')
    .execute();
  return { rounds, invitees: invitees.map((r) => r.user_id) };
}

describe('mentions in /loop assess round, as a real workspace sends them', () => {
  it('typed "#team 2d @anna @bert" arrives escaped and starts the round in #team inviting both', async () => {
    const { double, app } = await setUp();
    const answer = await typed(double, 'assess round #team 2d @anna @bert');

    expect(answer).toContain(`Round #1 started in <#${TEAM}>: open for 2d`);
    expect(answer).toContain('2 invited');
    expect(await roundRows(app)).toEqual({ rounds: [{ id: 1, channel_id: TEAM }], invitees: [ANNA, BERT] });
    expect(blockText(double.channel(TEAM)!.messages[0]!.blocks)).toContain(`*Invited:* <@${ANNA}> <@${BERT}>`);
    expect(double.violations).toEqual([]);
  });

  it('a user group typed as @pmm invites its members, once each next to a direct mention', async () => {
    const { double, app } = await setUp();
    const answer = await typed(double, 'assess round @pmm @anna 3d');

    expect(double.callsTo('usergroups.users.list').map((c) => c.args.usergroup)).toEqual(['S0PMM']);
    expect(answer).toContain('3 invited');
    expect((await roundRows(app)).invitees).toEqual([ANNA, CLEO, BOB_ADMIN].sort());
  });

  it('checks mentioned ids with users.info: an unknown one is named to the starter and not invited or counted', async () => {
    const { double, app } = await setUp();
    const answer = await typed(double, 'assess round @anna <@U0GHOST|ghost> 2d');

    expect(double.callsTo('users.info').map((c) => [c.args.user, c.response.error ?? 'ok'])).toEqual(
      expect.arrayContaining([
        [ANNA, 'ok'],
        ['U0GHOST', 'user_not_found'],
      ]),
    );
    expect(answer).toContain('Round #1 started');
    expect(answer).toContain('1 invited');
    expect(answer).toContain('Not invited: `@ghost` (not found in this workspace).');
    expect((await roundRows(app)).invitees).toEqual([ANNA]);
    expect(blockText(double.channel(GENERAL)!.messages[0]!.blocks)).toContain('*0* answered (1 invited)');
  });

  it('leaves out deactivated people and apps, saying why', async () => {
    const { double, app } = await setUp();
    const answer = await typed(double, `assess round <@${GONE}> <@${double.botUserId}> @bert`);

    expect(answer).toContain('1 invited');
    expect(answer).toContain(
      `Not invited: <@${GONE}> (deactivated), <@${double.botUserId}> (an app, which can't answer).`,
    );
    expect((await roundRows(app)).invitees).toEqual([BERT]);
  });

  it('with only unknown mentions starts the round without invitees and says so', async () => {
    const { double, app } = await setUp();
    const answer = await typed(double, 'assess round <@U0GHOST> <@U0PHANTOM|phantom>');

    expect(answer).toContain('Round #1 started');
    expect(answer).not.toMatch(/\d+ invited/);
    expect(answer).toContain('Not invited: `U0GHOST`, `@phantom` (not found in this workspace).');
    expect((await roundRows(app)).invitees).toEqual([]);
  });

  it('with escaping off, a plain @anna gets the usage help pointing to the autocomplete, and nothing is saved', async () => {
    const { double, app } = await setUp();
    const answer = await typed(double, 'assess round 2d @anna', { shouldEscape: false });

    expect(answer).toContain("I can't tell who `@anna` is");
    expect(answer).toContain("Slack's autocomplete");
    expect(answer).toContain('Usage: `/loop assess round');
    expect(await roundRows(app)).toEqual({ rounds: [], invitees: [] });
    expect(double.callsTo('chat.postMessage')).toEqual([]);
  });

  it('a name Slack does not know stays plain text and gets the same help', async () => {
    const { double, app } = await setUp();
    const answer = await typed(double, 'assess round @annabel');

    expect(answer).toContain("I can't tell who `@annabel` is");
    expect((await roundRows(app)).rounds).toEqual([]);
  });

  it('@here is refused: a round invites people or a user group, not a whole channel', async () => {
    const { double, app } = await setUp();
    const answer = await typed(double, 'assess round @here 2d');

    expect(answer).toContain("I can't invite `@here`");
    expect((await roundRows(app)).rounds).toEqual([]);
  });

  it('when users.info fails, nothing is saved and the starter is told to try again', async () => {
    const { double, app } = await setUp();
    double.failNext('users.info', { error: 'internal_error' });
    const answer = await typed(double, 'assess round @anna');

    expect(answer).toContain(
      "I couldn't check who is mentioned (internal_error). Nothing was saved. Try again in a moment.",
    );
    expect(await roundRows(app)).toEqual({ rounds: [], invitees: [] });
  });
});
