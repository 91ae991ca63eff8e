import { assessmentSummaryMessage } from '../../src/features/assessment/slack/blocks/summary.js';
import type { DigestPeriod, DigestSectionKey } from '../../src/features/digest-section.js';
import { homeView } from '../../src/features/home/slack/blocks/home.js';
import { occurrencesBetween, previousOccurrence, type StoredRitual } from '../../src/features/rituals/domain/index.js';
import { BENCH_TEAM } from './datasets.js';
import { BENCH_TIME_ZONE, DATA_END } from './rituals-dataset.js';
import type { BenchServices } from './wiring.js';

/**
 * One thing a person waits for, built from the generated database by the app's own services. `prepare` runs before
 * every timed run and is not timed (e.g. making the occurrence due again). A `part` is a breakdown of a measure
 * above it (one digest section on its own), shown to explain the total; targets apply to the others.
 */
export interface Measure {
  name: string;
  part?: boolean;
  prepare?: (s: BenchServices) => Promise<void>;
  /** Returns a short description of what was built (checked, then reported), e.g. "5 sections, 31 lines". */
  run: (s: BenchServices) => Promise<string>;
}

/** The person whose Home is built: owns MQA items, follow-ups and risks in the generated data. */
export const HOME_VIEWER = 'U0SALES7';
const MINUTE_MS = 60_000;
const GTM_KEYS: DigestSectionKey[] = ['assessment', 'followups', 'mqa', 'kpis', 'risks'];

async function benchRitual(s: BenchServices, kind: StoredRitual['kind']): Promise<StoredRitual> {
  const ritual = (await s.rituals.listForTeam(BENCH_TEAM)).find((r) => r.kind === kind);
  if (!ritual) throw new Error(`the generated data has no ${kind} for ${BENCH_TEAM}`);
  return ritual;
}

/** The ritual's last occurrence in the generated data (its post is made due again before each run). */
function lastOccurrence(ritual: StoredRitual): Date {
  const at = occurrencesBetween(
    ritual,
    new Date(DATA_END.getTime() - 60 * 86_400_000),
    new Date(DATA_END.getTime() + 1),
  ).at(-1);
  if (!at) throw new Error(`no occurrence of ritual ${ritual.id} in the last 60 days`);
  return at;
}

/**
 * The ritual job run a minute after the ritual's last occurrence, with that occurrence's post not yet recorded: the
 * job scans every active ritual, records the occurrence, builds its sections (for a GTM review: every provider the
 * features registered), renders the post and sends it to the Slack double. What the channel waits for.
 */
function ritualPost(name: string, kind: StoredRitual['kind']): Measure {
  let occurrence: Date | undefined;
  let ritual: StoredRitual | undefined;
  return {
    name,
    async prepare(s) {
      ritual ??= await benchRitual(s, kind);
      occurrence ??= lastOccurrence(ritual);
      await s.db
        .deleteFrom('ritual_posts')
        .where('ritual_id', '=', ritual.id)
        .where('occurrence_at', '=', occurrence.toISOString())
        .execute();
    },
    async run(s) {
      await s.ritualsJob.run(new Date(occurrence!.getTime() + MINUTE_MS));
      const post = await s.db
        .selectFrom('ritual_posts')
        .select(['status', 'last_error'])
        .where('ritual_id', '=', ritual!.id)
        .where('occurrence_at', '=', occurrence!.toISOString())
        .executeTakeFirst();
      if (post?.status !== 'posted')
        throw new Error(
          `${name}: the post was not posted (${post?.status ?? 'not recorded'}: ${post?.last_error ?? ''})`,
        );
      return `posted to ${ritual!.channelId}`;
    },
  };
}

/** The GTM review's period, as the ritual job computes it: from the previous occurrence (3 weeks) to this one. */
async function gtmPeriod(s: BenchServices): Promise<DigestPeriod> {
  const ritual = await benchRitual(s, 'gtm_review');
  const to = lastOccurrence(ritual);
  const from = previousOccurrence(ritual, to);
  if (!from) throw new Error('the GTM review has no previous occurrence');
  return { teamId: BENCH_TEAM, from, to, timeZone: BENCH_TIME_ZONE };
}

/** One provider of the GTM review on its own, for the same period. */
function sectionPart(key: DigestSectionKey): Measure {
  return {
    name: `· ${key} section alone`,
    part: true,
    async run(s) {
      const provider = s.sections.find((p) => p.key === key);
      if (!provider) throw new Error(`no '${key}' provider is registered`);
      const section = await provider.build(await gtmPeriod(s));
      return `${section.lines.length} lines`;
    },
  };
}

export const MEASURES: Measure[] = [
  ritualPost('GTM review post (ritual job: all 5 sections, posted)', 'gtm_review'),
  ...GTM_KEYS.map(sectionPart),
  {
    name: '· all 5 sections, as the job builds them',
    part: true,
    async run(s) {
      const period = await gtmPeriod(s);
      const providers = GTM_KEYS.map((key) => s.sections.find((p) => p.key === key));
      if (providers.some((p) => !p)) throw new Error('a GTM review provider is missing');
      const sections = await Promise.all(providers.map((p) => p!.build(period)));
      return `${sections.length} sections, ${sections.reduce((n, x) => n + x.lines.length, 0)} lines`;
    },
  },
  ritualPost('monthly sync post (ritual job: follow-ups + MQA, posted)', 'monthly_sync'),
  {
    name: "· previous sync's open follow-ups alone",
    part: true,
    async run(s) {
      const ritual = await benchRitual(s, 'monthly_sync');
      const previous = await s.posts.previousPosted(ritual.id, lastOccurrence(ritual));
      if (!previous) throw new Error('the monthly sync has no previous post');
      const open = (await s.followUps.listForPost(BENCH_TEAM, previous.id)).filter((f) => f.status === 'open');
      return `${open.length} open`;
    },
  },
  {
    name: '· mqa section for the month alone',
    part: true,
    async run(s) {
      const ritual = await benchRitual(s, 'monthly_sync');
      const to = lastOccurrence(ritual);
      const from = previousOccurrence(ritual, to);
      if (!from) throw new Error('the monthly sync has no previous occurrence');
      const mqa = s.sections.find((p) => p.key === 'mqa');
      if (!mqa) throw new Error("no 'mqa' provider is registered");
      return `${(await mqa.build({ teamId: BENCH_TEAM, from, to, timeZone: BENCH_TIME_ZONE })).lines.length} lines`;
    },
  },
  {
    name: 'App Home (Home service → view → views.publish)',
    async run(s) {
      await s.publishHome(BENCH_TEAM, HOME_VIEWER);
      return 'published';
    },
  },
  {
    name: '· Home data + view, without publishing',
    part: true,
    async run(s) {
      const { viewer, parts } = await s.home.load(BENCH_TEAM, HOME_VIEWER);
      const view = homeView(viewer, parts);
      return `${view.blocks.length} blocks from ${parts.length} sections`;
    },
  },
  {
    name: '· MQA Home section for one person alone',
    part: true,
    async run(s) {
      const { blocks, overdue = [] } = await s.mqaHomeFor(BENCH_TEAM, HOME_VIEWER);
      return `${blocks.length} blocks, ${overdue.length} overdue`;
    },
  },
  {
    name: 'latest assessment summary post',
    async run(s) {
      const latest = await s.assessments.latestSummary(BENCH_TEAM);
      if (!latest) throw new Error('no assessment generated for the bench team');
      return `${assessmentSummaryMessage(latest).blocks.length} blocks`;
    },
  },
];
