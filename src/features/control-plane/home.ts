import { type KnownBlock, section } from '../../slack/blocks.js';
import type { HomeSection } from '../home-section.js';
import type { ControlPlane } from './repository.js';
import { stateText } from './slack/blocks/setup.js';
import { CONTROL_PLANE_ACTION } from './slack/ids.js';

/**
 * Where the team's canvas is, for everyone once it exists; admins also get the button that creates it (or sets it
 * up again after it stopped).
 */
export function controlPlaneHomeSection(find: (teamId: string) => Promise<ControlPlane | undefined>): HomeSection {
  return {
    key: 'control-plane',
    startsGroup: true,
    async load(viewer) {
      const plane = await find(viewer.teamId);
      const active = plane?.status === 'active';
      if (!viewer.isAdmin && !active) return { blocks: [] };
      const block: KnownBlock = section(stateText(viewer.teamId, plane));
      if (viewer.isAdmin && !active) {
        block.accessory = {
          type: 'button',
          action_id: CONTROL_PLANE_ACTION.open,
          text: { type: 'plain_text', text: plane?.status === 'off' ? 'Set up again' : 'Create the GTM Control Plane' },
          ...(plane?.status === 'off' ? {} : { style: 'primary' as const }),
        };
      }
      return { blocks: [block] };
    },
  };
}
