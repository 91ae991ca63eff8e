export interface InstallationsTable {
  installation_key: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: number;
  app_id: string | null;
  bot_user_id: string | null;
  installer_user_id: string;
  /** The whole installation Slack returned, tokens included, sealed by the token cipher. */
  sealed_installation: string;
  bot_token_expires_at: string | null;
  installed_at: string;
  updated_at: string;
}
