import { z } from 'zod';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';
import { notAdminMessage } from '../../../slack/admin-refusal.js';
import { section } from '../../../slack/blocks.js';
import type { Listeners } from '../../../slack/listener-table.js';
import { decodeOrigin } from '../../../slack/parse/private-metadata.js';
import { readState, viewStateSchema } from '../../../slack/parse/view-state.js';
import { describeRule, type MqaInputField, parseMqaItemInput, person } from '../domain/index.js';
import type { MqaListenerDeps } from './deps.js';
import { MQA_BLOCK, MQA_VIEW } from './ids.js';

const BLOCK_OF: Record<MqaInputField, string> = {
  accountName: MQA_BLOCK.account,
  domain: MQA_BLOCK.domain,
  segment: MQA_BLOCK.segment,
  tier: MQA_BLOCK.tier,
  region: MQA_BLOCK.region,
  intentTopics: MQA_BLOCK.intentTopics,
  evidence: MQA_BLOCK.evidence,
  source: MQA_BLOCK.source,
  priority: MQA_BLOCK.priority,
  ownerId: MQA_BLOCK.owner,
  externalId: MQA_BLOCK.externalId,
};

const itemMetadata = z.object({ itemId: z.number().int(), purpose: z.enum(['reject', 'not_a_fit']).optional() });
const parseItemMetadata = (raw: string | undefined) => {
  try {
    return itemMetadata.parse(JSON.parse(raw ?? ''));
  } catch {
    return undefined;
  }
};

const say = (text: string) => ({ text, blocks: [section(text)] });
const teamOf = (body: { team: { id: string } | null; user: { team_id?: string } }) =>
  body.team?.id ?? body.user.team_id ?? '';

export function registerMqaViews(app: Listeners, deps: MqaListenerDeps): void {
  app.view(MQA_VIEW.add, async ({ ack, body, view }) => {
    const state = readState(viewStateSchema.parse(view.state.values));
    const teamId = teamOf(body);
    const origin = decodeOrigin(view.private_metadata);
    const parsed = parseMqaItemInput({
      accountName: state.text(MQA_BLOCK.account) ?? '',
      domain: state.text(MQA_BLOCK.domain) ?? '',
      segment: state.text(MQA_BLOCK.segment),
      tier: state.text(MQA_BLOCK.tier),
      region: state.text(MQA_BLOCK.region),
      intentTopics: state.text(MQA_BLOCK.intentTopics),
      evidence: state.text(MQA_BLOCK.evidence),
      source: state.selected(MQA_BLOCK.source) ?? '',
      priority: state.selected(MQA_BLOCK.priority),
      ownerId: state.user(MQA_BLOCK.owner),
      externalId: state.text(MQA_BLOCK.externalId),
    });
    if (!parsed.ok) {
      const errors = Object.fromEntries(
        Object.entries(parsed.errors).map(([field, message]) => [BLOCK_OF[field as MqaInputField], `This ${message}.`]),
      );
      return ack({ response_action: 'errors', errors });
    }
    const existing = await deps.mqa.findByDomain(teamId, parsed.value.domain);
    if (existing) {
      return ack({
        response_action: 'errors',
        errors: { [MQA_BLOCK.domain]: `${parsed.value.domain} is already on the MQA list (${existing.accountName}).` },
      });
    }
    // Stored before ack so nothing is lost; the review post happens after.
    const [outcome] = await deps.mqa.upsert(teamId, [parsed.value], person(body.user.id), { deliverNow: false });
    await ack();
    deps.inFlight.run(async () => {
      if (!outcome) return;
      const posted = await deps.mqa.submitForReview(teamId, outcome.id);
      const text = posted
        ? `:white_check_mark: *${escapeMrkdwn(parsed.value.accountName)}* is in Marketing review in <#${posted}>.`
        : `:white_check_mark: *${escapeMrkdwn(parsed.value.accountName)}* is stored. No review channel is set yet: an admin can set one in \`/loop mqa settings\`.`;
      await deps.notifier.tellUser(
        { userId: body.user.id, responseUrl: origin.responseUrl, channelId: origin.originChannelId },
        say(text),
      );
    });
  });

  app.view(MQA_VIEW.validate, async ({ ack, body, view }) => {
    const meta = parseItemMetadata(view.private_metadata);
    const state = readState(viewStateSchema.parse(view.state.values));
    await ack();
    if (!meta) return;
    const teamId = teamOf(body);
    deps.inFlight.run(async () => {
      const result = await deps.mqa.validate(teamId, meta.itemId, person(body.user.id), {
        icpAlignment: state.selected(MQA_BLOCK.icp) ?? 'unknown',
        relevance: state.selected(MQA_BLOCK.relevance) ?? 'unknown',
        strategicFit: state.selected(MQA_BLOCK.strategicFit) ?? 'unknown',
        notes: state.text(MQA_BLOCK.notes),
      });
      if (!result.ok) return void (await deps.notifier.tellUser({ userId: body.user.id }, say(result.reason)));
      if (result.routed === false) {
        await deps.notifier.tellUser(
          { userId: body.user.id },
          say(
            `*${escapeMrkdwn(result.item.accountName)}* is validated, but no routing rule matches and no default sales channel is set. An admin can add one in \`/loop mqa settings\` or \`/loop mqa routes\`.`,
          ),
        );
      }
    });
  });

  app.view(MQA_VIEW.reason, async ({ ack, body, view }) => {
    const meta = parseItemMetadata(view.private_metadata);
    const reason = readState(viewStateSchema.parse(view.state.values)).text(MQA_BLOCK.reason);
    // Marketing rejects in review; Sales says "not a fit" on the card. A form without a purpose is Marketing's.
    const purpose = meta?.purpose ?? 'reject';
    if (!reason) {
      return ack({
        response_action: 'errors',
        errors: {
          [MQA_BLOCK.reason]: purpose === 'reject' ? 'Say why Marketing rejects it.' : 'Say why it is not a fit.',
        },
      });
    }
    await ack();
    if (!meta) return;
    const teamId = teamOf(body);
    const by = person(body.user.id);
    deps.inFlight.run(async () => {
      const result =
        purpose === 'reject'
          ? await deps.mqa.reject(teamId, meta.itemId, by, reason)
          : await deps.mqa.notAFit(teamId, meta.itemId, by, reason);
      if (!result.ok) await deps.notifier.tellUser({ userId: body.user.id }, say(result.reason));
    });
  });

  app.view(MQA_VIEW.settings, async ({ ack, body, view }) => {
    const state = readState(viewStateSchema.parse(view.state.values));
    const errors: Record<string, string> = {};
    const sla = Number(state.text(MQA_BLOCK.slaDays) ?? '');
    const stall = Number(state.text(MQA_BLOCK.stallDays) ?? '');
    if (!Number.isInteger(sla) || sla < 1 || sla > 10)
      errors[MQA_BLOCK.slaDays] = 'Enter a whole number of business days from 1 to 10.';
    if (!Number.isInteger(stall) || stall < 1 || stall > 365)
      errors[MQA_BLOCK.stallDays] = 'Enter a whole number of days from 1 to 365.';
    if (Object.keys(errors).length > 0) return ack({ response_action: 'errors', errors });
    const teamId = teamOf(body);
    const update = {
      reviewChannelId: state.conversation(MQA_BLOCK.reviewChannel),
      reviewerIds: state.users(MQA_BLOCK.reviewers),
      directorId: state.user(MQA_BLOCK.director),
      defaultChannelId: state.conversation(MQA_BLOCK.defaultChannel),
      escalationChannelId: state.conversation(MQA_BLOCK.escalationChannel),
      escalationUserId: state.user(MQA_BLOCK.escalationUser),
      slaBusinessDays: sla,
      stallDays: stall,
    };
    // The admin check may ask Slack (users.info), so it runs after the ack; a non-admin gets a private notice.
    await ack();
    deps.inFlight.run(async () => {
      const result = await deps.mqa.saveSettings(teamId, body.user.id, update);
      await deps.notifier.tellUser(
        { userId: body.user.id },
        result.ok ? say(':white_check_mark: MQA settings saved.') : notAdminMessage('change the MQA settings'),
      );
    });
  });

  app.view(MQA_VIEW.routes, async ({ ack, body, view }) => {
    const state = readState(viewStateSchema.parse(view.state.values));
    const channelId = state.conversation(MQA_BLOCK.routeChannel);
    if (!channelId)
      return ack({
        response_action: 'errors',
        errors: { [MQA_BLOCK.routeChannel]: 'Pick the sales channel for this rule.' },
      });
    const teamId = teamOf(body);
    const rule = {
      segment: state.text(MQA_BLOCK.segment),
      region: state.text(MQA_BLOCK.region),
      tier: state.text(MQA_BLOCK.tier),
      source: state.selected(MQA_BLOCK.routeSource),
      intentTopic: state.text(MQA_BLOCK.routeIntent),
      channelId,
      ownerIds: state.users(MQA_BLOCK.routeOwners),
    };
    // The admin check may ask Slack (users.info), so it runs after the ack; a non-admin gets a private notice.
    await ack();
    deps.inFlight.run(async () => {
      if (!(await deps.settings.isAdmin(teamId, body.user.id)))
        return void (await deps.notifier.tellUser({ userId: body.user.id }, notAdminMessage('change MQA routes')));
      const id = await deps.mqa.addRoute(teamId, rule);
      await deps.notifier.tellUser(
        { userId: body.user.id },
        say(`:white_check_mark: Rule #${id} added: ${escapeMrkdwn(describeRule(rule))} → <#${channelId}>.`),
      );
    });
  });
}
