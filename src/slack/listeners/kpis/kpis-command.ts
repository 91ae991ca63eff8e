import { z } from 'zod';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';
import { KPI_EMPTY_TEXT, kpiLines } from '../../../services/kpis/kpi-lines.js';
import type { SlackMessage } from '../../views/blocks.js';
import { kpiMessage, kpiUsageMessage } from '../../views/kpis/kpi-message.js';
import type { ListenerDeps } from '../deps.js';
import type { ModalRequest } from '../modal-request.js';

/** Three weeks: the GTM review's cadence. */
export const DEFAULT_KPI_WEEKS = 3;

const weeksSchema = z
  .string()
  .regex(/^\d{1,3}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(52));

/** `/loop kpis [weeks]`: the KPI section for the last `weeks` weeks, ending now, ephemerally; runs after ack(). */
export async function runKpisCommand(deps: ListenerDeps, request: ModalRequest, args: string[]): Promise<SlackMessage> {
  if (args.length > 1) return kpiUsageMessage(`\`${escapeMrkdwn(args.join(' '))}\` is more than one number of weeks.`);
  let weeks = DEFAULT_KPI_WEEKS;
  if (args[0] !== undefined) {
    const parsed = weeksSchema.safeParse(args[0]);
    if (!parsed.success) return kpiUsageMessage(`\`${escapeMrkdwn(args[0])}\` is not a number of weeks.`);
    weeks = parsed.data;
  }
  const { period, report } = await deps.kpis.lastWeeks(request.teamId, weeks);
  return kpiMessage({ weeks, from: period.from, to: period.to, lines: kpiLines(report), emptyText: KPI_EMPTY_TEXT });
}
