import { COMMAND } from '../../slack/ids.js';
import type { HomeSection } from '../home-section.js';
import { SETTINGS_ACTION } from './slack/ids.js';

/** Settings has no body on Home: a button and a command, both for admins only, who are the only ones it lets in. */
export const settingsHomeSection: HomeSection = {
  key: 'settings',
  buttons: [{ text: 'Settings', actionId: SETTINGS_ACTION.open, adminOnly: true }],
  commands: [{ usage: `${COMMAND} settings`, adminOnly: true }],
  load: async () => ({ blocks: [] }),
};
