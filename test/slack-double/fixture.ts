import type { App, AppOptions } from '@slack/bolt';
import { afterEach } from 'vitest';
import { SlackDouble, type SlackDoubleOptions } from '../../src/slack-double/index.js';
import { startBoltApp } from './test-app.js';

/**
 * Per-test double + Bolt app, stopped in afterEach. Seeds alice (U0ALICE), bob (U0BOB, admin),
 * #general (C0GENERAL, bot is a member), #random (C0RANDOM, bot not a member), #secret (G0SECRET, private, not a member),
 * #old (C0OLD, archived).
 */
export function useDouble() {
  let double: SlackDouble | undefined;
  let app: App | undefined;
  afterEach(async () => {
    await app?.stop();
    await double?.stop();
    app = undefined;
    double = undefined;
  });
  return async function setup(
    register: (app: App) => void,
    opts: { double?: SlackDoubleOptions; clientOptions?: NonNullable<AppOptions['clientOptions']> } = {},
  ) {
    double = await SlackDouble.start(opts.double);
    double.addUser({ id: 'U0ALICE', name: 'alice', tz: 'Europe/Berlin' });
    double.addUser({ id: 'U0BOB', name: 'bob', isAdmin: true });
    double.addChannel({ id: 'C0GENERAL', name: 'general' });
    double.addChannel({ id: 'C0RANDOM', name: 'random', isMember: false });
    double.addChannel({ id: 'G0SECRET', name: 'secret', isPrivate: true, isMember: false });
    double.addChannel({ id: 'C0OLD', name: 'old', isArchived: true });
    const started = await startBoltApp(double, register, opts.clientOptions);
    app = started.app;
    return { double, app, logger: started.logger };
  };
}
