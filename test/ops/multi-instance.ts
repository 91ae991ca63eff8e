import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, expect } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import { createMqaDeliveriesRepository } from '../../src/features/mqa/deliveries-repository.js';
import { person } from '../../src/features/mqa/domain/index.js';
import { createMqaItemsRepository } from '../../src/features/mqa/repository.js';
import { createMqaService } from '../../src/features/mqa/service.js';
import { createMqaSettingsRepository } from '../../src/features/mqa/settings-repository.js';
import { createRitualsRepository } from '../../src/features/rituals/repository.js';
import { RITUAL_POST_EVENT } from '../../src/features/rituals/slack/blocks/ritual-post.js';
import { createRoundsRepository } from '../../src/features/rounds/repository.js';
import { type PostedMessage, SlackDouble } from '../../src/slack-double/index.js';
import { childEnv, jsonLines, MAIN, ROOT } from './child-process.js';

/**
 * Several Loopkeeper processes (src/main.ts, as production starts it) on one database and one Slack double, one of
 * them SIGKILLed while MQA cards are going out: every post must land exactly once and nothing may be lost.
 *
 * Every instance reaches Slack through a small proxy of this file, at its own path (`/i<n>/api/`), so the test knows
 * which instance made each Web API call, and can hold one answer back: the card an instance is posting when it is
 * killed has been accepted by Slack (the double stores it) and its answer never reaches the instance, the hardest
 * moment for exactly-once (`answer-lost`); or the request never reaches Slack at all (`before-slack`).
 */

const TEAM = 'T0TEST';
const OWNER = 'U0OWNER';
const REVIEWER = 'U0REVIEWER';
const DAVE = 'U0DAVE';
const ERIN = 'U0ERIN';
const REVIEW = 'C0MQAREVIEW';
const SALES_EMEA = 'C0SALESEMEA';
const SALES_NA = 'C0SALESNA';
const SALES_APAC = 'C0SALESAPAC';
const SALES_DEFAULT = 'C0SALES';
const RITUALS = 'C0RITUALS';
const ROUNDS = 'C0ROUNDS';
const SALES_CHANNELS = [SALES_EMEA, SALES_NA, SALES_APAC, SALES_DEFAULT];
/** Each region has its sales channel; LATAM has no rule and goes to the default channel. */
const REGIONS = ['EMEA', 'NA', 'APAC', 'LATAM'] as const;
const CHANNEL_OF_REGION: Record<(typeof REGIONS)[number], string> = {
  EMEA: SALES_EMEA,
  NA: SALES_NA,
  APAC: SALES_APAC,
  LATAM: SALES_DEFAULT,
};

export type Interrupt = 'answer-lost' | 'before-slack';

export interface ScenarioOptions {
  /** DATABASE_URL every instance (and the test, to seed and to check) opens. */
  databaseUrl: string;
  instances: number;
  /** MQA items validated and queued as cards before the instances may post them. */
  cards: number;
  /** The instance posting a card once this many cards are in Slack is the one killed. */
  killAfterCards: number;
  interrupt: Interrupt;
}

export interface ScenarioReport {
  /** Instance numbers (1-based) and the card posts each made (chat.postMessage calls, the held one included). */
  cardsByInstance: Record<number, number>;
  killed: number;
  /** The card in Slack whose poster was killed, and what became of its outbox row. */
  interruptedCard: { account: string; ts: string | undefined };
  timings: Record<string, number>;
}

const NODE_CRON_OVERLAP = /\[NODE-CRON\].*task still running, new execution blocked by overlap prevention/;

const cardAccount = (m: PostedMessage) => /^MQA: (.+) \(/.exec(m.text ?? '')?.[1];
const accountName = (i: number) => `Account ${String(i + 1).padStart(3, '0')}`;
const isTopLevel = (m: PostedMessage) => !m.thread_ts || m.thread_ts === m.ts;

/** Top-level MQA cards in the sales channels, in the order Slack stored them. */
function cardsIn(double: SlackDouble): PostedMessage[] {
  return SALES_CHANNELS.flatMap((c) => double.channel(c)?.messages ?? []).filter(
    (m) => isTopLevel(m) && m.via === 'chat.postMessage' && cardAccount(m) !== undefined,
  );
}

/** Polls `check` until it returns something other than undefined/false; fails with `describe()` after `timeoutMs`. */
async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  describe: () => Promise<string> | string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms. ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---- the proxy in front of the double's Web API ----

interface ProxiedCall {
  instance: number;
  method: string;
  args: Record<string, unknown>;
  /** The double's answer; undefined while held before reaching Slack. */
  response?: Record<string, unknown>;
}

interface HoldRule {
  interrupt: Interrupt;
  /** Decides on each chat.postMessage (before it is forwarded): hold this one? */
  matches(call: ProxiedCall): boolean;
  held?: (call: ProxiedCall) => void;
}

class SlackProxy {
  readonly calls: ProxiedCall[] = [];
  private readonly held: ServerResponse[] = [];
  private rule: HoldRule | undefined;
  private server: Server | undefined;
  private port = 0;

  constructor(private readonly target: URL) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  apiUrl(instance: number): string {
    return `http://127.0.0.1:${this.port}/i${instance}/api/`;
  }

  /** Holds back exactly one chat.postMessage that `matches`: the first one, then the rule is spent. */
  holdOne(rule: HoldRule): void {
    this.rule = rule;
  }

  async stop(): Promise<void> {
    for (const res of this.held.splice(0)) res.destroy();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/i(\d+)\/api\/(.+)$/.exec(url.pathname);
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const instance = Number(match[1]);
    const method = match[2] as string;
    const body = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
    const call: ProxiedCall = { instance, method, args: parseArgs(req, body) };
    this.calls.push(call);
    const rule = method === 'chat.postMessage' && this.rule?.matches(call) ? this.rule : undefined;
    if (rule) this.rule = undefined;
    if (rule?.interrupt === 'before-slack') {
      // The request never reaches Slack, and the instance waits for an answer that never comes.
      this.held.push(res);
      rule.held?.(call);
      return;
    }
    const answer = await this.forward(req, url, method, body);
    try {
      call.response = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      // not JSON (a 500 from a fault, say): kept as is for the instance
    }
    if (rule) {
      // Slack has the post; its answer stays here.
      this.held.push(res);
      rule.held?.(call);
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  private forward(
    req: IncomingMessage,
    url: URL,
    method: string,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const headers: Record<string, string> = { 'content-length': String(body.length) };
    for (const name of ['content-type', 'authorization', 'user-agent']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    return new Promise((resolve, reject) => {
      const out = request(
        {
          host: this.target.hostname,
          port: this.target.port,
          method: req.method,
          path: `/api/${method}${url.search}`,
          headers,
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (c: Buffer) => chunks.push(c));
          answer.on('end', () => {
            const passed: Record<string, string> = {};
            for (const [name, value] of Object.entries(answer.headers)) {
              if (typeof value === 'string' && name !== 'content-length' && name !== 'connection') passed[name] = value;
            }
            resolve({ status: answer.statusCode ?? 500, headers: passed, body: Buffer.concat(chunks) });
          });
          answer.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  }
}

function parseArgs(req: IncomingMessage, body: Buffer): Record<string, unknown> {
  const type = String(req.headers['content-type'] ?? '');
  const text = body.toString('utf8');
  if (type.startsWith('application/json')) {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

// ---- seeding ----

/** Stands in for Slack while the reviewer validates: it is unreachable, so every card waits in the outbox. */
const slackUnreachable = {
  deliver: async (_kind: string, _view: unknown, target: { channelId: string }) => ({
    ok: false as const,
    channelId: target.channelId,
    reason: 'other' as const,
    detail: 'slack unreachable while the test seeds',
  }),
  refresh: async () => {},
  echo: async () => {},
};

/**
 * MQA settings and routes, then `cards` accounts that the reviewer validates through the product's own MQA service:
 * each is routed and shared, and its card queued in the outbox (`mqa_deliveries`). Slack is unreachable meanwhile,
 * so each card's first attempt fails and waits for its retry; no instance runs yet.
 */
async function seedCards(db: Db, cards: number): Promise<Map<string, number>> {
  const settings = createMqaSettingsRepository(db);
  const now = new Date();
  await settings.save(
    TEAM,
    {
      reviewChannelId: REVIEW,
      reviewerIds: [REVIEWER],
      directorId: null,
      defaultChannelId: SALES_DEFAULT,
      escalationChannelId: null,
      escalationUserId: null,
      slaBusinessDays: 1,
      stallDays: 21,
    },
    now,
  );
  const none = { segment: null, tier: null, source: null, intentTopic: null };
  await settings.addRoute(TEAM, { ...none, region: 'EMEA', channelId: SALES_EMEA, ownerIds: [DAVE, ERIN] }, now);
  await settings.addRoute(TEAM, { ...none, region: 'NA', channelId: SALES_NA, ownerIds: [DAVE] }, now);
  await settings.addRoute(TEAM, { ...none, region: 'APAC', channelId: SALES_APAC, ownerIds: [ERIN] }, now);

  const mqa = createMqaService({
    items: createMqaItemsRepository(db),
    deliveries: createMqaDeliveriesRepository(db),
    settings,
    poster: slackUnreachable,
    clock: () => new Date(),
    isAdmin: async () => false,
  });
  const inputs = Array.from({ length: cards }, (_, i) => ({
    accountName: accountName(i),
    domain: `account-${i + 1}.example`,
    segment: null,
    tier: null,
    region: REGIONS[i % REGIONS.length] as string,
    intentTopics: [],
    evidence: null,
    source: 'engagement' as const,
    priority: 'normal' as const,
    ownerId: null,
    externalId: null,
  }));
  const outcomes = await mqa.upsert(TEAM, inputs, person(REVIEWER), { deliverNow: false });
  const itemIds = new Map<string, number>();
  for (const [i, outcome] of outcomes.entries()) {
    const validated = await mqa.validate(TEAM, outcome.id, person(REVIEWER), {
      icpAlignment: 'strong',
      relevance: 'strong',
      strategicFit: 'strong',
      notes: null,
    });
    expect(validated).toMatchObject({ ok: true, routed: true });
    itemIds.set(accountName(i), outcome.id);
  }
  const queued = await db
    .selectFrom('mqa_deliveries')
    .select(['kind', 'status', 'attempts'])
    .where('kind', '=', 'card')
    .execute();
  expect(queued).toHaveLength(cards);
  expect(queued.every((d) => d.status === 'pending' && d.attempts === 1)).toBe(true);
  return itemIds;
}

/** A weekly ritual whose occurrence is the start of the current minute: due at once, inside its grace window. */
async function seedDueRitual(db: Db, now: Date): Promise<number> {
  const occurrence = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const iso = occurrence.toISOString();
  const weekday = ((occurrence.getUTCDay() + 6) % 7) + 1;
  const ritual = await createRitualsRepository(db).insert(
    TEAM,
    {
      kind: 'custom',
      name: 'Multi-instance sync',
      channelId: RITUALS,
      cadence: { type: 'weekly', everyWeeks: 1, weekday, anchorDate: iso.slice(0, 10) },
      localTime: iso.slice(11, 16),
      timeZone: 'UTC',
      skipDates: [],
      headsUpHours: null,
    },
    OWNER,
    // The schedule starts a minute before the occurrence, so this occurrence is the only one.
    new Date(occurrence.getTime() - 60_000),
    null,
  );
  return ritual.id;
}

/** A team round with two answers whose deadline passed a second ago: the next tick of any instance closes it. */
async function seedClosedRound(db: Db, now: Date): Promise<number> {
  const rounds = createRoundsRepository(db);
  const round = await rounds.insert({
    teamId: TEAM,
    channelId: ROUNDS,
    startedBy: OWNER,
    segment: null,
    anonymous: false,
    invitees: [DAVE, ERIN],
    createdAt: new Date(now.getTime() - 3_600_000),
    deadlineAt: new Date(now.getTime() - 1_000),
  });
  const scores = { data_integration: 3, activation: 4, usage_campaigns: 2, pqls: 3, feedback_loop: 4 };
  for (const userId of [DAVE, ERIN]) {
    await rounds.upsertResponse(
      round.id,
      userId,
      { function: 'sales', scores, redFlags: [], notes: {} },
      { invited: true, now: new Date(now.getTime() - 1_800_000), sourceViewId: null },
    );
  }
  return round.id;
}

// ---- the product processes ----

/** tsx's loader, by absolute URL: `node --import <it> src/main.ts` is `npm start` without npm in between. */
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

interface Instance {
  n: number;
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves once the process is gone and its output read; rejects after `timeoutMs`. */
  exited(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
}

/**
 * One product process, `node --import tsx src/main.ts`: a single process, so SIGKILL kills Loopkeeper itself (the
 * tsx CLI would run it in a child of its own, which a SIGKILL of the CLI leaves running).
 */
function startInstance(n: number, cwd: string, env: Record<string, string>): Instance {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], {
    cwd,
    env: { ...env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('close', (code, signal) => done({ code, signal })),
  );
  return {
    n,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    running: () => child.exitCode === null && child.signalCode === null,
    exited(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(`instance ${n} did not exit within ${timeoutMs} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`),
            ),
          timeoutMs,
        );
      });
      return Promise.race([closed, timeout]).finally(() => clearTimeout(timer));
    },
  };
}

async function waitForRunning(instance: Instance, timeoutMs: number): Promise<void> {
  // Logged once connected to Slack's Socket Mode, with the scheduler started.
  await until(
    `instance ${instance.n} running`,
    () => {
      if (!instance.running()) throw new Error(`instance ${instance.n} exited at start-up:\n${instance.stderr()}`);
      return instance.stdout().includes('"msg":"Loopkeeper is running"');
    },
    timeoutMs,
    () => `stdout:\n${instance.stdout()}\nstderr:\n${instance.stderr()}`,
  );
}

// ---- the scenario ----

/** Call at the top of a test file: every process it started is SIGKILLed (by its pid) after each test. */
export function useMultiInstanceScenario() {
  const started: Instance[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const instance of started.splice(0)) {
      if (instance.running()) instance.child.kill('SIGKILL');
      await instance.exited(10_000).catch(() => undefined);
    }
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  return async function run(options: ScenarioOptions): Promise<ScenarioReport> {
    const began = Date.now();
    const timings: Record<string, number> = {};
    const mark = (name: string) => {
      timings[name] = Date.now() - began;
    };
    const double = await SlackDouble.start({ teamId: TEAM });
    const proxy = new SlackProxy(new URL(double.baseUrl));
    await proxy.start();
    const db = await openDatabase(options.databaseUrl, { poolSize: 2 });
    const instances: Instance[] = [];
    try {
      for (const [id, name] of [
        [OWNER, 'olivia'],
        [REVIEWER, 'rita'],
        [DAVE, 'dave'],
        [ERIN, 'erin'],
      ] as const)
        double.addUser({ id, name });
      for (const [id, name] of [
        [REVIEW, 'mqa-review'],
        [SALES_EMEA, 'sales-emea'],
        [SALES_NA, 'sales-na'],
        [SALES_APAC, 'sales-apac'],
        [SALES_DEFAULT, 'sales'],
        [RITUALS, 'gtm-sync'],
        [ROUNDS, 'gtm-team'],
      ] as const)
        double.addChannel({ id, name });

      // Migrated once here: the instances then all start on an up-to-date database.
      await migrateToLatest(db);
      const itemIds = await seedCards(db, options.cards);
      mark('seeded');

      // A folder of their own as cwd: no .env of the checkout reaches them.
      const cwd = mkdtempSync(join(tmpdir(), 'loopkeeper-multi-'));
      dirs.push(cwd);
      for (let n = 1; n <= options.instances; n += 1) {
        const instance = startInstance(
          n,
          cwd,
          childEnv({
            SLACK_BOT_TOKEN: double.botToken,
            SLACK_APP_TOKEN: double.appToken,
            SLACK_API_URL: proxy.apiUrl(n),
            DATABASE_URL: options.databaseUrl,
            DATABASE_POOL_SIZE: '4',
            PORT: '0',
            LOG_LEVEL: 'info',
            SCHEDULER_INTERVAL_SECONDS: '1',
          }),
        );
        instances.push(instance);
        started.push(instance);
      }
      await Promise.all(instances.map((i) => waitForRunning(i, 40_000)));
      mark('instances running');

      // The instance whose card is posted once `killAfterCards` cards are in Slack is killed with it in flight.
      let interrupted: ProxiedCall | undefined;
      proxy.holdOne({
        interrupt: options.interrupt,
        matches: (call) =>
          /^MQA: /.test(String(call.args.text ?? '')) && cardsIn(double).length >= options.killAfterCards,
        held: (call) => {
          interrupted = call;
        },
      });

      // Everything comes due at once, for every instance: the ritual, the round's deadline, and the cards, whose retry
      // time is moved to now as if Slack had come back when that minute of backoff was over.
      const now = new Date();
      const ritualId = await seedDueRitual(db, now);
      const roundId = await seedClosedRound(db, now);
      await db
        .updateTable('mqa_deliveries')
        .set({ next_attempt_at: now.toISOString() })
        .where('kind', '=', 'card')
        .execute();
      mark('due');

      const describeState = async () => {
        const pending = await db
          .selectFrom('mqa_deliveries')
          .select(['id', 'item_id', 'lease_until', 'attempts', 'last_error'])
          .where('status', '!=', 'sent')
          .execute();
        return `cards in Slack: ${cardsIn(double).length}; unsent rows: ${JSON.stringify(pending.slice(0, 5))} (${pending.length}); stderr of the instances: ${instances.map((i) => i.stderr()).join('\n')}`;
      };

      const caught = await until(
        'an instance posting a card after the first cards',
        () => interrupted,
        30_000,
        () => describeState(),
      );
      const victim = instances[caught.instance - 1] as Instance;
      mark('card held');
      victim.child.kill('SIGKILL');
      const gone = await victim.exited(10_000);
      expect(gone.signal).toBe('SIGKILL');
      mark('killed');
      const heldAccount = cardAccount({ text: String(caught.args.text) } as PostedMessage) as string;
      const heldItem = itemIds.get(heldAccount) as number;
      const heldTs = (caught.response as { ts?: string } | undefined)?.ts;
      if (options.interrupt === 'answer-lost') expect(heldTs).toEqual(expect.any(String));
      else expect(caught.response).toBeUndefined();

      // The survivors post the rest; the killed instance's card row stays claimed by it.
      const interruptedRow = () =>
        db
          .selectFrom('mqa_deliveries')
          .selectAll()
          .where('kind', '=', 'card')
          .where('item_id', '=', heldItem)
          .execute();
      await until(
        'every other card sent, the ritual posted and the round summary posted',
        async () => {
          const unsent = await db
            .selectFrom('mqa_deliveries')
            .select('item_id')
            .where('status', '!=', 'sent')
            .execute();
          if (unsent.length !== 1 || unsent[0]?.item_id !== heldItem) return false;
          const ritual = await db
            .selectFrom('ritual_posts')
            .select('status')
            .where('ritual_id', '=', ritualId)
            .execute();
          const round = await db
            .selectFrom('assessment_rounds')
            .select('summary_ts')
            .where('id', '=', roundId)
            .executeTakeFirst();
          return ritual.length === 1 && ritual[0]?.status === 'posted' && Boolean(round?.summary_ts);
        },
        40_000,
        describeState,
      );
      mark('others delivered');

      // Nothing lost yet, only waiting: the row is still pending under the killed instance's unexpired lease.
      const [claimed] = await interruptedRow();
      expect(claimed).toMatchObject({ status: 'pending', posted_ts: null });
      expect(new Date(claimed?.lease_until ?? 0).getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
      expect(cardsIn(double).filter((m) => cardAccount(m) === heldAccount)).toHaveLength(
        options.interrupt === 'answer-lost' ? 1 : 0,
      );

      // The lease is 40 minutes (MQA_LEASE_MS). Moving its end into the past stands for those 40 minutes passing:
      // a surviving instance may now take the row over, and must neither lose the card nor post it twice.
      await db
        .updateTable('mqa_deliveries')
        .set({ lease_until: new Date(Date.now() - 1_000).toISOString() })
        .where('kind', '=', 'card')
        .where('item_id', '=', heldItem)
        .execute();
      await until(
        'the interrupted card taken over by a surviving instance',
        async () => (await interruptedRow())[0]?.status === 'sent',
        20_000,
        describeState,
      );
      mark('taken over');

      // Graceful stop of the survivors: their ticks finish, so nothing can be posted after the counts below.
      const survivors = instances.filter((i) => i !== victim);
      for (const s of survivors) s.child.kill('SIGTERM');
      for (const s of survivors) expect(await s.exited(20_000)).toEqual({ code: 0, signal: null });
      mark('stopped');
      for (const s of survivors) {
        // node-cron writes a warning of its own to stderr when a tick outlasts the 1 s interval (a tick delivering
        // dozens of cards does); anything else on stderr is a failure.
        expect(
          s
            .stderr()
            .split('\n')
            .filter((l) => l !== '' && !NODE_CRON_OVERLAP.test(l)),
        ).toEqual([]);
        expect(jsonLines(s.stdout()).filter((l) => l.level === 'error')).toEqual([]);
      }

      // ---- every post exactly once ----
      const cards = cardsIn(double);
      const perAccount = new Map<string, PostedMessage[]>();
      for (const card of cards) {
        const account = cardAccount(card) as string;
        perAccount.set(account, [...(perAccount.get(account) ?? []), card]);
      }
      const twice = [...perAccount].filter(([, posts]) => posts.length > 1).map(([account]) => account);
      expect(twice, 'cards posted more than once').toEqual([]);
      expect([...perAccount.keys()].sort()).toEqual([...itemIds.keys()].sort());
      expect(cards).toHaveLength(options.cards);

      const items = await db
        .selectFrom('mqa_items')
        .select(['id', 'account_name', 'region', 'status', 'card_channel_id', 'card_ts'])
        .execute();
      for (const item of items) {
        const [card] = perAccount.get(item.account_name) ?? [];
        expect({ account: item.account_name, channel: card?.channel, ts: card?.ts }).toEqual({
          account: item.account_name,
          channel: CHANNEL_OF_REGION[item.region as (typeof REGIONS)[number]],
          ts: item.card_ts,
        });
        expect(item.card_channel_id).toBe(card?.channel);
      }
      const deliveries = await db.selectFrom('mqa_deliveries').selectAll().execute();
      expect(deliveries).toHaveLength(options.cards);
      for (const d of deliveries) {
        expect(d).toMatchObject({ kind: 'card', status: 'sent', lease_until: null, posted_ts: expect.any(String) });
        expect(d.posted_ts).toBe(items.find((i) => i.id === d.item_id)?.card_ts);
      }
      const interruptedTs = (await interruptedRow())[0]?.posted_ts ?? undefined;
      // The card Slack accepted from the killed instance is the one recorded: found in Slack, not posted again.
      if (options.interrupt === 'answer-lost') expect(interruptedTs).toBe(heldTs);

      const ritualPosts = (double.channel(RITUALS)?.messages ?? []).filter(
        (m) => isTopLevel(m) && m.metadata?.event_type === RITUAL_POST_EVENT,
      );
      expect(ritualPosts).toHaveLength(1);
      const ritualRows = await db.selectFrom('ritual_posts').selectAll().execute();
      expect(ritualRows).toMatchObject([
        { ritual_id: ritualId, kind: 'post', status: 'posted', posted_ts: ritualPosts[0]?.ts, lease_until: null },
      ]);

      const summaries = (double.channel(ROUNDS)?.messages ?? []).filter(
        (m) => isTopLevel(m) && /^Team assessment round #\d+/.test(m.text ?? ''),
      );
      expect(summaries).toHaveLength(1);
      expect(summaries[0]?.text).toContain(`round #${roundId}:`);
      expect(
        await db
          .selectFrom('assessment_rounds')
          .select(['status', 'summary_ts', 'summary_attempts'])
          .where('id', '=', roundId)
          .executeTakeFirst(),
      ).toEqual({ status: 'closed', summary_ts: summaries[0]?.ts, summary_attempts: 1 });

      // Nothing else went out: no review posts (validated already), no DMs, no problem notices.
      const everything = double.callsTo('chat.postMessage').filter((c) => (c.response as { ok?: boolean }).ok);
      const topLevel = everything.filter((c) => !c.args.thread_ts);
      expect(topLevel).toHaveLength(options.cards + 2);
      expect(double.violations).toEqual([]);

      const cardsByInstance: Record<number, number> = {};
      for (const call of proxy.calls) {
        if (call.method !== 'chat.postMessage' || !/^MQA: /.test(String(call.args.text ?? ''))) continue;
        cardsByInstance[call.instance] = (cardsByInstance[call.instance] ?? 0) + 1;
      }
      // Every card post made once, over all instances: the killed one's only attempt at its last card included.
      expect(Object.values(cardsByInstance).reduce((a, b) => a + b, 0)).toBe(
        options.cards + (options.interrupt === 'answer-lost' ? 0 : 1),
      );
      mark('checked');
      return {
        cardsByInstance,
        killed: caught.instance,
        interruptedCard: { account: heldAccount, ts: interruptedTs },
        timings,
      };
    } finally {
      for (const i of instances) if (i.running()) i.child.kill('SIGKILL');
      await Promise.all(instances.map((i) => i.exited(10_000).catch(() => undefined)));
      await proxy.stop();
      await double.stop();
      await db.destroy();
    }
  };
}

/** Both ways an instance is killed mid-delivery, with the words the test names them by. */
export const INTERRUPTS: Array<[Interrupt, string]> = [
  ['answer-lost', 'after Slack accepted its card and before the answer reached it'],
  ['before-slack', 'while its card request had not reached Slack'],
];
