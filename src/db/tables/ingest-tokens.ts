import type { Generated } from 'kysely';

/** A workspace's ingest token: made and revoked in `/loop settings`; only its hash is kept. */
export interface IngestTokensTable {
  id: Generated<number>;
  team_id: string;
  /** What the admin called it, e.g. "HubSpot workflow" (user text: escape it in mrkdwn). */
  name: string;
  /** SHA-256 of the token, hex. */
  token_hash: string;
  /** The token's first characters, e.g. "lk_ing_ab12", so people can tell tokens apart. */
  token_prefix: string;
  created_by: string;
  created_at: string;
  /** Updated at most once a minute per token. */
  last_used_at: string | null;
  revoked_at: string | null;
}
