import { randomBytes } from 'node:crypto';
import { digits } from './ids.js';
import type { GrantedToken, Installation, Platform } from './platform.js';
import { ROTATING_TOKEN_SECONDS } from './platform.js';
import type { State } from './state.js';

/** Slack's authorization code lives ten minutes and can be exchanged once. */
export const CODE_TTL_MS = 10 * 60 * 1000;

/** Client credentials of an oauth.v2.access / apps.uninstall call: HTTP Basic auth, or form fields. */
export interface ClientCredentials {
  clientId?: string;
  clientSecret?: string;
}

interface AuthorizationCode {
  code: string;
  teamId: string;
  userId: string;
  botScopes: string[];
  userScopes: string[];
  /** The redirect_uri given to the authorize URL, if one was: oauth.v2.access must then send the same. */
  redirectUri: string | undefined;
  issuedAt: number;
  used: boolean;
}

/** What the person installing saw: the authorize URL the app sent them to, parsed. */
export interface AuthorizeRequest {
  clientId: string;
  botScopes: string[];
  userScopes: string[];
  state: string | undefined;
  redirectUri: string | undefined;
  team: string | undefined;
}

const splitScopes = (v: string | null) =>
  (v ?? '')
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Where the person lands after the authorize page: `redirect_uri` with `code` and `state` (or `error`). */
function redirectTo(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/**
 * Slack's side of OAuth v2 ("Installing with OAuth"): the authorize page, a person approving or cancelling, the
 * temporary code, and `oauth.v2.access` exchanging a code or a refresh token for tokens.
 */
export class OAuthServer {
  private readonly codes = new Map<string, AuthorizationCode>();
  /** The app's configured Redirect URLs (OAuth & Permissions). Empty: any redirect_uri the app sends is accepted. */
  redirectUrls: string[] = [];

  constructor(private readonly platform: Platform) {}

  /** Reads an authorize URL the way Slack's authorize page does; throws where Slack would show an error page. */
  parseAuthorizeUrl(authorizeUrl: string): AuthorizeRequest {
    let url: URL;
    try {
      url = new URL(authorizeUrl.replace(/&amp;/g, '&'));
    } catch {
      throw new Error(`Not a URL: ${authorizeUrl}`);
    }
    if (url.pathname === '/oauth/authorize') {
      throw new Error(
        `${authorizeUrl} is the legacy (v1) authorize URL; Slack apps with granular scopes install through /oauth/v2/authorize.`,
      );
    }
    if (url.pathname !== '/oauth/v2/authorize') {
      throw new Error(`${authorizeUrl} is not Slack's authorize URL (https://slack.com/oauth/v2/authorize?...).`);
    }
    const p = url.searchParams;
    const clientId = p.get('client_id') ?? '';
    if (clientId !== this.platform.app.clientId) {
      throw new Error(
        `Slack's authorize page refuses client_id=${JSON.stringify(clientId)}: the app's Client ID is ${this.platform.app.clientId}.`,
      );
    }
    const botScopes = splitScopes(p.get('scope'));
    const userScopes = splitScopes(p.get('user_scope'));
    if (botScopes.length === 0 && userScopes.length === 0) {
      throw new Error('Slack\'s authorize page needs a "scope" (or "user_scope") parameter: the URL asks for nothing.');
    }
    const redirectUri = p.get('redirect_uri') ?? undefined;
    return {
      clientId,
      botScopes,
      userScopes,
      state: p.get('state') ?? undefined,
      redirectUri,
      team: p.get('team') ?? undefined,
    };
  }

  /** Where Slack sends the person back: redirect_uri if it matches a configured Redirect URL, else the first one. */
  private landing(request: AuthorizeRequest): string {
    if (request.redirectUri !== undefined) {
      if (this.redirectUrls.length > 0 && !this.redirectUrls.some((u) => matchesRedirectUrl(request.redirectUri!, u))) {
        throw new Error(
          `redirect_uri did not match any configured URIs: ${request.redirectUri} (configured: ${this.redirectUrls.join(', ')}).`,
        );
      }
      return request.redirectUri;
    }
    const first = this.redirectUrls[0];
    if (!first) {
      throw new Error(
        'The authorize URL has no redirect_uri and the app has no Redirect URL configured: call double.oauth.setRedirectUrls([...]).',
      );
    }
    return first;
  }

  /** A person in `teamId` clicks "Allow": Slack redirects them to the app with a temporary code and the state. */
  approve(p: { authorizeUrl: string; teamId: string; userId: string }): {
    redirectUrl: string;
    code: string;
    state: string | undefined;
  } {
    const request = this.parseAuthorizeUrl(p.authorizeUrl);
    const state = this.requireWorkspace(p.teamId);
    if (request.team && request.team !== p.teamId) {
      throw new Error(`The authorize URL asks for workspace ${request.team}, not ${p.teamId}.`);
    }
    const user = state.users.get(p.userId);
    if (!user || user.isBot || user.deleted) {
      throw new Error(
        `No person ${p.userId} in workspace ${p.teamId} can approve: call ws.addUser({ id: '${p.userId}', ... }).`,
      );
    }
    const landing = this.landing(request);
    const code = `${digits(10)}.${digits(13)}.${randomBytes(32).toString('hex')}`;
    this.codes.set(code, {
      code,
      teamId: p.teamId,
      userId: p.userId,
      botScopes: request.botScopes,
      userScopes: request.userScopes,
      redirectUri: request.redirectUri,
      issuedAt: this.platform.now(),
      used: false,
    });
    return { redirectUrl: redirectTo(landing, { code, state: request.state }), code, state: request.state };
  }

  /** The person clicks "Cancel": Slack redirects with `error=access_denied` and the state. */
  deny(p: { authorizeUrl: string }): { redirectUrl: string; state: string | undefined } {
    const request = this.parseAuthorizeUrl(p.authorizeUrl);
    return {
      redirectUrl: redirectTo(this.landing(request), { error: 'access_denied', state: request.state }),
      state: request.state,
    };
  }

  /** Checks the app's Client ID and Client Secret; returns the Slack error when they are wrong. */
  checkClient(args: Record<string, any>, basic: ClientCredentials | undefined): string | undefined {
    const clientId = basic?.clientId ?? (typeof args.client_id === 'string' ? args.client_id : undefined);
    const clientSecret =
      basic?.clientSecret ?? (typeof args.client_secret === 'string' ? args.client_secret : undefined);
    if (clientId !== this.platform.app.clientId) return 'invalid_client_id';
    if (clientSecret !== this.platform.app.clientSecret) return 'bad_client_secret';
    return undefined;
  }

  /** oauth.v2.access: a code (grant_type authorization_code, the default) or a refresh token for tokens. */
  access(
    args: Record<string, any>,
    basic: ClientCredentials | undefined,
  ): { body: Record<string, any>; teamId?: string } {
    const clientError = this.checkClient(args, basic);
    if (clientError) return { body: { ok: false, error: clientError } };
    const grantType = args.grant_type ?? 'authorization_code';
    if (grantType === 'refresh_token') return this.refreshGrant(args);
    if (grantType !== 'authorization_code') return { body: { ok: false, error: 'invalid_grant_type' } };
    const entry = typeof args.code === 'string' ? this.codes.get(args.code) : undefined;
    if (!entry || entry.used || this.platform.now() - entry.issuedAt > CODE_TTL_MS) {
      return { body: { ok: false, error: 'invalid_code' }, teamId: entry?.teamId };
    }
    if (entry.redirectUri !== undefined && args.redirect_uri !== entry.redirectUri) {
      return { body: { ok: false, error: 'bad_redirect_uri' }, teamId: entry.teamId };
    }
    entry.used = true;
    const installation = this.platform.install(entry.teamId, {
      installerUserId: entry.userId,
      botScopes: entry.botScopes,
      userScopes: entry.userScopes,
    });
    return { body: this.accessResponse(installation, entry.userId, entry.botScopes.length > 0), teamId: entry.teamId };
  }

  /** The oauth.v2.access response, bot token first (Slack's shape). */
  accessResponse(installation: Installation, userId: string, withBot = true): Record<string, any> {
    const state = this.requireWorkspace(installation.teamId);
    const userGrant = installation.users.get(userId);
    const authedUser: Record<string, any> = { id: userId };
    if (userGrant) {
      authedUser.scope = userGrant.scopes.join(',');
      authedUser.access_token = userGrant.token;
      authedUser.token_type = 'user';
      addRotation(authedUser, userGrant);
    }
    const body: Record<string, any> = { ok: true, app_id: this.platform.app.appId, authed_user: authedUser };
    if (withBot) {
      body.scope = installation.bot.scopes.join(',');
      body.token_type = 'bot';
      body.access_token = installation.bot.token;
      body.bot_user_id = state.identity.botUserId;
      addRotation(body, installation.bot);
    }
    Object.assign(body, orgFields(state));
    return body;
  }

  private refreshGrant(args: Record<string, any>): { body: Record<string, any>; teamId?: string } {
    const refreshed = this.platform.refresh(typeof args.refresh_token === 'string' ? args.refresh_token : '');
    if ('error' in refreshed) return { body: { ok: false, error: refreshed.error } };
    const { record, granted } = refreshed;
    const state = this.requireWorkspace(record.teamId);
    const body: Record<string, any> = {
      ok: true,
      app_id: this.platform.app.appId,
      scope: granted.scopes.join(','),
      token_type: record.type,
      access_token: granted.token,
    };
    if (record.type === 'bot') body.bot_user_id = record.userId;
    else body.user_id = record.userId;
    addRotation(body, granted);
    Object.assign(body, orgFields(state));
    return { body, teamId: record.teamId };
  }

  enableTokenRotation(expiresInSeconds = ROTATING_TOKEN_SECONDS): void {
    this.platform.rotation = { expiresInSeconds };
  }

  private requireWorkspace(teamId: string): State {
    const state = this.platform.workspace(teamId);
    if (!state)
      throw new Error(`Unknown workspace ${teamId}: call double.addWorkspace({ teamId: '${teamId}', ... }) first.`);
    return state;
  }
}

function addRotation(target: Record<string, any>, grant: GrantedToken): void {
  if (grant.refreshToken === undefined || grant.expiresIn === undefined) return;
  target.refresh_token = grant.refreshToken;
  target.expires_in = grant.expiresIn;
}

/** team, enterprise and is_enterprise_install as oauth.v2.access answers them (workspace-level installs). */
function orgFields(state: State): Record<string, any> {
  const { identity } = state;
  return {
    team: { id: identity.teamId, name: identity.teamName },
    enterprise: identity.enterpriseId ? { id: identity.enterpriseId, name: identity.enterpriseName ?? '' } : null,
    is_enterprise_install: false,
  };
}

/**
 * Slack accepts a redirect_uri that is a configured Redirect URL or lies below one (same scheme, host and port, the
 * path the same or a sub-path).
 */
export function matchesRedirectUrl(candidate: string, configured: string): boolean {
  try {
    const a = new URL(candidate);
    const b = new URL(configured);
    if (a.protocol !== b.protocol || a.host !== b.host) return false;
    const base = b.pathname.endsWith('/') ? b.pathname : `${b.pathname}/`;
    return a.pathname === b.pathname || a.pathname.startsWith(base);
  } catch {
    return false;
  }
}
