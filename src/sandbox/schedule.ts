import type { Loopkeeper } from '../bootstrap.js';
import type { Db } from '../db/open-database.js';
import { AWAITING_ACK, slaDeadlines } from '../features/mqa/domain/index.js';
import { createMqaItemsRepository } from '../features/mqa/repository.js';
import { createMqaSettingsRepository } from '../features/mqa/settings-repository.js';
import { nextOccurrences } from '../features/rituals/domain/occurrences.js';
import { ritualTitle } from '../features/rituals/domain/ritual-title.js';
import { createRitualsRepository } from '../features/rituals/repository.js';
import { createTeamsRepository } from '../features/settings/repository.js';
import type { Stop } from './clock.js';

/**
 * What is scheduled after `now` in the sandbox's database: each ritual's next occurrence and each shared MQA's
 * SLA reminder and escalation, read through the features' own repositories and rules.
 */
export async function scheduledStops(
  db: Db,
  now: Date,
  channelName: (id: string) => string,
  defaultTimeZone: string,
): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (const ritual of await createRitualsRepository(db).listActive()) {
    if (ritual.paused) continue;
    const [next] = nextOccurrences(ritual, now, 1);
    if (next) stops.push({ at: next, label: `${ritualTitle(ritual)} in #${channelName(ritual.channelId)}` });
  }
  const teams = createTeamsRepository(db, { timeZone: defaultTimeZone });
  const mqaSettings = createMqaSettingsRepository(db);
  for await (const item of createMqaItemsRepository(db).eachInAllTeams(AWAITING_ACK)) {
    if (!item.sharedAt) continue;
    const [settings, team] = await Promise.all([mqaSettings.get(item.teamId), teams.getSettings(item.teamId)]);
    const { remindAt, escalateAt } = slaDeadlines(item.sharedAt, {
      slaBusinessDays: settings.slaBusinessDays,
      timeZone: team.timeZone,
    });
    if (!item.remindedAt) stops.push({ at: remindAt, label: `SLA reminder for ${item.accountName}` });
    if (!item.escalatedAt) stops.push({ at: escalateAt, label: `SLA escalation for ${item.accountName}` });
  }
  return stops;
}

/**
 * Runs the scheduler at the clock's current time and waits for what it started. A tick joins one already running
 * (node-cron's, started before the clock moved), so a second tick makes sure one ran at the new time.
 */
export async function tickNow(app: Pick<Loopkeeper, 'tick' | 'idle'>): Promise<void> {
  await app.tick();
  await app.tick();
  await app.idle();
}
