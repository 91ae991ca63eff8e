import { describe, expect, it } from 'vitest';
import { createPacer } from '../../../src/slack/pacing/pacer.js';
import { createFakeTimer } from './fake-timer.js';

class RateLimited extends Error {
  constructor(readonly retryAfter: number) {
    super('ratelimited');
  }
}
const retryAfterOf = (error: unknown) => (error instanceof RateLimited ? error.retryAfter : undefined);
const post = (channel: string) => ({ teamId: 'T1', channel, method: 'chat.postMessage' });

/** A pretend Slack: records what it accepted and when; refuses the calls `refuse` picks. */
function fakeSlack(clock: { now(): number }, refuse: (text: string, attempt: number) => number | undefined) {
  const accepted: Array<{ channel: string; text: string; at: number }> = [];
  const refused: Array<{ text: string; at: number }> = [];
  const attempts = new Map<string, number>();
  return {
    accepted,
    refused,
    send(channel: string, text: string) {
      return async () => {
        const attempt = (attempts.get(text) ?? 0) + 1;
        attempts.set(text, attempt);
        const retryAfter = refuse(text, attempt);
        if (retryAfter !== undefined) {
          refused.push({ text, at: clock.now() });
          throw new RateLimited(retryAfter);
        }
        accepted.push({ channel, text, at: clock.now() });
        return text;
      };
    },
  };
}

describe('pacer', () => {
  it('sends at once while Slack takes everything', async () => {
    const time = createFakeTimer();
    const pacer = createPacer({ timer: time.timer, retryAfterOf, headroom: 1 });
    const slack = fakeSlack(time, () => undefined);
    const results = [1, 2, 3, 4, 5].map((i) => pacer.run(post('C'), slack.send('C', `C${i}`)));
    await time.advanceTo(60_000);
    expect(await Promise.all(results)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
    expect(slack.accepted.map((a) => a.at)).toEqual([0, 0, 0, 0, 0]);
    expect(time.requested).toEqual([]);
  });

  it("once Slack answered 429, sends that channel's calls at Slack's rate until the channel rests", async () => {
    const time = createFakeTimer();
    const pacer = createPacer({ timer: time.timer, retryAfterOf, headroom: 1 });
    // Slack takes a burst of 3, then refuses the 4th for a second.
    const slack = fakeSlack(time, (text, attempt) => (text === 'A4' && attempt === 1 ? 1 : undefined));
    const results = ['A', 'B'].flatMap((ch) =>
      [1, 2, 3, 4, 5, 6].map((i) => pacer.run(post(ch), slack.send(ch, `${ch}${i}`))),
    );
    await time.advanceTo(3000);
    await Promise.all(results);
    expect(slack.accepted.filter((a) => a.channel === 'A').map((a) => [a.text, a.at])).toEqual([
      ['A1', 0],
      ['A2', 0],
      ['A3', 0],
      ['A4', 1000],
      ['A5', 2000],
      ['A6', 3000],
    ]);
    expect(slack.accepted.filter((a) => a.channel === 'B').every((a) => a.at === 0)).toBe(true);

    // Still limited: the next call waits for its token.
    const next = pacer.run(post('A'), slack.send('A', 'A7'));
    await time.advanceTo(3999);
    expect(slack.accepted.at(-1)?.text).toBe('A6');
    await time.advanceTo(4000);
    await next;
    expect(slack.accepted.at(-1)).toEqual({ channel: 'A', text: 'A7', at: 4000 });
    // Idle until its bucket is full again (3 s at 1/s), the channel sends at once again.
    await time.advanceTo(7000);
    const sleeps = time.requested.length;
    const rested = [8, 9, 10, 11].map((i) => pacer.run(post('A'), slack.send('A', `A${i}`)));
    await Promise.all(rested);
    expect(slack.accepted.slice(-4).map((a) => a.at)).toEqual([7000, 7000, 7000, 7000]);
    expect(time.requested).toHaveLength(sleeps);
  });

  it('pauses only the channel Slack refused, then sends the refused message once, before the ones after it', async () => {
    const time = createFakeTimer();
    const pacer = createPacer({ timer: time.timer, retryAfterOf, headroom: 1 });
    const slack = fakeSlack(time, (text, attempt) => (text === 'A1' && attempt === 1 ? 5 : undefined));
    const results = ['A', 'B'].flatMap((ch) =>
      [1, 2, 3, 4].map((i) => pacer.run(post(ch), slack.send(ch, `${ch}${i}`))),
    );

    await time.advanceTo(4999);
    expect(slack.refused).toEqual([{ text: 'A1', at: 0 }]);
    // B has gone on at its own pace; A sent nothing more while its Retry-After lasted.
    expect(slack.accepted.map((a) => a.text)).toEqual(['B1', 'B2', 'B3', 'B4']);
    expect(pacer.queued).toBe(4);

    await time.advanceTo(60_000);
    expect(await Promise.all(results)).toEqual(['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'B4']);
    expect(slack.accepted.filter((a) => a.channel === 'A').map((a) => [a.text, a.at])).toEqual([
      ['A1', 5000],
      ['A2', 6000],
      ['A3', 7000],
      ['A4', 8000],
    ]);
    expect(pacer.queued).toBe(0);
  });

  it("puts a person's reply ahead of the bulk waiting in the same channel, not ahead of the one being sent", async () => {
    const time = createFakeTimer();
    const pacer = createPacer({ timer: time.timer, retryAfterOf, headroom: 1 });
    const slack = fakeSlack(time, (text, attempt) => (text === 'card 1' && attempt === 1 ? 2 : undefined));
    const bulk = [1, 2, 3].map((i) => pacer.run(post('C'), slack.send('C', `card ${i}`)));
    await time.advanceTo(0);
    const reply = pacer.run({ ...post('C'), priority: 'user' }, slack.send('C', 'reply'));
    await time.advanceTo(60_000);
    await Promise.all([...bulk, reply]);
    expect(slack.accepted.map((a) => [a.text, a.at])).toEqual([
      ['card 1', 2000],
      ['reply', 3000],
      ['card 2', 4000],
      ['card 3', 5000],
    ]);
  });

  it("lets a workspace-wide lane's calls overlap, so one slow answer holds up no other channel", async () => {
    const time = createFakeTimer();
    const pacer = createPacer({ timer: time.timer, retryAfterOf, headroom: 1 });
    const ephemeral = (channel: string) => ({
      teamId: 'T1',
      channel,
      method: 'chat.postEphemeral',
      priority: 'user' as const,
    });
    let answerSlow: (value: string) => void = () => {};
    const slow = pacer.run(ephemeral('C1'), () => new Promise<string>((done) => (answerSlow = done)));
    expect(await pacer.run(ephemeral('C2'), async () => 'fast')).toBe('fast');
    answerSlow('slow');
    expect(await slow).toBe('slow');
  });

  it('returns any other error at once, and the channel goes on', async () => {
    const time = createFakeTimer();
    const pacer = createPacer({ timer: time.timer, retryAfterOf, headroom: 1 });
    const first = pacer.run(post('C'), async () => {
      throw new Error('channel_not_found');
    });
    const second = pacer.run(post('C'), async () => 'ok');
    await expect(first).rejects.toThrow('channel_not_found');
    expect(await second).toBe('ok');
    expect(time.requested).toEqual([]);
  });

  it('hands a call refused again and again back to its caller, whose own retry takes over', async () => {
    const time = createFakeTimer();
    const pacer = createPacer({ timer: time.timer, retryAfterOf, headroom: 1, maxRateLimited: 3 });
    const slack = fakeSlack(time, () => 5);
    const result = pacer.run(post('C'), slack.send('C', 'stuck'));
    const settled = result.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    const next = pacer.run(post('C'), async () => time.now());
    await time.advanceTo(60_000);
    expect(await settled).toBeInstanceOf(RateLimited);
    expect(slack.refused.map((r) => r.at)).toEqual([0, 5000, 10_000]);
    // The call after it still waits out the last Retry-After.
    expect(await next).toBe(15_000);
  });

  it('keeps workspaces apart, and lets calls without a limit through at once', async () => {
    const time = createFakeTimer();
    const pacer = createPacer({ timer: time.timer, retryAfterOf, headroom: 1 });
    const slack = fakeSlack(time, (text, attempt) => (text === 'T1-1' && attempt === 1 ? 30 : undefined));
    const calls = ['T1', 'T2'].flatMap((teamId) =>
      [1, 2, 3].map((i) => pacer.run({ ...post('C'), teamId }, slack.send('C', `${teamId}-${i}`))),
    );
    expect(await pacer.run({ teamId: 'T1', channel: 'C', method: 'conversations.history' }, async () => 'read')).toBe(
      'read',
    );
    await time.advanceTo(0);
    expect(slack.accepted.map((a) => a.text)).toEqual(['T2-1', 'T2-2', 'T2-3']);
    await time.advanceTo(60_000);
    await Promise.all(calls);
    expect(slack.accepted.map((a) => [a.text, a.at])).toEqual([
      ['T2-1', 0],
      ['T2-2', 0],
      ['T2-3', 0],
      ['T1-1', 30_000],
      ['T1-2', 31_000],
      ['T1-3', 32_000],
    ]);
  });
});
