import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Loopkeeper } from '../bootstrap.js';
import { describeRowError, isGtmKind } from '../features/kpis/domain/index.js';
import { createKpiQueries } from '../features/kpis/queries.js';
import { createGtmDataRepository } from '../features/kpis/repository.js';
import { createKpiService } from '../features/kpis/service.js';
import { createMqaDeliveriesRepository } from '../features/mqa/deliveries-repository.js';
import { CSV_IMPORT_ACTOR } from '../features/mqa/domain/index.js';
import { importMqaCsv } from '../features/mqa/import.js';
import { createMqaItemsRepository } from '../features/mqa/repository.js';
import { createMqaService } from '../features/mqa/service.js';
import { createMqaSettingsRepository } from '../features/mqa/settings-repository.js';
import { nextOccurrences } from '../features/rituals/domain/occurrences.js';
import { createRitualsRepository } from '../features/rituals/repository.js';
import type { Logger } from '../logging/logger.js';
import type { PostedMessage, SlackDouble } from '../slack-double/index.js';
import type { SandboxClock } from './clock.js';
import { ADMIN, SANDBOX_TEAM } from './people.js';
import { tickNow } from './schedule.js';

export interface DemoDeps {
  double: SlackDouble;
  app: Loopkeeper;
  clock: SandboxClock;
  logger: Logger;
  /** The package root: the example CSVs are read from examples/. */
  root: string;
}

const GTM_REVIEW = 'C0GTMREVIEW';
const MARKETING_REVIEW = 'C0MKTREVIEW';
const SALES_EMEA = 'C0SALESEMEA';
const SALES_NA = 'C0SALESNA';
const MAYA = ADMIN;
const PRIYA = 'U0PRIYA';
const ELENA = 'U0ELENA';
const SAM = 'U0SAM';

const DAY_MS = 86_400_000;
/** The demo's story spans this many weeks, ending at the clock's time when it started plus this. */
export const DEMO_WEEKS = 9;

type Scores = [number, number, number, number, number];
const DIMENSIONS = ['data_integration', 'activation', 'usage_campaigns', 'pqls', 'feedback_loop'] as const;

/**
 * The demo data set, made the way people and CRMs make it: through slash commands, modals and buttons sent by the
 * sandbox's people to the real Loopkeeper, and through the import commands for the example CSVs. The clock walks
 * DEMO_WEEKS weeks forward while the scheduler posts each ritual occurrence on the way.
 */
export async function loadDemo(deps: DemoDeps): Promise<void> {
  const { clock, logger } = deps;
  const start = clock.now();
  const at = (days: number) => new Date(start.getTime() + days * DAY_MS);
  const person = actions(deps);

  logger.info('loading the demo data set', { from: start.toISOString() });
  await person.modal(MAYA, GTM_REVIEW, 'rituals', {
    open: { actionId: 'ritual_add' },
    values: {
      'ritual_kind/value': 'gtm_review',
      'ritual_channel/value': GTM_REVIEW,
      'ritual_cadence/value': 'weekly',
      'ritual_every_weeks/value': '3',
      'ritual_weekday/value': '2',
      'ritual_anchor/value': isoDate(at(1)),
      'ritual_time/value': '10:00',
      'ritual_time_zone/value': 'Europe/Berlin',
    },
  });
  await person.modal(MAYA, GTM_REVIEW, 'rituals', {
    open: { actionId: 'ritual_add' },
    pick: { blockId: 'ritual_cadence', actionId: 'value', value: 'monthly_weekday' },
    values: {
      'ritual_kind/value': 'monthly_sync',
      'ritual_channel/value': MARKETING_REVIEW,
      'ritual_nth/value': '1',
      'ritual_weekday/value': '4',
      'ritual_time/value': '16:00',
      'ritual_time_zone/value': 'Europe/Berlin',
    },
  });

  await importGtmData(deps);

  // An assessment history: the team gets better between reviews.
  const history: [number, string, Scores][] = [
    [0, MAYA, [2, 1, 2, 1, 2]],
    [20, PRIYA, [2, 2, 2, 2, 3]],
    [41, MAYA, [3, 3, 2, 2, 3]],
    [DEMO_WEEKS * 7 - 1, PRIYA, [4, 3, 3, 2, 4]],
  ];
  for (const [day, who, scores] of history) {
    await walkTo(deps, at(day));
    await person.modal(who, GTM_REVIEW, 'assess plg-sales-assist', { values: assessValues(scores) });
    if (day === 0) await addRisks(person, isoDate(at(DEMO_WEEKS * 7 + 10)));
  }
  await walkTo(deps, at(DEMO_WEEKS * 7 - 1 + 0.01));

  await setUpMqa(deps, person);
  await walkTo(deps, at(DEMO_WEEKS * 7));
  logger.info('demo data set loaded', { now: clock.now().toISOString() });
}

function assessValues(scores: Scores): Record<string, unknown> {
  const values: Record<string, unknown> = { 'assess_channel/value': GTM_REVIEW };
  DIMENSIONS.forEach((d, i) => {
    values[`score:${d}/value`] = String(scores[i]);
  });
  if ((scores[0] ?? 0) <= 2) values['flags:data_integration/value'] = ['data_integration.manual_data_syncs'];
  if ((scores[3] ?? 0) <= 2) values['flags:pqls/value'] = ['pqls.no_pql_definition'];
  return values;
}

async function addRisks(person: Actions, reviewDate: string): Promise<void> {
  const risks = [
    {
      risk_category: 'pipeline_generation',
      risk_title: 'Pipeline coverage below 3x for next quarter',
      risk_likelihood: '4',
      risk_impact: '4',
      risk_mitigation: 'Partner webinar series; reactivate closed-lost accounts',
      risk_kpis: 'Pipeline coverage, MQA to SQL conversion',
      risk_owner: MAYA,
    },
    {
      risk_category: 'channel_dependency',
      risk_title: 'Paid search drives most new leads',
      risk_likelihood: '3',
      risk_impact: '3',
      risk_mitigation: 'Grow organic and partner sourced pipeline',
      risk_kpis: 'Share of leads by channel',
      risk_owner: PRIYA,
    },
    {
      risk_category: 'execution_capacity',
      risk_title: 'Product marketing hire delayed',
      risk_likelihood: '2',
      risk_impact: '4',
      risk_mitigation: 'Contractor for launch content',
      risk_kpis: 'Launch readiness checklist',
      risk_owner: MAYA,
    },
  ];
  for (const risk of risks) {
    const values = Object.fromEntries(
      Object.entries({ ...risk, risk_review_date: reviewDate }).map(([block, value]) => [`${block}/value`, value]),
    );
    await person.modal(MAYA, GTM_REVIEW, 'risk add', { values });
  }
}

/** MQA settings and routes, the example accounts and the demo ones, then each walked to a different status. */
async function setUpMqa(deps: DemoDeps, person: Actions): Promise<void> {
  const { double, app } = deps;
  await person.modal(MAYA, MARKETING_REVIEW, 'mqa settings', {
    values: { 'mqa_review_channel/value': MARKETING_REVIEW, 'mqa_reviewers/value': [MAYA, PRIYA] },
  });
  for (const [region, channel, owner] of [
    ['EMEA', SALES_EMEA, ELENA],
    ['NA', SALES_NA, SAM],
  ] as const) {
    await person.modal(MAYA, MARKETING_REVIEW, 'mqa routes', {
      values: {
        'mqa_region/value': region,
        'mqa_route_channel/value': channel,
        'mqa_route_owners/value': [owner],
      },
    });
  }
  await importAccounts(deps);
  // The running bot posts imported accounts for review on its next tick.
  await tickNow(app);

  const review = (account: string) => findPost(double, MARKETING_REVIEW, account);
  const validate = (account: string) =>
    person.click(PRIYA, MARKETING_REVIEW, review(account), 'mqa_validate', {
      'mqa_icp/value': 'strong',
      'mqa_relevance/value': 'strong',
      'mqa_strategic_fit/value': 'partial',
    });
  // Umbrella Corp stays in review.
  await person.click(MAYA, MARKETING_REVIEW, review('Stark Industries'), 'mqa_reject', {
    'mqa_reason/value': 'A student project, not a company: no buying intent',
  });
  // Initech (APAC) has no sales route: it stays validated.
  await validate('Initech');
  for (const account of [
    'Acme Analytics',
    'Globex, Inc.',
    'Wayne Enterprises',
    'Hooli',
    'Pied Piper',
    'Soylent',
    'Vandelay Industries',
    'Massive Dynamic',
    'Cyberdyne',
  ]) {
    await validate(account);
  }
  const card = (channel: string, account: string) => ({ channel, ts: findPost(double, channel, account) });
  // Acme Analytics and Globex stay shared, waiting for Sales (their SLA deadlines are what fast-forward finds).
  const acknowledge = async (who: string, where: { channel: string; ts: string }) => {
    await person.reply(who, where.channel, where.ts, 'Ack, I will reach out this week');
  };
  const wayne = card(SALES_EMEA, 'Wayne Enterprises');
  await acknowledge(ELENA, wayne);
  const hooli = card(SALES_NA, 'Hooli');
  await acknowledge(SAM, hooli);
  await person.click(SAM, hooli.channel, hooli.ts, 'mqa_in_progress');
  const piper = card(SALES_NA, 'Pied Piper');
  await acknowledge(SAM, piper);
  await person.click(SAM, piper.channel, piper.ts, 'mqa_won');
  const soylent = card(SALES_EMEA, 'Soylent');
  await acknowledge(ELENA, soylent);
  await person.click(ELENA, soylent.channel, soylent.ts, 'mqa_lost');
  const vandelay = card(SALES_NA, 'Vandelay Industries');
  await person.click(SAM, vandelay.channel, vandelay.ts, 'mqa_not_a_fit', {
    'mqa_reason/value': 'Ten people, no platform team: nurture instead',
  });
  const massive = card(SALES_EMEA, 'Massive Dynamic');
  await acknowledge(ELENA, massive);
  await person.click(ELENA, massive.channel, massive.ts, 'mqa_stalled');
  const cyberdyne = card(SALES_NA, 'Cyberdyne');
  await acknowledge(SAM, cyberdyne);
  await person.click(SAM, cyberdyne.channel, cyberdyne.ts, 'mqa_stalled');
  await person.click(SAM, cyberdyne.channel, cyberdyne.ts, 'mqa_reenter');
}

/** Moves the clock to `target`, stopping at every ritual occurrence on the way so the scheduler posts it. */
async function walkTo(deps: DemoDeps, target: Date): Promise<void> {
  const { app, clock } = deps;
  const rituals = createRitualsRepository(app.db);
  for (;;) {
    const next = (await rituals.listActive())
      .filter((r) => !r.paused)
      .map((r) => nextOccurrences(r, clock.now(), 1)[0])
      .filter((d): d is Date => d !== undefined && d.getTime() <= target.getTime())
      .sort((a, b) => a.getTime() - b.getTime())[0];
    if (!next) break;
    clock.advanceTo(new Date(next.getTime() + 1000));
    await tickNow(app);
  }
  clock.advanceTo(target);
  await tickNow(app);
}

/** The newest top-level message in `channel` whose blocks name `account` in bold (a review post or an MQA card). */
function findPost(double: SlackDouble, channel: string, account: string): string {
  const messages: PostedMessage[] = double.channel(channel)?.messages ?? [];
  const escaped = account.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const post = [...messages]
    .reverse()
    .find((m) => (!m.thread_ts || m.thread_ts === m.ts) && JSON.stringify(m.blocks ?? []).includes(`*${escaped}*`));
  if (!post) throw new Error(`The demo found no post for ${account} in ${channel}.`);
  return post.ts;
}

/**
 * The example GTM CSVs, through the KPI service's CSV import: what `npm run data:import` runs (the CLI module itself
 * is not imported: its run-as-script check would fire inside the dist bundle).
 */
async function importGtmData(deps: DemoDeps): Promise<void> {
  const { db } = deps.app;
  const service = createKpiService({
    queries: createKpiQueries(db),
    data: createGtmDataRepository(db),
    clock: deps.clock.now,
  });
  for (const kind of ['leads', 'touchpoints', 'deals', 'spend']) {
    if (!isGtmKind(kind)) continue;
    const csv = readFileSync(join(deps.root, 'examples', 'gtm', `${kind}.csv`), 'utf8');
    const result = await service.importCsv(SANDBOX_TEAM.teamId, kind, csv);
    if (!result.ok)
      throw new Error(`The demo's ${kind} import failed: ${result.errors.map((e) => describeRowError(e)).join('; ')}`);
  }
}

/**
 * The example accounts and the demo's own, through the MQA CSV import as `npm run mqa:import` runs it: written to
 * the database only; the running bot posts them for review on its next tick.
 */
async function importAccounts(deps: DemoDeps): Promise<void> {
  const { db } = deps.app;
  const mqa = createMqaService({
    items: createMqaItemsRepository(db),
    deliveries: createMqaDeliveriesRepository(db),
    settings: createMqaSettingsRepository(db),
    poster: {
      deliver: async () => {
        throw new Error('the import does not post to Slack');
      },
      refresh: async () => {},
      echo: async () => {},
    },
    clock: deps.clock.now,
    isAdmin: async () => false,
  });
  for (const file of [
    join(deps.root, 'examples', 'mqa-import.csv'),
    join(deps.root, 'src', 'sandbox', 'demo', 'accounts.csv'),
  ]) {
    const result = await importMqaCsv(mqa, SANDBOX_TEAM.teamId, readFileSync(file, 'utf8'), CSV_IMPORT_ACTOR);
    if (!result.ok)
      throw new Error(
        `The demo's import of ${file} failed: ${result.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`,
      );
  }
}

interface ModalStep {
  /** A button in the command's answer that opens the modal (otherwise the command opens it). */
  open?: { actionId: string };
  /** A dispatching select to change first (the ritual modal shows one cadence's fields at a time). */
  pick?: { blockId: string; actionId: string; value: string };
  values: Record<string, unknown>;
}

type Actions = ReturnType<typeof actions>;

/** What the demo's people do, each step waiting for the work Loopkeeper started, and failing loudly. */
function actions({ double, app }: DemoDeps) {
  const topModal = (user: string, before: number, what: string) => {
    const opened = double
      .callsTo('views.open')
      .slice(before)
      .filter((c) => c.response?.ok);
    const view = double.topView(user);
    if (opened.length === 0 || !view) throw new Error(`The demo expected a modal after ${what}; none opened.`);
    return view;
  };
  const submit = async (user: string, viewId: string, values: Record<string, unknown>, what: string) => {
    const { ack } = await double.submitView({ userId: user, viewId, values });
    await app.idle();
    if (ack?.response_action === 'errors')
      throw new Error(`The demo's ${what} was refused: ${JSON.stringify(ack.errors)}`);
  };
  return {
    async modal(user: string, channel: string, text: string, step: ModalStep) {
      let before = double.callsTo('views.open').length;
      await double.slashCommand({ command: '/loop', text, userId: user, channelId: channel });
      await app.idle();
      if (step.open) {
        before = double.callsTo('views.open').length;
        await double.blockAction({ userId: user, actionId: step.open.actionId });
        await app.idle();
      }
      let view = topModal(user, before, `/loop ${text}`);
      if (step.pick) {
        await double.blockAction({ userId: user, viewId: view.id, ...step.pick });
        await app.idle();
        view = double.view(view.id) ?? view;
      }
      await submit(user, view.id, step.values, `/loop ${text}`);
    },
    async click(user: string, channel: string, ts: string, actionId: string, modalValues?: Record<string, unknown>) {
      const before = double.callsTo('views.open').length;
      await double.blockAction({ userId: user, actionId, channelId: channel, messageTs: ts });
      await app.idle();
      if (modalValues) await submit(user, topModal(user, before, actionId).id, modalValues, actionId);
    },
    async reply(user: string, channel: string, threadTs: string, text: string) {
      await double.event({ type: 'message', user, channel, text, thread_ts: threadTs });
      await app.idle();
    },
  };
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
