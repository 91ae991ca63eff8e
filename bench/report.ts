import type { BenchResult } from './harness.js';
import type { LatencySummary } from './stats.js';

const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const latency = (s: LatencySummary) => [s.p50, s.p95, s.p99];

/** The run as Markdown tables: readable in a terminal and pasted as is into README's Performance section. */
export function formatReport(result: BenchResult): string {
  const { machine, interaction, dataScale, delivery, startup } = result;
  const ours = interaction.loopkeeper;
  const base = interaction.baseline;
  const { count, concurrency, warmup } = interaction.options;
  const lines: string[] = [];
  lines.push(
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryMb} MB, Node ${machine.node} ${machine.platform}; ` +
      `load average ${machine.loadAverage.start} → ${machine.loadAverage.end}; run ${result.startedAt}, ${(result.durationMs / 1000).toFixed(0)} s.`,
    '',
    `**1. Interaction latency** — ${count} \`/loop assess\` then ${count} submissions, concurrency ${concurrency} (after ${warmup} warm-up rounds); ms, from the Socket Mode envelope.`,
    '',
    row(['', 'Loopkeeper p50', 'p95', 'p99', 'bare Bolt p50', 'p95', 'p99', 'ratio p50', 'p95', 'p99']),
    row(Array(10).fill('---')),
  );
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
    '',
    `**2. Data scale** (scale ${dataScale.scale}; generated in ${dataScale.generated.ms} ms, ${dataScale.generated.fileMb} MB file)`,
    '',
    row(['data', 'rows', 'status']),
    row(['---', '---', '---']),
    ...dataScale.generated.datasets.map((d) => row([d.name, d.rows.toLocaleString('en-US'), d.status])),
    '',
    row(['view (· = a part of the one above, alone)', 'cold ms', 'warm ms (median of 5)', 'built']),
    row(['---', '---', '---', '---']),
    ...dataScale.measures.map((m) => row([m.name, m.coldMs ?? m.status, m.warmMs ?? '', m.detail ?? ''])),
    '',
    `Peak RSS of the process building them: ${dataScale.peakRssMb} MB (${dataScale.startRssMb} MB before opening the database; peak reached during "${dataScale.peakDuring ?? 'start-up'}").`,
    `Slack double: ${dataScale.slack.posts.map((p) => `${p.channelId} got ${p.messages} posts${p.sections.length ? ` (sections: ${p.sections.join(', ')})` : ''}`).join('; ')}; ${dataScale.slack.homePublishes} Home publishes; ${dataScale.slack.violations.length} Block Kit violations.`,
    '',
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
    '',
    '**4. Start-up** — `tsx src/main.ts`, fresh database',
    '',
    row(['spawn → Socket Mode connected', `RSS idle (after ${startup.idleMs / 1000} s)`, 'tsx launcher RSS']),
    row(['---', '---', '---']),
    row([`${startup.connectMs} ms`, `${startup.idleRssMb} MB`, `${startup.launcherRssMb} MB`]),
    '',
    '**Targets**',
    '',
    row(['target', 'wanted', 'measured', 'met']),
    row(['---', '---', '---', '---']),
    ...result.targets.map((t) => row([t.name, t.target, t.actual, t.met ? 'yes' : '**no**'])),
  );
  return lines.join('\n');
}
