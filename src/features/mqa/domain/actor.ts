/**
 * Who changed an MQA item: a person (a Slack user) or one of Loopkeeper's own channels in (the ingest endpoint,
 * the CSV import, the scheduler). Only people get mentioned, DMed or a refreshed App Home. Pure.
 */

import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';

export type SystemActorName = 'ingest' | 'import' | 'Loopkeeper';

export interface PersonActor {
  kind: 'person';
  userId: string;
}

export interface SystemActor {
  kind: 'system';
  name: SystemActorName;
}

export type MqaActor = PersonActor | SystemActor;

export const person = (userId: string): PersonActor => ({ kind: 'person', userId });
export const INGEST_ACTOR: SystemActor = { kind: 'system', name: 'ingest' };
export const CSV_IMPORT_ACTOR: SystemActor = { kind: 'system', name: 'import' };
/** Changes Loopkeeper makes by itself (stalls). */
export const LOOPKEEPER_ACTOR: SystemActor = { kind: 'system', name: 'Loopkeeper' };

const SYSTEM_NAMES: readonly SystemActorName[] = ['ingest', 'import', 'Loopkeeper'];
const SYSTEM_LABEL: Record<SystemActorName, string> = {
  ingest: 'ingest',
  import: 'CSV import',
  Loopkeeper: 'Loopkeeper',
};

/** How an actor is stored (`created_by`, `mqa_events.actor`): the Slack user id, or the system's name. */
export function actorKey(actor: MqaActor): string {
  return actor.kind === 'person' ? actor.userId : actor.name;
}

/**
 * Reads a stored actor back. The system names are a closed set and no Slack user id equals one of them, so
 * anything else is a person's id.
 */
export function actorFromKey(key: string): MqaActor {
  return (SYSTEM_NAMES as readonly string[]).includes(key)
    ? { kind: 'system', name: key as SystemActorName }
    : person(key);
}

/** The user id when the actor is a person, else null. */
export const personId = (actor: MqaActor): string | null => (actor.kind === 'person' ? actor.userId : null);

/** As messages show it (mrkdwn): a mention for a person, a plain name ("ingest", "CSV import") for a system. */
export function actorMrkdwn(actor: MqaActor): string {
  return actor.kind === 'person' ? `<@${actor.userId}>` : escapeMrkdwn(SYSTEM_LABEL[actor.name]);
}
