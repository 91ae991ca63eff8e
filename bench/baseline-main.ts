// The bare Bolt baseline as a process of its own, started by the benchmark with the double's tokens and URL.
// With BENCH_LOOP_DELAY=1 it measures its event-loop delay too and prints it as one JSON line when stopped, so the
// mixed-load bench can show what the framework alone reaches under the same clients.
import { bareBoltApp } from './bare-bolt-app.js';
import { startLoopDelay } from './loop-delay.js';

const { SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_API_URL } = process.env;
if (!SLACK_BOT_TOKEN || !SLACK_APP_TOKEN || !SLACK_API_URL) {
  process.stderr.write('baseline-main needs SLACK_BOT_TOKEN, SLACK_APP_TOKEN and SLACK_API_URL\n');
  process.exit(1);
}
const app = bareBoltApp({ botToken: SLACK_BOT_TOKEN, appToken: SLACK_APP_TOKEN, apiUrl: SLACK_API_URL });
await app.start();
const loopDelay = process.env.BENCH_LOOP_DELAY === '1' ? startLoopDelay() : undefined;
const stop = () => {
  if (loopDelay) process.stdout.write(`${JSON.stringify({ loopDelayMs: loopDelay() })}\n`);
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
