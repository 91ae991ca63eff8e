import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { useDouble } from './fixture.js';

describe("slash command text as Slack sends it, by the command's should_escape setting", () => {
  const setup = useDouble();

  /** A Bolt app that remembers the text of every /loop it receives. */
  async function receiving() {
    const texts: string[] = [];
    const { double } = await setup((app) => {
      app.command('/loop', async ({ ack, command }) => {
        texts.push(command.text);
        await ack();
      });
    });
    double.addUser({ id: 'U0ANNA', name: 'anna' });
    double.addUser({ id: 'U0GONE', name: 'gone', deleted: true });
    double.addChannel({ id: 'C0TEAM', name: 'team' });
    double.addUsergroup({ id: 'S0PMM', handle: 'pmm', users: ['U0ANNA', 'U0BOB'] });
    const send = async (text: string, shouldEscape?: boolean) => {
      await double.slashCommand({
        command: '/loop',
        text,
        userId: 'U0ALICE',
        channelId: 'C0GENERAL',
        ...(shouldEscape === undefined ? {} : { shouldEscape }),
      });
      return texts.at(-1);
    };
    return { double, send };
  }

  it('escapes by default: known people, channels, user groups, @here and links become tokens; unknown names stay text', async () => {
    const { double, send } = await receiving();
    expect(await send('assess round #team 2d @anna @Bob @pmm')).toBe(
      'assess round <#C0TEAM|team> 2d <@U0ANNA|anna> <@U0BOB|bob> <!subteam^S0PMM|@pmm>',
    );
    expect(await send('@here see https://example.com/a?b=1 and #nowhere @nobody @gone')).toBe(
      '<!here> see <https://example.com/a?b=1> and #nowhere @nobody @gone',
    );
    // Punctuation after a name is not part of it; an address is not a mention.
    expect(await send('thanks @anna. (@bob) anna@example.com')).toBe(
      'thanks <@U0ANNA|anna>. (<@U0BOB|bob>) anna@example.com',
    );
    // Tokens written by the test stand for picks from the autocomplete and are sent as they are.
    expect(await send('round <#C0TEAM> <@U0ANNA> <@U0NOBODY|ghost>')).toBe(
      'round <#C0TEAM> <@U0ANNA> <@U0NOBODY|ghost>',
    );
    expect(double.violations).toEqual([]);
  });

  it('with escaping off sends plain text: typed names as typed, picked mentions as @name, #channel, @handle', async () => {
    const { send } = await receiving();
    expect(await send('assess round #team 2d @anna @pmm', false)).toBe('assess round #team 2d @anna @pmm');
    expect(
      await send(
        '<#C0TEAM|team> <#C0TEAM> <@U0ANNA> <@U0BOB|bob> <!subteam^S0PMM|@pmm> <!subteam^S0PMM> <!here> <https://example.com>',
        false,
      ),
    ).toBe('#team #team @anna @bob @pmm @pmm @here https://example.com');
  });

  it('answers users.info for an unknown id with user_not_found and usergroups.users.list with the members', async () => {
    const { double } = await receiving();
    const client = new webApi.WebClient(double.botToken, { slackApiUrl: double.apiUrl, retryConfig: { retries: 0 } });
    await expect(client.users.info({ user: 'U0NOBODY' })).rejects.toMatchObject({
      data: { ok: false, error: 'user_not_found' },
    });
    expect((await client.users.info({ user: 'U0GONE' })).user).toMatchObject({ id: 'U0GONE', deleted: true });
    expect((await client.usergroups.users.list({ usergroup: 'S0PMM' })).users).toEqual(['U0ANNA', 'U0BOB']);
    await expect(client.usergroups.users.list({ usergroup: 'S0NONE' })).rejects.toMatchObject({
      data: { error: 'no_such_subteam' },
    });
  });
});
