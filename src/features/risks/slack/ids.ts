// The risk register's action, view and block ids, as Slack sends them back.

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

/** App Home's "Add a risk". */
export const RISK_HOME_ACTION = {
  add: 'home_add_risk',
} as const;
