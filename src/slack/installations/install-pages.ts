import type { ServerResponse } from 'node:http';

/** The pages a person sees in the browser at the end of "Add to Slack". Plain HTML; every value is escaped. */

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
      '<meta name="viewport" content="width=device-width, initial-scale=1">' +
      '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1d1c1d}' +
      'a{color:#1264a3}</style></head>' +
      `<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  );
}

export function installedPage(res: ServerResponse, teamName: string, appId: string | undefined, teamId: string) {
  const open = appId
    ? `https://slack.com/app_redirect?app=${encodeURIComponent(appId)}&team=${encodeURIComponent(teamId)}`
    : 'https://slack.com/';
  page(
    res,
    200,
    'Loopkeeper is installed',
    `<p>Loopkeeper is now part of <strong>${escapeHtml(teamName)}</strong>.</p>` +
      `<p><a href="${escapeHtml(open)}">Open Slack</a> and type <code>/loop help</code> in any channel.</p>`,
  );
}

/** Why an install did not finish, in words, with the way to try again. */
export function installFailedPage(res: ServerResponse, code: string | undefined, installPath: string) {
  const reasons: Record<string, string> = {
    slack_oauth_installer_authorization_error:
      'Slack did not authorise the installation: it was cancelled, or Slack refused the app’s credentials.',
    slack_oauth_invalid_state:
      'The installation link had expired or was opened in another browser. Links are valid for a few minutes.',
    slack_oauth_missing_state: 'The link Slack sent back was incomplete.',
    slack_oauth_missing_code: 'The link Slack sent back was incomplete.',
    loopkeeper_org_wide_install:
      'Loopkeeper is installed into each workspace on its own; installing it for a whole Enterprise Grid org at once is not supported. Install it from a workspace instead.',
  };
  const reason = reasons[code ?? ''] ?? 'Something went wrong while finishing the installation.';
  page(
    res,
    code === 'loopkeeper_org_wide_install' ? 400 : 403,
    'Loopkeeper was not installed',
    `<p>${escapeHtml(reason)}</p><p><a href="${escapeHtml(installPath)}">Try again</a>.</p>`,
  );
}
