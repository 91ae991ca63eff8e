// What every feature shares among the ids Slack sends back to us; manifest.yml must match COMMAND. Each feature's
// own action, view and block ids are in src/features/<name>/slack/ids.ts.
export const COMMAND = '/loop';

/** Inside an input block the element's action id; one per element kind keeps parsing simple. */
export const INPUT_ACTION = 'value';
