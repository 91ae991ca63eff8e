import { randomBytes } from 'node:crypto';
import type { Ids } from './ids.js';
import { digits } from './ids.js';
import { type Identity, State } from './state.js';

/** The Slack app itself (Basic Information): one app, installed into any number of workspaces. */
export interface AppConfig {
  appId: string;
  /** The app-level token (xapp-) for Socket Mode. */
  appToken: string;
  clientId: string;
  clientSecret: string;
}

export type TokenType = 'bot' | 'user';

/** An access token Slack issued for one workspace: the bot's (xoxb-) or a person's (xoxp-). */
export interface TokenRecord {
  token: string;
  type: TokenType;
  teamId: string;
  /** The bot user (bot tokens) or the person who authorized (user tokens). */
  userId: string;
  scopes: string[];
  issuedAt: number;
  /** Rotating tokens only (token rotation on): when it stops working, epoch ms. */
  expiresAt?: number;
  /** Set when the app was uninstalled from the workspace (or the token revoked otherwise). */
  revoked: boolean;
}

/** A refresh token (xoxe-1-): single use, revoked when exchanged for a new pair. */
export interface RefreshRecord {
  token: string;
  type: TokenType;
  teamId: string;
  userId: string;
  scopes: string[];
  used: boolean;
  revoked: boolean;
}

/** The tokens one workspace's installation holds right now. */
export interface GrantedToken {
  token: string;
  scopes: string[];
  refreshToken?: string;
  /** Seconds the access token lives (token rotation on). */
  expiresIn?: number;
}

export interface Installation {
  teamId: string;
  bot: GrantedToken;
  /** User tokens by person (user scopes were requested when they installed). */
  users: Map<string, GrantedToken>;
  installerUserId: string | undefined;
  installedAt: number;
}

/** What a Web API token turned out to be. */
export type Authentication =
  | { kind: 'app' }
  | { kind: 'token'; record: TokenRecord; state: State }
  | { kind: 'error'; error: 'not_authed' | 'invalid_auth' | 'token_revoked' | 'token_expired'; teamId?: string };

/** Slack's default lifetime of a rotating access token: 12 hours. */
export const ROTATING_TOKEN_SECONDS = 43_200;

/**
 * Slack as many workspaces see it: the workspaces (each its own `State`), the app's installation in each, and every
 * token issued, so that a Web API call is answered in the workspace its token belongs to.
 */
export class Platform {
  private readonly byTeam = new Map<string, State>();
  private readonly installs = new Map<string, Installation>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  /** Token rotation (Settings > OAuth & Permissions > Advanced token security); undefined while off. */
  rotation: { expiresInSeconds: number } | undefined;
  readonly defaultTeamId: string;

  constructor(
    readonly app: AppConfig,
    readonly ids: Ids,
    readonly now: () => number,
    defaultIdentity: Identity,
  ) {
    this.defaultTeamId = defaultIdentity.teamId;
    this.addWorkspace(defaultIdentity);
  }

  get defaultState(): State {
    return this.byTeam.get(this.defaultTeamId) as State;
  }

  addWorkspace(identity: Identity): State {
    if (this.byTeam.has(identity.teamId)) throw new Error(`Workspace ${identity.teamId} exists already.`);
    const state = new State(identity, this.ids, this.now);
    this.byTeam.set(identity.teamId, state);
    return state;
  }

  workspace(teamId: string): State | undefined {
    return this.byTeam.get(teamId);
  }

  get workspaces(): State[] {
    return [...this.byTeam.values()];
  }

  installation(teamId: string): Installation | undefined {
    return this.installs.get(teamId);
  }

  /** Generated ids of the form Slack uses for tokens; rotating tokens are `xoxe.`-prefixed. */
  private newAccessToken(type: TokenType, rotating: boolean): string {
    const kind = type === 'bot' ? 'xoxb' : 'xoxp';
    if (rotating) return `xoxe.${kind}-1-${randomBytes(24).toString('base64url')}`;
    return `${kind}-${digits(10)}-${digits(13)}-${randomBytes(12).toString('hex')}`;
  }

  private issue(
    state: State,
    type: TokenType,
    userId: string,
    scopes: string[],
    opts: { token?: string; rotating: boolean },
  ): GrantedToken {
    const now = this.now();
    const token = opts.token ?? this.newAccessToken(type, opts.rotating);
    const record: TokenRecord = {
      token,
      type,
      teamId: state.identity.teamId,
      userId,
      scopes: [...scopes],
      issuedAt: now,
      revoked: false,
    };
    const granted: GrantedToken = { token, scopes: [...scopes] };
    if (opts.rotating && this.rotation) {
      record.expiresAt = now + this.rotation.expiresInSeconds * 1000;
      const refreshToken = `xoxe-1-${randomBytes(32).toString('base64url')}`;
      this.refreshTokens.set(refreshToken, {
        token: refreshToken,
        type,
        teamId: record.teamId,
        userId,
        scopes: [...scopes],
        used: false,
        revoked: false,
      });
      granted.refreshToken = refreshToken;
      granted.expiresIn = this.rotation.expiresInSeconds;
    }
    this.tokens.set(token, record);
    return granted;
  }

  /**
   * The app is installed (or re-installed) into a workspace. Without token rotation the bot keeps its token across
   * re-installs and its scopes grow; with rotation every install issues a new expiring pair. A person who asked for
   * user scopes gets a user token the same way.
   */
  install(
    teamId: string,
    grant: { installerUserId?: string; botScopes: string[]; userScopes?: string[]; botToken?: string },
  ): Installation {
    const state = this.byTeam.get(teamId);
    if (!state) throw new Error(`Unknown workspace ${teamId}.`);
    const rotating = this.rotation !== undefined;
    const existing = this.installs.get(teamId);
    const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
    const botUserId = state.identity.botUserId;
    let bot: GrantedToken;
    if (existing && !rotating && !existing.bot.refreshToken) {
      bot = existing.bot;
      bot.scopes = union(bot.scopes, grant.botScopes);
      const record = this.tokens.get(bot.token);
      if (record) record.scopes = [...bot.scopes];
    } else {
      bot = this.issue(state, 'bot', botUserId, grant.botScopes, { token: grant.botToken, rotating });
    }
    const users = existing?.users ?? new Map<string, GrantedToken>();
    const installation: Installation = {
      teamId,
      bot,
      users,
      installerUserId: grant.installerUserId ?? existing?.installerUserId,
      installedAt: this.now(),
    };
    if (grant.installerUserId && grant.userScopes && grant.userScopes.length > 0) {
      const had = users.get(grant.installerUserId);
      if (had && !rotating && !had.refreshToken) {
        had.scopes = union(had.scopes, grant.userScopes);
        const record = this.tokens.get(had.token);
        if (record) record.scopes = [...had.scopes];
      } else {
        users.set(
          grant.installerUserId,
          this.issue(state, 'user', grant.installerUserId, grant.userScopes, { rotating }),
        );
      }
    }
    const botUser = state.users.get(botUserId);
    if (botUser) botUser.deleted = false;
    this.installs.set(teamId, installation);
    return installation;
  }

  /**
   * `grant_type=refresh_token`: the refresh token is revoked and a new access token + refresh token pair issued (Slack:
   * "The refresh token is then revoked, and a new refresh token is used to exchange the new expiring access token
   * when it expires"). The old access token is not revoked: it works until it expires.
   */
  refresh(refreshToken: string): { record: RefreshRecord; granted: GrantedToken } | { error: 'invalid_refresh_token' } {
    const record = this.refreshTokens.get(refreshToken);
    if (!record || record.used || record.revoked || !this.rotation) return { error: 'invalid_refresh_token' };
    const state = this.byTeam.get(record.teamId);
    const installation = this.installs.get(record.teamId);
    if (!state || !installation) return { error: 'invalid_refresh_token' };
    record.used = true;
    const granted = this.issue(state, record.type, record.userId, record.scopes, { rotating: true });
    if (record.type === 'bot') installation.bot = granted;
    else installation.users.set(record.userId, granted);
    return { record, granted };
  }

  /**
   * Uninstalls the app from a workspace: every token of the installation (bot and user, old rotated ones too) and every
   * refresh token is revoked, the bot user deactivated. Returns the user ids whose tokens were revoked, as the
   * `tokens_revoked` event lists them, or undefined when the app was not installed there.
   */
  uninstall(teamId: string): { oauth: string[]; bot: string[] } | undefined {
    const installation = this.installs.get(teamId);
    if (!installation) return undefined;
    const oauth = new Set<string>();
    const bot = new Set<string>();
    for (const record of this.tokens.values()) {
      if (record.teamId !== teamId || record.revoked) continue;
      record.revoked = true;
      (record.type === 'bot' ? bot : oauth).add(record.userId);
    }
    for (const record of this.refreshTokens.values()) if (record.teamId === teamId) record.revoked = true;
    this.installs.delete(teamId);
    const state = this.byTeam.get(teamId);
    const botUser = state?.users.get(state.identity.botUserId);
    if (botUser) botUser.deleted = true;
    return { oauth: [...oauth], bot: [...bot] };
  }

  /** Who a Web API token is, the way Slack checks it. */
  authenticate(token: string | undefined): Authentication {
    if (!token) return { kind: 'error', error: 'not_authed' };
    if (token === this.app.appToken) return { kind: 'app' };
    const record = this.tokens.get(token);
    const state = record ? this.byTeam.get(record.teamId) : undefined;
    if (!record || !state) return { kind: 'error', error: 'invalid_auth' };
    if (record.revoked) return { kind: 'error', error: 'token_revoked', teamId: record.teamId };
    if (record.expiresAt !== undefined && this.now() >= record.expiresAt) {
      return { kind: 'error', error: 'token_expired', teamId: record.teamId };
    }
    return { kind: 'token', record, state };
  }

  /** The workspace a response_url was issued in. */
  stateForResponseUrl(id: string): State | undefined {
    return this.workspaces.find((s) => s.responseTargets.has(id));
  }

  /** The workspace a file (upload_url) belongs to. */
  stateForFile(id: string): State | undefined {
    return this.workspaces.find((s) => s.files.has(id));
  }
}
