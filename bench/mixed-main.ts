// The mixed-load bench's Loopkeeper: the real app (startLoopkeeper: Bolt over Socket Mode to the double) on the
// data-scale SQLite file, with background work of its own while the parent drives commands and submissions:
// a GTM review over that data built and posted every BENCH_GTM_EVERY_MS, and BENCH_MQA_CARDS MQA items pushed to
// POST /api/mqa and delivered as review cards. The event loop's delay is measured in this process
// (perf_hooks.monitorEventLoopDelay); it prints its figures as a JSON line every half second and when stopped.
import { startLoopkeeper } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { occurrencesBetween } from '../src/features/rituals/domain/index.js';
import { createRitualsRepository } from '../src/features/rituals/repository.js';
import { createLogger } from '../src/logging/logger.js';
import { BENCH_TEAM } from './data-scale/datasets.js';
import { DATA_END } from './data-scale/rituals-dataset.js';
import { startLoopDelay } from './loop-delay.js';
import { type MixedChildOutput, MQA_REVIEW_CHANNEL } from './mixed-shared.js';

const every = Number(process.env.BENCH_GTM_EVERY_MS ?? 5000);
const cards = Number(process.env.BENCH_MQA_CARDS ?? 100);
const config = loadConfig(process.env);
const logger = createLogger({ level: 'warn', sink: (line) => process.stderr.write(`${line}\n`) });

// The GTM review's last occurrence in the generated data; the app's clock runs from a minute after it, so each
// rebuild is that occurrence's post, on time.
const probe = await import('../src/db/open-database.js').then((m) => m.openDatabase(config.databaseUrl));
const gtm = (await createRitualsRepository(probe).listForTeam(BENCH_TEAM)).find((r) => r.kind === 'gtm_review');
await probe.destroy();
if (!gtm) throw new Error('the data-scale data has no GTM review');
const occurrence = occurrencesBetween(gtm, new Date(DATA_END.getTime() - 60 * 86_400_000), DATA_END).at(-1);
if (!occurrence) throw new Error('the GTM review has no occurrence in the last 60 days');
const startedAt = Date.now();
const clock = () => new Date(occurrence.getTime() + 60_000 + (Date.now() - startedAt));

const app = await startLoopkeeper(config, { logger, clock, schedule: false });
const loopDelay = startLoopDelay();

await app.db
  .insertInto('mqa_settings')
  .values({
    team_id: BENCH_TEAM,
    review_channel_id: MQA_REVIEW_CHANNEL,
    reviewer_ids: '[]',
    sla_business_days: 2,
    stall_days: 14,
    updated_at: new Date().toISOString(),
  })
  .onConflict((oc) => oc.column('team_id').doUpdateSet({ review_channel_id: MQA_REVIEW_CHANNEL }))
  .execute();

const gtmReviews = { built: 0, failed: 0, ms: [] as number[] };
let mqaPushed = 0;
async function pushMqa(): Promise<void> {
  const items = Array.from({ length: cards }, (_, i) => ({
    accountName: `Mixed load ${i}`,
    domain: `mixed-load-${i}.example.com`,
    source: 'intent_signal',
  }));
  const res = await fetch(`http://127.0.0.1:${app.http.port}/api/mqa`, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.ingestToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ team_id: BENCH_TEAM, items }),
  });
  if (!res.ok) throw new Error(`POST /api/mqa answered ${res.status}: ${await res.text()}`);
  mqaPushed = cards;
}

/** One GTM review: its post made due again, then the scheduler's jobs (rituals and MQA deliveries among them). */
async function gtmReview(): Promise<void> {
  await app.db
    .deleteFrom('ritual_posts')
    .where('ritual_id', '=', gtm!.id)
    .where('occurrence_at', '=', occurrence!.toISOString())
    .execute();
  const start = performance.now();
  await app.tick();
  const post = await app.db
    .selectFrom('ritual_posts')
    .select('status')
    .where('ritual_id', '=', gtm!.id)
    .where('occurrence_at', '=', occurrence!.toISOString())
    .executeTakeFirst();
  if (post?.status === 'posted') {
    gtmReviews.built += 1;
    gtmReviews.ms.push(Math.round(performance.now() - start));
  } else gtmReviews.failed += 1;
}

// A review still running when the next is due is not doubled up: the next one starts at the following interval.
let running: Promise<void> | undefined = pushMqa()
  .then(gtmReview)
  .catch((error) => logger.error('mixed load: first GTM review failed', { error }))
  .finally(() => (running = undefined));
const timer = setInterval(() => {
  if (running) return;
  running = gtmReview()
    .catch((error) => logger.error('mixed load: GTM review failed', { error }))
    .finally(() => (running = undefined));
}, every);

/** The figures so far, as one JSON line: the parent reads the last line once it has stopped this process. */
const report = () => {
  const output: MixedChildOutput = {
    loopDelayMs: loopDelay(),
    gtmReviews,
    mqaPushed,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
};
setInterval(report, 500);

const stop = () => {
  clearInterval(timer);
  report();
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
