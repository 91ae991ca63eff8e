// The bare Bolt baseline's app, apart from the bench's process helpers (apps.ts): bench/baseline-main.ts is bundled
// with what it imports, and must not pull in the build itself.
import { App, type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import {
  compareAssessments,
  DIMENSION_KEYS,
  type DimensionKey,
  scoreAssessment,
} from '../src/features/assessment/domain/index.js';
import { assessModal } from '../src/features/assessment/slack/blocks/assess-modal.js';
import { assessmentSummaryMessage } from '../src/features/assessment/slack/blocks/summary.js';
import { ASSESS_BLOCK, ASSESS_VIEW } from '../src/features/assessment/slack/ids.js';
import { COMMAND, INPUT_ACTION } from '../src/slack/ids.js';

/** Bolt's errors go to stderr, which the bench counts; the rest is dropped. */
function quietBoltLogger(): BoltLogger {
  let level = LogLevel.ERROR;
  return {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (...msg: unknown[]) => process.stderr.write(`${msg.map(String).join(' ')}\n`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** A summary message of the same shape and size as Loopkeeper's, built once. */
function staticSummaryMessage() {
  const scores = Object.fromEntries(DIMENSION_KEYS.map((key, i) => [key, (i % 5) + 1])) as Record<DimensionKey, number>;
  const scored = scoreAssessment({ scores, redFlags: [], segment: 'plg_sales_assist' });
  return assessmentSummaryMessage({
    assessment: {
      id: 1,
      teamId: 'T0TEST',
      userId: 'U0BASELINE',
      segment: 'plg_sales_assist',
      scores,
      notes: {},
      redFlags: [],
      originChannelId: null,
      targetChannelId: 'C0BASELINE',
      sourceViewId: null,
      createdAt: new Date('2026-11-23T10:00:00Z'),
      postedChannelId: null,
      postedTs: null,
      postError: null,
    },
    scored,
    previous: undefined,
    comparison: compareAssessments(scored, undefined),
  });
}

/**
 * The floor: a bare Bolt App that acks `/loop` and opens a static modal (the assessment modal, built once, so
 * Slack-side validation and transfer cost the same), and on submission acks and posts a static message of the
 * summary's size to the chosen channel. No database, no per-request building.
 */
export function bareBoltApp(slack: { botToken: string; appToken: string; apiUrl: string }): App {
  const app = new App({
    socketMode: true,
    token: slack.botToken,
    appToken: slack.appToken,
    logger: quietBoltLogger(),
    clientOptions: { slackApiUrl: slack.apiUrl },
  });
  const modal = assessModal({ segment: null, channelId: null, privateMetadata: '' });
  const summary = staticSummaryMessage();

  app.command(COMMAND, async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: modal });
  });
  app.view(ASSESS_VIEW.modal, async ({ ack, view, client }) => {
    await ack();
    const channel = view.state.values[ASSESS_BLOCK.channel]?.[INPUT_ACTION]?.selected_conversation;
    if (channel) await client.chat.postMessage({ channel, ...summary });
  });
  return app;
}
