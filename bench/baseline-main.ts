// The bare Bolt baseline as a process of its own, started by the benchmark with the double's tokens and URL.
import { bareBoltApp } from './apps.js';

const { SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_API_URL } = process.env;
if (!SLACK_BOT_TOKEN || !SLACK_APP_TOKEN || !SLACK_API_URL) {
  process.stderr.write('baseline-main needs SLACK_BOT_TOKEN, SLACK_APP_TOKEN and SLACK_API_URL\n');
  process.exit(1);
}
const app = bareBoltApp({ botToken: SLACK_BOT_TOKEN, appToken: SLACK_APP_TOKEN, apiUrl: SLACK_API_URL });
await app.start();
const stop = () => {
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
