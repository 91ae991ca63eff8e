// The MQA working list's action, view and block ids, as Slack sends them back.

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

/** App Home's "Add an MQA". */
export const MQA_HOME_ACTION = {
  add: 'home_add_mqa',
} as const;
