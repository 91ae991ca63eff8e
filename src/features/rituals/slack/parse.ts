import { z } from 'zod';
import { readState, viewStateSchema } from '../../../slack/parse/view-state.js';
import type { RitualDraft } from '../domain/index.js';
import type { FollowUpDraft } from '../follow-ups-service.js';
import { RITUAL_BLOCK } from './ids.js';

const reader = (values: unknown) => readState(viewStateSchema.parse(values ?? {}));

export function ritualDraftFromState(values: unknown): RitualDraft {
  const s = reader(values);
  return {
    kind: s.selected(RITUAL_BLOCK.kind),
    name: s.text(RITUAL_BLOCK.name),
    channelId: s.conversation(RITUAL_BLOCK.channel),
    cadenceType: s.selected(RITUAL_BLOCK.cadenceType),
    everyWeeks: s.text(RITUAL_BLOCK.everyWeeks),
    weekday: s.selected(RITUAL_BLOCK.weekday),
    anchorDate: s.date(RITUAL_BLOCK.anchorDate),
    nth: s.selected(RITUAL_BLOCK.nth),
    dayOfMonth: s.text(RITUAL_BLOCK.dayOfMonth),
    localTime: s.time(RITUAL_BLOCK.localTime),
    timeZone: s.text(RITUAL_BLOCK.timeZone),
    skipDates: s.text(RITUAL_BLOCK.skipDates),
    headsUpHours: s.text(RITUAL_BLOCK.headsUpHours),
  };
}

export function followUpDraftFromState(values: unknown): FollowUpDraft {
  const s = reader(values);
  return {
    what: s.text(RITUAL_BLOCK.followUpWhat),
    ownerId: s.user(RITUAL_BLOCK.followUpOwner),
    dueDate: s.date(RITUAL_BLOCK.followUpDue),
  };
}

/** Modal field -> input block id, for inline errors. */
export const RITUAL_FIELD_BLOCK: Record<keyof RitualDraft, string> = {
  kind: RITUAL_BLOCK.kind,
  name: RITUAL_BLOCK.name,
  channelId: RITUAL_BLOCK.channel,
  cadenceType: RITUAL_BLOCK.cadenceType,
  everyWeeks: RITUAL_BLOCK.everyWeeks,
  weekday: RITUAL_BLOCK.weekday,
  anchorDate: RITUAL_BLOCK.anchorDate,
  nth: RITUAL_BLOCK.nth,
  dayOfMonth: RITUAL_BLOCK.dayOfMonth,
  localTime: RITUAL_BLOCK.localTime,
  timeZone: RITUAL_BLOCK.timeZone,
  skipDates: RITUAL_BLOCK.skipDates,
  headsUpHours: RITUAL_BLOCK.headsUpHours,
};

export const FOLLOW_UP_FIELD_BLOCK: Record<keyof FollowUpDraft, string> = {
  what: RITUAL_BLOCK.followUpWhat,
  ownerId: RITUAL_BLOCK.followUpOwner,
  dueDate: RITUAL_BLOCK.followUpDue,
};

const metaSchema = z.object({ ritualId: z.number().int().nullable() });
export function ritualModalMeta(privateMetadata: string | undefined): { ritualId: number | null } {
  try {
    const parsed = metaSchema.safeParse(JSON.parse(privateMetadata ?? ''));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  return { ritualId: null };
}

const followUpMetaSchema = z.object({ postId: z.number().int() });
export function followUpModalMeta(privateMetadata: string | undefined): number | undefined {
  try {
    const parsed = followUpMetaSchema.safeParse(JSON.parse(privateMetadata ?? ''));
    return parsed.success ? parsed.data.postId : undefined;
  } catch {
    return undefined;
  }
}
