// Every command, action, view and block id Slack sends back to us, defined once. manifest.yml must match COMMAND.
export const COMMAND = '/loop';

export const VIEW = {
  assess: 'assess_modal',
  settings: 'settings_modal',
} as const;

export const ACTION = {
  assessmentRepost: 'assessment_repost',
  openAssess: 'open_assess',
  openSettings: 'open_settings',
} as const;

export const SETTINGS_BLOCK = {
  segment: 'settings_segment',
  channel: 'settings_channel',
  timeZone: 'settings_time_zone',
  admins: 'settings_admins',
} as const;

export const ASSESS_BLOCK = {
  segment: 'assess_segment',
  channel: 'assess_channel',
  score: (dimension: string) => `score:${dimension}`,
  flags: (dimension: string) => `flags:${dimension}`,
  note: (dimension: string) => `note:${dimension}`,
} as const;

/** Inside an input block the element's action id; one per element kind keeps parsing simple. */
export const INPUT_ACTION = 'value';

/** Assessment rounds (issue 3). */
export const ROUND = {
  answerView: 'round_answer_modal',
  takeAction: 'round_take',
  closeAction: 'round_close',
  /** "Start a team round" under a single assessment's summary. */
  startAction: 'round_start',
  functionBlock: 'round_function',
} as const;

// MQA working list (issue 5).
export const MQA_VIEW = {
  add: 'mqa_add_modal',
  validate: 'mqa_validate_modal',
  reason: 'mqa_reason_modal',
  settings: 'mqa_settings_modal',
  routes: 'mqa_routes_modal',
} as const;

export const MQA_ACTION = {
  validate: 'mqa_validate',
  reject: 'mqa_reject',
  acknowledge: 'mqa_acknowledge',
  notAFit: 'mqa_not_a_fit',
  inProgress: 'mqa_in_progress',
  won: 'mqa_won',
  lost: 'mqa_lost',
  stalled: 'mqa_stalled',
  reenter: 'mqa_reenter',
} as const;

export const MQA_BLOCK = {
  account: 'mqa_account',
  domain: 'mqa_domain',
  segment: 'mqa_segment',
  tier: 'mqa_tier',
  region: 'mqa_region',
  intentTopics: 'mqa_intent_topics',
  evidence: 'mqa_evidence',
  source: 'mqa_source',
  priority: 'mqa_priority',
  owner: 'mqa_owner',
  externalId: 'mqa_external_id',
  icp: 'mqa_icp',
  relevance: 'mqa_relevance',
  strategicFit: 'mqa_strategic_fit',
  notes: 'mqa_notes',
  reason: 'mqa_reason',
  reviewChannel: 'mqa_review_channel',
  reviewers: 'mqa_reviewers',
  director: 'mqa_director',
  defaultChannel: 'mqa_default_channel',
  escalationChannel: 'mqa_escalation_channel',
  escalationUser: 'mqa_escalation_user',
  slaDays: 'mqa_sla_days',
  stallDays: 'mqa_stall_days',
  routeChannel: 'mqa_route_channel',
  routeOwners: 'mqa_route_owners',
  routeSource: 'mqa_route_source',
  routeIntent: 'mqa_route_intent',
  actions: 'mqa_actions',
} as const;

// Risk register and App Home (issue 7).
export const RISK_VIEW = {
  add: 'risk_add_modal',
  edit: 'risk_edit_modal',
  rescore: 'risk_rescore_modal',
  close: 'risk_close_modal',
} as const;

export const RISK_ACTION = {
  edit: 'risk_edit',
  rescore: 'risk_rescore',
  close: 'risk_close',
  history: 'risk_history',
  page: 'risk_page',
} as const;

export const RISK_BLOCK = {
  category: 'risk_category',
  title: 'risk_title',
  description: 'risk_description',
  likelihood: 'risk_likelihood',
  impact: 'risk_impact',
  mitigation: 'risk_mitigation',
  kpis: 'risk_kpis',
  owner: 'risk_owner',
  reviewDate: 'risk_review_date',
  note: 'risk_note',
  resolution: 'risk_resolution',
} as const;

export const HOME_ACTION = {
  addRisk: 'home_add_risk',
  addMqa: 'home_add_mqa',
} as const;

// Rituals and follow-ups (issue 4).
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
