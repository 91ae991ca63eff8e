/** Which sections a run rewrites: those whose content hash changed, and then the header that dates them. */

import { createHash } from 'node:crypto';
import { SECTION_KEYS, type SectionKey } from './sections.js';

export type SectionHashes = Partial<Record<SectionKey, string>>;

export const hashOf = (content: string): string => createHash('sha256').update(content).digest('hex').slice(0, 24);

/**
 * The sections to rewrite, in canvas order, with the header last: it says when the canvas was last updated, so it is
 * rewritten whenever another section is (and when its own content, the review post link, changed). `current` holds
 * each section's hash; the header's leaves out the time, or it would change every minute.
 */
export function sectionsToRewrite(previous: SectionHashes, current: Record<SectionKey, string>): SectionKey[] {
  const body = SECTION_KEYS.filter((k) => k !== 'header' && previous[k] !== current[k]);
  const header = body.length > 0 || previous.header !== current.header;
  return header ? [...body, 'header'] : body;
}

/** Stored hashes, read leniently: an unreadable value means "rewrite everything". */
export function parseHashes(json: string): SectionHashes {
  try {
    const value = JSON.parse(json) as unknown;
    if (!value || typeof value !== 'object') return {};
    return Object.fromEntries(
      Object.entries(value).filter(
        (e): e is [SectionKey, string] => SECTION_KEYS.includes(e[0] as SectionKey) && typeof e[1] === 'string',
      ),
    );
  } catch {
    return {};
  }
}

/** Slack's answers that mean the canvas is gone or can't be written until someone acts: the feature turns off. */
const FINAL_ERRORS: Record<string, OffReason> = {
  canvas_not_found: 'canvas_deleted',
  canvas_deleted: 'canvas_deleted',
  missing_scope: 'missing_scope',
  not_authed: 'not_authorized',
  invalid_auth: 'not_authorized',
  account_inactive: 'not_authorized',
  token_revoked: 'not_authorized',
  no_permission: 'no_access',
  access_denied: 'no_access',
  restricted_action: 'no_access',
  canvas_disabled_user_team: 'canvases_disabled',
};

export type OffReason = 'canvas_deleted' | 'missing_scope' | 'not_authorized' | 'no_access' | 'canvases_disabled';

export const offReasonFor = (error: string): OffReason | undefined => FINAL_ERRORS[error];

/** Why it stopped, completing "The GTM Control Plane canvas stopped updating: …". */
export const OFF_REASON_TEXT: Record<OffReason, string> = {
  canvas_deleted: 'the canvas was deleted',
  missing_scope: 'Loopkeeper no longer has permission to edit canvases (reinstall it to grant canvases:write)',
  not_authorized: "Loopkeeper's access to this workspace was revoked",
  no_access: 'Loopkeeper lost access to the canvas',
  canvases_disabled: 'canvases are turned off in this workspace',
};
