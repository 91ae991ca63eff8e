// Rituals' and follow-ups' action, view and block ids, as Slack sends them back.

export const RITUAL_VIEW = {
  edit: 'ritual_modal',
  followUp: 'follow_up_modal',
} as const;

export const RITUAL_ACTION = {
  add: 'ritual_add',
  edit: 'ritual_edit',
  pause: 'ritual_pause',
  resume: 'ritual_resume',
  skipNext: 'ritual_skip_next',
  delete: 'ritual_delete',
  preview: 'ritual_preview',
  addFollowUp: 'follow_up_add',
  followUpDone: 'follow_up_done',
} as const;

export const RITUAL_BLOCK = {
  kind: 'ritual_kind',
  name: 'ritual_name',
  channel: 'ritual_channel',
  cadenceType: 'ritual_cadence',
  everyWeeks: 'ritual_every_weeks',
  weekday: 'ritual_weekday',
  anchorDate: 'ritual_anchor',
  nth: 'ritual_nth',
  dayOfMonth: 'ritual_day',
  localTime: 'ritual_time',
  timeZone: 'ritual_time_zone',
  skipDates: 'ritual_skip_dates',
  headsUpHours: 'ritual_heads_up',
  followUpWhat: 'follow_up_what',
  followUpOwner: 'follow_up_owner',
  followUpDue: 'follow_up_due',
} as const;
