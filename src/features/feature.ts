import type { InstallationStore, webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Db } from '../db/open-database.js';
import type { HttpRoute } from '../http/server.js';
import type { Clock } from '../kernel/clock.js';
import type { ConnectableHomeRefresher } from '../kernel/home-refresh.js';
import type { InFlight } from '../kernel/in-flight.js';
import type { Logger } from '../logging/logger.js';
import type { ScheduledJob } from '../scheduler/scheduler.js';
import type { SlackMessage } from '../slack/blocks.js';
import type { createChartUploader } from '../slack/chart-uploader.js';
import type { Listeners } from '../slack/listener-table.js';
import type { ModalRequest } from '../slack/modal-request.js';
import type { Notifier } from '../slack/notifier.js';
import type { Workspaces } from '../slack/workspaces.js';
import type { WorkerPool } from '../workers/pool.js';
import type { DigestSectionProvider } from './digest-section.js';
import type { HomeSection } from './home-section.js';
import type { SettingsService } from './settings/service.js';

/** The Slack side every feature may use: the Web API client, posting with classified failures, background work. */
export interface SlackKit {
  client: webApi.WebClient;
  notifier: Notifier;
  /** Work started after an ack; tests and shutdown wait for it. */
  inFlight: InFlight;
  charts: ReturnType<typeof createChartUploader>;
  /** Jobs run each row's Slack work inside `workspaces.run(row.teamId, ...)`, so it uses that workspace's token. */
  workspaces: Workspaces;
}

/**
 * What bootstrap hands each feature's factory. `settings` (the team's defaults and admins), `homeRefresh` and
 * `contributions` are the only ways features reach each other at run time.
 */
export interface FeatureDeps {
  db: Db;
  slack: SlackKit;
  clock: Clock;
  logger: Logger;
  config: Config;
  settings: SettingsService;
  /** Re-publish App Home for people whose data changed; App Home connects it. */
  homeRefresh: ConnectableHomeRefresher;
  /** What the other features contribute, readable once every feature is built (digests, App Home). */
  contributions: Contributions;
  /** Distributed mode only: the installation store, so an uninstall deletes the workspace's tokens at once. */
  installations?: Pick<InstallationStore, 'deleteInstallation'> | undefined;
  /** Worker threads for scans and CPU work that must not hold up acks (exports, charts, KPI sections). */
  workers?: WorkerPool | undefined;
}

export interface Contributions {
  digestSections(): DigestSectionProvider[];
  homeSections(): HomeSection[];
  subcommands(): Subcommand[];
}

/**
 * `/loop <name> ...`: one line in the usage list and a handler that runs after the ack. With a `verb`, it answers
 * `/loop <name> <verb> ...` only (e.g. `assess round`), and wins over the plain `<name>`.
 */
export interface Subcommand {
  name: string;
  verb?: string;
  /** Shown in the usage list, e.g. "assess [segment]". */
  usage: string;
  summary: string;
  /** Runs after ack(); a returned message is shown to the requester ephemerally. */
  run(input: SubcommandInput): Promise<SlackMessage | undefined>;
}

export interface SubcommandInput {
  client: webApi.WebClient;
  request: ModalRequest;
  /** Words after the subcommand (and its verb), as typed. */
  args: string[];
}

/** What one feature adds to Loopkeeper. Every part is optional; bootstrap loops over the list. */
export interface Feature {
  name: string;
  subcommands?: Subcommand[];
  /** Actions, view submissions and events, by exact id (see src/slack/listener-table.ts). */
  register?(listeners: Listeners): void;
  /** Run by the scheduler each tick; each claims its work in the database first. */
  jobs?: ScheduledJob[];
  /** HTTP ingest, e.g. POST /api/mqa. */
  routes?: HttpRoute[];
  /** Sections of the GTM review and monthly sync posts. */
  digestSections?: DigestSectionProvider[];
  /** Parts of App Home (and, later, the Control Plane canvas), in feature order. */
  homeSections?: HomeSection[];
}

export type FeatureFactory = (deps: FeatureDeps) => Feature;
