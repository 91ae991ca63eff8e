import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';
import { notAdminMessage } from '../../../slack/admin-refusal.js';
import { section } from '../../../slack/blocks.js';
import type { Listeners } from '../../../slack/listener-table.js';
import { decodeOrigin } from '../../../slack/parse/private-metadata.js';
import { readState, viewStateSchema } from '../../../slack/parse/view-state.js';
import { SEGMENTS } from '../../assessment/domain/index.js';
import type { SettingsField } from '../service.js';
import type { SettingsListenerDeps } from './deps.js';
import { SETTINGS_BLOCK, SETTINGS_VIEW } from './ids.js';

const BLOCK_OF: Record<SettingsField, string> = {
  segment: SETTINGS_BLOCK.segment,
  assessmentsChannelId: SETTINGS_BLOCK.channel,
  timeZone: SETTINGS_BLOCK.timeZone,
  admins: SETTINGS_BLOCK.admins,
};

export function registerSettingsSubmission(app: Listeners, deps: SettingsListenerDeps): void {
  app.view(SETTINGS_VIEW.modal, async ({ ack, body, view }) => {
    const state = readState(viewStateSchema.parse(view.state.values));
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const origin = decodeOrigin(view.private_metadata);
    const audience = { userId: body.user.id, responseUrl: origin.responseUrl, channelId: origin.originChannelId };
    const input = {
      segment: state.selected(SETTINGS_BLOCK.segment),
      assessmentsChannelId: state.conversation(SETTINGS_BLOCK.channel),
      timeZone: state.text(SETTINGS_BLOCK.timeZone) ?? '',
      admins: state.users(SETTINGS_BLOCK.admins),
    };
    // Inline errors must ride on the ack; the admin check may call users.info, so it waits until after.
    const invalid = deps.settings.validate(input);
    if (invalid) {
      const errors = Object.fromEntries(
        Object.entries(invalid).map(([field, message]) => [BLOCK_OF[field as SettingsField], message]),
      );
      return ack({ response_action: 'errors', errors });
    }
    await ack();
    deps.inFlight.run(async () => {
      const result = await deps.settings.save(teamId, body.user.id, input);
      if (!result.ok) return deps.notifier.tellUser(audience, notAdminMessage('change the team settings'));
      const s = result.settings;
      const segmentName = SEGMENTS.find((x) => x.key === s.segment)?.name ?? 'not set';
      const text =
        `:white_check_mark: Settings saved. Segment: *${escapeMrkdwn(segmentName)}* · Assessments channel: ${s.assessmentsChannelId ? `<#${s.assessmentsChannelId}>` : '_not set_'}` +
        ` · Time zone: *${escapeMrkdwn(s.timeZone)}* · Loopkeeper admins: ${s.admins.length > 0 ? s.admins.map((u) => `<@${u}>`).join(', ') : '_workspace admins only_'}`;
      return deps.notifier.tellUser(audience, { text, blocks: [section(text)] });
    });
  });
}
