import { escapeMrkdwn, truncate } from '../../../domain/text/mrkdwn.js';
import { notAdminMessage } from '../../../slack/admin-refusal.js';
import { section } from '../../../slack/blocks.js';
import type { Listeners } from '../../../slack/listener-table.js';
import { ritualTitleMrkdwn } from '../domain/ritual-title.js';
import { ritualOccurrenceText } from './blocks/ritual-time.js';
import type { RitualListenerDeps } from './deps.js';
import { RITUAL_VIEW } from './ids.js';
import {
  FOLLOW_UP_FIELD_BLOCK,
  followUpDraftFromState,
  followUpModalMeta,
  RITUAL_FIELD_BLOCK,
  ritualDraftFromState,
  ritualModalMeta,
} from './parse.js';

const keyed = <F extends string>(errors: Partial<Record<F, string>>, blocks: Record<F, string>) =>
  Object.fromEntries(Object.entries(errors).map(([field, text]) => [blocks[field as F], text as string]));

export function registerRitualViews(app: Listeners, deps: RitualListenerDeps): void {
  app.view(RITUAL_VIEW.edit, async ({ ack, body, view }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const { ritualId } = ritualModalMeta(view.private_metadata);
    const draft = ritualDraftFromState(view.state.values);
    // Pure validation first: inline errors must ride on the ack. The admin check may call users.info, so it comes after.
    const errors = deps.rituals.checkDraft(draft);
    if (Object.keys(errors).length > 0)
      return ack({ response_action: 'errors', errors: keyed(errors, RITUAL_FIELD_BLOCK) });
    await ack();
    const audience = { userId: body.user.id };
    deps.inFlight.run(async () => {
      const result = await deps.rituals.save(teamId, body.user.id, ritualId, draft, view.id);
      if (!result.ok) {
        // 'invalid' cannot happen here (checked above); answer it like a vanished ritual rather than crash.
        const reply =
          result.reason === 'not_admin'
            ? notAdminMessage(ritualId === null ? 'add rituals' : 'edit rituals')
            : { text: 'That ritual no longer exists.', blocks: [section('That ritual no longer exists.')] };
        await deps.notifier.tellUser(audience, reply);
        return;
      }
      const next = (await deps.rituals.list(teamId)).find((i) => i.ritual.id === result.ritual.id)?.next ?? [];
      const text = `:white_check_mark: ${result.created ? 'Added' : 'Saved'} *${ritualTitleMrkdwn(result.ritual)}* in <#${result.ritual.channelId}>. Next: ${next.map((d) => ritualOccurrenceText(d, result.ritual)).join(' · ') || '_none_'}.`;
      await deps.notifier.tellUser(audience, { text, blocks: [section(text)] });
    });
  });

  app.view(RITUAL_VIEW.followUp, async ({ ack, body, view }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const postId = followUpModalMeta(view.private_metadata);
    const result =
      postId === undefined
        ? ({ ok: false, reason: 'not_found' } as const)
        : await deps.followUps.add(teamId, body.user.id, postId, followUpDraftFromState(view.state.values), view.id);
    if (!result.ok && result.reason === 'invalid')
      return ack({ response_action: 'errors', errors: keyed(result.errors, FOLLOW_UP_FIELD_BLOCK) });
    await ack();
    if (!result.ok) {
      deps.inFlight.run(() =>
        deps.notifier.tellUser(
          { userId: body.user.id },
          { text: 'That ritual post no longer exists.', blocks: [section('That ritual post no longer exists.')] },
        ),
      );
      return;
    }
    const f = result.followUp;
    deps.inFlight.run(async () => {
      await deps.followUps.announce(f);
      if (result.created) {
        const text = `:white_check_mark: Follow-up added: ${escapeMrkdwn(f.what)} — <@${f.ownerId}>, due ${f.dueDate}.`;
        await deps.notifier.tellUser(
          { userId: body.user.id },
          { text: 'Follow-up added', blocks: [section(truncate(text, 2900))] },
        );
      }
    });
  });
}
