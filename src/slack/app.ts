import type { RequestListener } from 'node:http';
import { App, HTTPReceiver, type Receiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { slackLoggerFrom } from './slack-logger.js';

export type SlackConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface SlackRuntime {
  app: App;
  client: webApi.WebClient;
  /** HTTP mode only: Bolt's request handler, mounted on our own server next to /healthz. */
  httpListener: RequestListener | undefined;
  connectionState(): SlackConnectionState;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface SlackRuntimeOptions {
  logger: Logger;
  logLevel: Config['logLevel'];
  /** Tests shorten the Web API client's retry policy; production keeps the SDK's default. */
  retryConfig?: webApi.RetryOptions;
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
    const http = new HTTPReceiver({ signingSecret: config.signingSecret as string, logger });
    httpListener = http.requestListener;
    receiver = http;
  }

  const app = new App({
    token: config.botToken,
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
    async start() {
      state = 'connecting';
      if (config.mode === 'socket') {
        await app.start();
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
