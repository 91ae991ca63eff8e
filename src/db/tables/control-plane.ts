import type { Generated } from 'kysely';

/** A team's GTM Control Plane canvas; the row is also the claim of the one writer (see the migration). */
export interface ControlPlaneCanvasesTable {
  team_id: string;
  /** The channel it lives in (channel canvas) or is shared in (standalone canvas). */
  channel_id: string;
  /** Null while it is being created. */
  canvas_id: string | null;
  /** 'channel' | 'standalone'; null while it is being created. */
  kind: string | null;
  /** 'creating' | 'active' | 'off' */
  status: string;
  /** The admin who set it up: told when it stops. */
  created_by: string;
  /** JSON: section key -> hash of the markdown last written there. */
  section_hashes: Generated<string>;
  next_run_at: string;
  lease_until: string | null;
  /** Failed runs in a row (passing failures), for the backoff. */
  attempts: Generated<number>;
  last_error: string | null;
  /** Why it turned itself off: 'canvas_deleted' | 'missing_scope' | 'not_authed'... */
  off_reason: string | null;
  /** 'pending' | 'sent': the admin's DM about turning off. */
  notice_state: string | null;
  /** When the canvas was last written. */
  written_at: string | null;
  created_at: string;
}
