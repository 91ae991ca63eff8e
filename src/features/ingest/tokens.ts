import { createHash, randomBytes } from 'node:crypto';

/** Every workspace ingest token starts with this, so a leaked one is recognisable (and secret scanners can match it). */
export const INGEST_TOKEN_PREFIX = 'lk_ing_';
/** How much of a token is kept in clear to tell tokens apart: "lk_ing_" and four characters. */
const SHOWN_CHARACTERS = INGEST_TOKEN_PREFIX.length + 4;
export const MAX_TOKEN_NAME_LENGTH = 50;

export interface MintedIngestToken {
  /** Shown to the admin once, never stored. */
  token: string;
  hash: string;
  prefix: string;
}

/**
 * SHA-256 (hex) of a token. A plain hash is right here: tokens are 256 random bits, so there is nothing to guess, and
 * a lookup by hash needs no per-token salt.
 */
export const hashIngestToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A new token: "lk_ing_" and 32 random bytes in base64url (43 characters). */
export function mintIngestToken(): MintedIngestToken {
  const token = `${INGEST_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashIngestToken(token), prefix: token.slice(0, SHOWN_CHARACTERS) };
}

/** The name as stored (trimmed), or what is wrong with it, in words for the modal's inline error. */
export function checkTokenName(
  raw: string | null | undefined,
): { ok: true; name: string } | { ok: false; error: string } {
  const name = (raw ?? '').trim().replace(/\s+/g, ' ');
  if (name.length === 0) return { ok: false, error: 'Give the token a name, e.g. "HubSpot workflow".' };
  if ([...name].length > MAX_TOKEN_NAME_LENGTH)
    return { ok: false, error: `Keep the name to ${MAX_TOKEN_NAME_LENGTH} characters or fewer.` };
  return { ok: true, name };
}
