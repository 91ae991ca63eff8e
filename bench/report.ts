import type { DataScaleResult, SlackSeen } from './data-scale/index.js';
import type { MeasureTiming } from './data-scale/measure-main.js';
import type { DeliveryResult } from './delivery.js';
import type { BenchRun } from './harness.js';
import type { InteractionResult } from './interaction-latency.js';
import { LOOP_DELAY_RESOLUTION_MS } from './loop-delay.js';
import type { MixedLoadResult } from './mixed-load.js';
import type { StartupResult } from './startup.js';
import type { LatencySummary } from './stats.js';
import { formatTargetMs, viewTargetMs } from './targets.js';

const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const latency = (s: LatencySummary) => [s.p50, s.p95, s.p99];

const slackLine = (slack: SlackSeen) =>
  `${slack.posts.map((p) => `${p.channelId} got ${p.messages} posts${p.sections.length ? ` (sections: ${p.sections.join(', ')})` : ''}`).join('; ')}; ${slack.homePublishes} Home publishes; ${slack.violations.length} Block Kit violations.`;

function interactionSection(interaction: InteractionResult): string[] {
  const ours = interaction.loopkeeper;
  const base = interaction.baseline;
  const { count, concurrency, warmup } = interaction.options;
  const lines = [
    `**1. Interaction latency** — ${count} \`/loop assess\` then ${count} submissions, concurrency ${concurrency} (after ${warmup} warm-up rounds); ms, from the Socket Mode envelope.`,
    '',
    row(['', 'Loopkeeper p50', 'p95', 'p99', 'bare Bolt p50', 'p95', 'p99', 'ratio p50', 'p95', 'p99']),
    row(Array(10).fill('---')),
  ];
  for (const [key, label] of [
    ['commandAck', 'command → ack'],
    ['viewsOpen', 'command → views.open'],
    ['submissionAck', 'submission → ack'],
    ['summaryPost', 'submission → summary post'],
  ] as const) {
    const r = interaction.ratios[key];
    lines.push(row([label, ...latency(ours[key]), ...latency(base[key]), r.p50, r.p95, r.p99]));
  }
  lines.push(
    '',
    `Failures: Loopkeeper ${ours.failures}, bare Bolt ${base.failures}; Block Kit violations ${ours.violations}/${base.violations}; app stderr lines ${ours.appErrors}/${base.appErrors}.`,
  );
  return lines;
}

const met = (m: MeasureTiming | undefined) =>
  !m || m.part ? '' : m.status === 'measured' && (m.coldMs ?? Infinity) < viewTargetMs(m) ? 'yes' : '**no**';

function dataScaleSection(dataScale: DataScaleResult): string[] {
  const pg = dataScale.postgres;
  // Matched by name: a run with BENCH_MEASURES has the same subset on both.
  const onPostgres = new Map((pg?.measures ?? []).map((m) => [m.name, m]));
  const built = (m: MeasureTiming) => {
    const other = onPostgres.get(m.name)?.detail;
    return other === undefined || other === m.detail ? (m.detail ?? '') : `${m.detail ?? ''} / PostgreSQL: ${other}`;
  };
  const lines = [
    `**2. Data scale** (scale ${dataScale.scale}; generated in ${dataScale.generated.ms} ms, ${dataScale.generated.fileMb} MB SQLite file${pg ? `; the same rows copied into PostgreSQL in ${pg.load.ms} ms, ${pg.load.databaseMb} MB database` : ''})`,
    '',
    row(['data', 'rows', 'status']),
    row(['---', '---', '---']),
    ...dataScale.generated.datasets.map((d) => row([d.name, d.rows.toLocaleString('en-US'), d.status])),
    '',
    `Each view: cold = first build in a fresh process (fresh connection pool), warm = median of the next ${dataScale.warmRuns ?? 5}; ms.`,
    '',
    row([
      'view (· = a part of the one above, alone)',
      'target (cold)',
      'SQLite cold',
      'warm',
      'met',
      'PostgreSQL cold',
      'warm',
      'met',
      'built',
    ]),
    row(Array(9).fill('---')),
    ...dataScale.measures.map((m) => {
      const p = onPostgres.get(m.name);
      return row([
        m.name,
        m.part ? '' : formatTargetMs(viewTargetMs(m)),
        m.coldMs ?? m.status,
        m.warmMs ?? '',
        met(m),
        pg ? (p?.coldMs ?? p?.status ?? 'not measured') : 'not measured',
        p?.warmMs ?? '',
        pg && !m.part ? met(p) || '**no**' : '',
        built(m),
      ]);
    }),
    '',
    `SQLite: peak RSS of the process building the views ${dataScale.peakRssMb} MB (${dataScale.startRssMb} MB before opening the database; peak reached during "${dataScale.peakDuring ?? 'start-up'}"). Slack double: ${slackLine(dataScale.slack)}`,
  ];
  if (pg) {
    lines.push(
      '',
      `PostgreSQL: ${pg.server}. Loaded from the SQLite file (the app's migrations, then COPY into bare tables, indexes and keys built once, VACUUM ANALYZE); row counts checked equal, table by table. Cold: ${pg.cold}.${pg.durabilityOff ? ' Durability is off on this server (fsync or synchronous_commit), so the few commits a ritual post makes wait for no WAL flush; the reads do not depend on it.' : ''}`,
      `PostgreSQL: peak RSS of the process building the views ${pg.peakRssMb} MB (the app process; the server's memory is not counted). Slack double: ${slackLine(pg.slack)} Posts and Home ${pg.differsFromSqlite.length === 0 ? 'read the same as on SQLite, block for block (row ids aside)' : `read differently from SQLite's: ${pg.differsFromSqlite.join(', ')}`}.`,
    );
  } else lines.push('', 'PostgreSQL: not measured in this run.');
  return lines;
}

function deliverySection(delivery: DeliveryResult): string[] {
  return [
    `**3. Delivery under rate limits** — ${delivery.options.messages} messages over ${delivery.options.channels} channels, ${delivery.options.perSecond}/s per channel, burst ${delivery.options.burst}, through the app's notifier`,
    '',
    row([
      'floor',
      'took',
      'took / floor',
      'delivered',
      'lost',
      'duplicated',
      '429s',
      'retried before Retry-After',
      'calls per message',
    ]),
    row(Array(9).fill('---')),
    row([
      `${(delivery.floorMs / 1000).toFixed(1)} s`,
      `${(delivery.elapsedMs / 1000).toFixed(1)} s${delivery.timedOut ? ' (gave up)' : ''}`,
      delivery.overFloor,
      delivery.delivered,
      delivery.lost,
      delivery.duplicated,
      delivery.rateLimited,
      delivery.retriedEarly,
      delivery.callsPerMessage,
    ]),
  ];
}

function startupSection(startup: StartupResult): string[] {
  return [
    `**4. Start-up** — \`node dist/src/main.js\` (what \`npm start\` runs after its build), fresh database; median of ${startup.runs} starts each`,
    '',
    row(['', 'spawn → Socket Mode connected', `RSS idle (after ${startup.idleMs / 1000} s)`]),
    row(['---', '---', '---']),
    row(['Loopkeeper', `${startup.connectMs} ms`, `${startup.idleRssMb} MB`]),
    row(['bare Bolt (bundled the same way)', `${startup.bare.connectMs} ms`, `${startup.bare.idleRssMb} MB`]),
  ];
}

function mixedLoadSection(m: MixedLoadResult): string[] {
  const o = m.options;
  return [
    `**5. Mixed load** — ${o.count} \`/loop assess\` then ${o.count} submissions, concurrency ${o.concurrency}, while Loopkeeper builds and posts a GTM review over the data-scale data (scale ${o.scale}) every ${o.gtmEveryMs / 1000} s and delivers ${o.mqaCards} MQA cards; ms.`,
    '',
    row(['', 'p50', 'p95', 'p99', 'max']),
    row(Array(5).fill('---')),
    row(['every ack, Loopkeeper', ...latency(m.ack.loopkeeper), m.ack.loopkeeper.max]),
    row(['every ack, bare Bolt (no background work)', ...latency(m.ack.baseline), m.ack.baseline.max]),
    row(['command → ack', ...latency(m.commandAck), m.commandAck.max]),
    row(['submission → ack', ...latency(m.submissionAck), m.submissionAck.max]),
    row(['submission → summary post', ...latency(m.summaryPost), m.summaryPost.max]),
    row(['event-loop delay (monitorEventLoopDelay)', m.loopDelayMs.p50, '', m.loopDelayMs.p99, m.loopDelayMs.max]),
    ...(m.baselineLoopDelayMs
      ? [
          row([
            'event-loop delay, bare Bolt (no background work)',
            m.baselineLoopDelayMs.p50,
            '',
            m.baselineLoopDelayMs.p99,
            m.baselineLoopDelayMs.max,
          ]),
        ]
      : []),
    '',
    `Event-loop delays count the histogram's whole ${LOOP_DELAY_RESOLUTION_MS} ms timer interval (an idle loop reads about ${LOOP_DELAY_RESOLUTION_MS} ms). Ack p99 ours / bare Bolt: ${m.ack.ratioP99}. GTM reviews posted: ${m.gtmReviews.built} (${m.gtmReviews.failed} failed; tick median ${m.gtmReviews.p50Ms} ms, max ${m.gtmReviews.maxMs} ms). MQA cards delivered: ${m.mqaCardsDelivered}. Failures ${m.failures}; Block Kit violations ${m.violations}; app stderr lines ${m.appErrors}.`,
  ];
}

/** The run as Markdown tables: readable in a terminal and pasted as is into README's Performance section. */
export function formatReport(result: BenchRun): string {
  const { machine, interaction, dataScale, delivery, startup, mixedLoad } = result;
  const sections: string[][] = [
    [
      `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryMb} MB, Node ${machine.node} ${machine.platform}; ` +
        `load average ${machine.loadAverage.start} → ${machine.loadAverage.end}; run ${result.startedAt}, ${(result.durationMs / 1000).toFixed(0)} s` +
        `${result.only ? ` (only: ${result.only.join(', ')})` : ''}.`,
    ],
  ];
  if (interaction) sections.push(interactionSection(interaction));
  if (dataScale) sections.push(dataScaleSection(dataScale));
  if (delivery) sections.push(deliverySection(delivery));
  if (startup) sections.push(startupSection(startup));
  if (mixedLoad) sections.push(mixedLoadSection(mixedLoad));
  sections.push([
    '**Targets**',
    '',
    row(['target', 'wanted', 'measured', 'met']),
    row(['---', '---', '---', '---']),
    ...result.targets.map((t) => row([t.name, t.target, t.actual, t.met ? 'yes' : '**no**'])),
  ]);
  return sections.map((lines) => lines.join('\n')).join('\n\n');
}
