import type { webApi } from '@slack/bolt';
import { runKpisCommand } from '../../../features/kpis/slack/commands.js';
import { COMMAND } from '../../ids.js';
import type { SlackMessage } from '../../blocks.js';
import type { ListenerDeps } from '../deps.js';
import type { ModalRequest } from '../../modal-request.js';
import { runAssessCommand } from '../../../features/assessment/slack/commands.js';
import { openSettingsModal } from '../../../features/settings/slack/commands.js';
import { runMqaCommand } from '../../../features/mqa/slack/listeners.js';
import { runRiskCommand } from '../../../features/risks/slack/listeners.js';
import { runFollowUpsCommand, runRitualsCommand } from '../../../features/rituals/slack/commands.js';

export interface SubcommandInput {
  deps: ListenerDeps;
  client: webApi.WebClient;
  request: ModalRequest;
  /** Words after the subcommand, as typed. */
  args: string[];
}

export interface Subcommand {
  name: string;
  /** Shown in the usage list, e.g. "assess [segment]". */
  usage: string;
  summary: string;
  /** Runs after ack(); a returned message is shown to the requester ephemerally. */
  run(input: SubcommandInput): Promise<SlackMessage | undefined>;
}

/** Every `/loop` subcommand, in the order the usage list shows them. A feature adds itself here. */
export const SUBCOMMANDS: Subcommand[] = [
  {
    name: 'assess',
    usage: 'assess [segment]',
    summary:
      'Take the five-dimension feedback-loop assessment and post the summary to a channel. Also: `assess round [#channel] [duration]` starts a team round, `assess history` shows the trend, `assess export` DMs you a CSV.',
    run: ({ deps, client, request, args }) => runAssessCommand(deps, client, request, args),
  },
  {
    name: 'settings',
    usage: 'settings',
    summary: 'Team defaults: segment, assessments channel, time zone, Loopkeeper admins (admins only).',
    run: ({ deps, client, request }) => openSettingsModal(deps, client, request),
  },
  {
    name: 'rituals',
    usage: 'rituals',
    summary: 'GTM reviews, monthly syncs and custom rituals with their next occurrences; admins add, edit, pause, skip or delete.',
    run: ({ deps, client, request }) => runRitualsCommand(deps, client, request),
  },
  {
    name: 'followups',
    usage: 'followups',
    summary: 'Your open follow-up actions from ritual posts, with Mark done.',
    run: ({ deps, client, request }) => runFollowUpsCommand(deps, client, request),
  },
  {
    name: 'mqa',
    usage: 'mqa add | list [open|mine|mine all|stalled|closed|all] | routes | settings',
    summary: 'The MQA working list: add an account for Marketing review, see the list; routing rules and settings (admins).',
    run: ({ deps, client, request, args }) => runMqaCommand(deps, client, request, args),
  },
  {
    name: 'risk',
    usage: 'risk add | list [page]',
    summary: 'The risk register: add a risk (likelihood x impact), list open risks highest score first to edit, re-score or close.',
    run: ({ deps, client, request, args }) => runRiskCommand(deps, client, request, args),
  },
  {
    name: 'kpis',
    usage: 'kpis [weeks] | kpis sources [weeks]',
    summary:
      'GTM KPIs for the last 1-52 whole weeks (default 3) against the weeks before: funnel, deals, win rate, attribution; `kpis sources` lists every source\'s OLS/CS credit.',
    run: ({ deps, request, args }) => runKpisCommand(deps, request, args),
  },
];

export const usageLines = (): Array<[usage: string, summary: string]> => [
  ...SUBCOMMANDS.map((s): [string, string] => [`${COMMAND} ${s.usage}`, s.summary]),
  [`${COMMAND} help`, 'Show this list.'],
];
