import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import {
  App,
  type Logger as BoltLogger,
  type CodedError,
  HTTPReceiver,
  type Installation,
  type InstallationStore,
  type Receiver,
  SocketModeReceiver,
  webApi,
} from '@slack/bolt';
import type { Config, OAuthConfig } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { installedPage, installFailedPage } from './installations/install-pages.js';
import { NoInstallationError } from './installations/installation-store.js';
import { BOT_SCOPES } from './scopes.js';
import { slackLoggerFrom } from './slack-logger.js';
import { WorkspaceNotInstalledError } from './workspaces.js';

export type SlackConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface SlackRuntime {
  app: App;
  client: webApi.WebClient;
  /** HTTP mode only: Bolt's request handler, mounted on our own server next to /healthz. */
  httpListener: RequestListener | undefined;
  connectionState(): SlackConnectionState;
  /** A Web API client for `token`, with the same options (API URL, retries, logger) as the app's own. */
  clientWithToken(token: string): webApi.WebClient;
  /** Distributed mode: a workspace's bot token from its installation (refreshed first when it is about to expire). */
  botTokenFor?: (teamId: string) => Promise<string>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface SlackRuntimeOptions {
  logger: Logger;
  logLevel: Config['logLevel'];
  /** Tests shorten the Web API client's retry policy; production keeps the SDK's default. */
  retryConfig?: webApi.RetryOptions;
  /** Distributed mode: install through OAuth into many workspaces, each request authorised by its installation. */
  distribution?: {
    oauth: OAuthConfig;
    installationStore: InstallationStore;
    /** After an installation is stored (a reinstall included). */
    onInstalled?: (teamId: string) => Promise<void>;
  };
}

/** Builds the Bolt App for Socket Mode or HTTP; every Slack client it creates uses SLACK_API_URL when set. */
export function createSlackRuntime(config: Config['slack'], options: SlackRuntimeOptions): SlackRuntime {
  const logger = slackLoggerFrom(options.logger.child('slack'), options.logLevel);
  const clientOptions: webApi.WebClientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    // Always explicit: left unset, Bolt's Socket Mode client writes its own 100-retry policy into this shared
    // object, and every client handed to a listener would inherit it.
    retryConfig: options.retryConfig ?? webApi.retryPolicies.tenRetriesInAboutThirtyMinutes,
  };
  let state: SlackConnectionState = 'disconnected';
  let receiver: Receiver;
  let httpListener: RequestListener | undefined;
  let botTokenFor: ((teamId: string) => Promise<string>) | undefined;

  if (config.mode === 'socket') {
    const socket = new SocketModeReceiver({
      appToken: config.appToken as string,
      logger,
      // The Socket Mode client calls apps.connections.open through these options, so it honours SLACK_API_URL too.
      installerOptions: { clientOptions },
    });
    socket.client.on('connected', () => (state = 'connected'));
    socket.client.on('reconnecting', () => (state = 'connecting'));
    socket.client.on('disconnected', () => (state = 'disconnected'));
    // A dropped socket emits only 'close' until the client decides to reconnect (seconds later).
    socket.client.on('close', () => (state = 'disconnected'));
    receiver = socket;
  } else {
    const http = new HTTPReceiver({
      signingSecret: config.signingSecret as string,
      logger,
      ...(options.distribution ? installerOptions(options.distribution, clientOptions, config.apiUrl, logger) : {}),
    });
    httpListener = http.requestListener;
    receiver = http;
    const installer = http.installer;
    if (installer) {
      botTokenFor = async (teamId) => {
        try {
          const auth = await installer.authorize({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
          if (auth.botToken) return auth.botToken;
        } catch (error) {
          if (!((error as { original?: unknown }).original instanceof NoInstallationError)) throw error;
        }
        throw new WorkspaceNotInstalledError(teamId);
      };
    }
  }

  const app = new App({
    // Distributed mode has no token of its own: Bolt authorises each request through the receiver's installer.
    ...(options.distribution ? {} : { token: config.botToken }),
    receiver,
    logger,
    clientOptions,
    extendedErrorHandler: true,
  });

  return {
    app,
    client: app.client,
    httpListener,
    connectionState: () => state,
    ...(botTokenFor ? { botTokenFor } : {}),
    clientWithToken: (token) => new webApi.WebClient(token, { ...clientOptions, logger }),
    async start() {
      state = 'connecting';
      if (config.mode === 'socket') {
        await app.start();
      } else if (options.distribution) {
        // No token to prove: each workspace's comes with its installation.
        state = 'connected';
      } else {
        // Our own HTTP server carries Bolt's listener; here we only prove the token works.
        await app.client.auth.test();
        state = 'connected';
      }
    },
    async stop() {
      if (config.mode === 'socket') await app.stop();
      state = 'disconnected';
    },
  };
}

/** Where Slack's "Add to Slack" page is: slack.com, or the host of SLACK_API_URL (GovSlack, the test double). */
function authorizationUrl(apiUrl: string | undefined): string | undefined {
  return apiUrl ? new URL('/oauth/v2/authorize', apiUrl).toString() : undefined;
}

function installerOptions(
  distribution: NonNullable<SlackRuntimeOptions['distribution']>,
  clientOptions: webApi.WebClientOptions,
  apiUrl: string | undefined,
  logger: BoltLogger,
) {
  const { oauth, installationStore, onInstalled } = distribution;
  const installPath = '/slack/install';
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    installationStore,
    scopes: BOT_SCOPES,
    installerOptions: {
      installPath,
      redirectUriPath: '/slack/oauth_redirect',
      // The install page shows an "Add to Slack" button rather than redirecting at once: a person sees what happens.
      directInstall: false,
      clientOptions,
      ...(authorizationUrl(apiUrl) ? { authorizationUrl: authorizationUrl(apiUrl) } : {}),
      callbackOptions: {
        afterInstallation: async (
          installation: Installation,
          _options: unknown,
          _req: IncomingMessage,
          res: ServerResponse,
        ) => {
          if (!installation.isEnterpriseInstall) return true;
          installFailedPage(res, 'loopkeeper_org_wide_install', installPath);
          return false;
        },
        // Awaited before the page is sent: once the person sees "installed", the workspace is active again.
        successAsync: async (
          installation: Installation,
          _options: unknown,
          _req: IncomingMessage,
          res: ServerResponse,
        ) => {
          const team = installation.team as { id: string; name?: string };
          try {
            await onInstalled?.(team.id);
          } catch (error) {
            logger.error('after install', error);
          }
          installedPage(res, team.name ?? team.id, installation.appId, team.id);
        },
        failure: (error: CodedError, _options: unknown, _req: IncomingMessage, res: ServerResponse) => {
          installFailedPage(res, error.code, installPath);
        },
      },
    },
  };
}
