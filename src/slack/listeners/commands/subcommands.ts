import type { SlashCommand, webApi } from '@slack/bolt';
import { COMMAND } from '../../ids.js';
import type { SlackMessage } from '../../views/blocks.js';
import type { ListenerDeps } from '../deps.js';
import type { ModalRequest } from '../modal-request.js';
import { openAssessModal } from './assess-command.js';
import { openSettingsModal } from './settings-command.js';

export interface SubcommandInput {
  deps: ListenerDeps;
  client: webApi.WebClient;
  command: SlashCommand;
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
    summary: 'Take the five-dimension feedback-loop assessment and post the summary to a channel.',
    run: ({ deps, client, request, args }) => openAssessModal(deps, client, request, args.join(' ')),
  },
  {
    name: 'settings',
    usage: 'settings',
    summary: 'Team defaults: segment, assessments channel, time zone, Loopkeeper admins (admins only).',
    run: ({ deps, client, request }) => openSettingsModal(deps, client, request),
  },
];

export const usageLines = (): Array<[usage: string, summary: string]> => [
  ...SUBCOMMANDS.map((s): [string, string] => [`${COMMAND} ${s.usage}`, s.summary]),
  [`${COMMAND} help`, 'Show this list.'],
];
