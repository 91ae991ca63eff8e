import type { SettingsService } from '../../settings/service.js';
import type { KpiService } from '../service.js';

/** What the KPI commands use. */
export interface KpiListenerDeps {
  kpis: KpiService;
  settings: SettingsService;
}
