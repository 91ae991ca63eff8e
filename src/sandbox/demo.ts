import type { Loopkeeper } from '../bootstrap.js';
import type { Logger } from '../logging/logger.js';
import type { SlackDouble } from '../slack-double/index.js';
import type { SandboxClock } from './clock.js';

export interface DemoDeps {
  double: SlackDouble;
  app: Loopkeeper;
  clock: SandboxClock;
  logger: Logger;
}

export async function loadDemo(_deps: DemoDeps): Promise<void> {}
