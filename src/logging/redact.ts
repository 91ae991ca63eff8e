// Slack tokens (bot, user, app-level, config, refresh) and bearer headers never reach a log line.
const TOKEN_PATTERN = /\b(xox[a-z]-|xapp-|xoxe\.xox[a-z]-)[A-Za-z0-9-]+/g;
const BEARER_PATTERN = /(Bearer\s+)[^\s"',]+/gi;

export function redactSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, '$1[redacted]').replace(BEARER_PATTERN, '$1[redacted]');
}
