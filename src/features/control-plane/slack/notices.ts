import type { Notifier } from '../../../slack/notifier.js';
import type { ControlPlaneNotices } from '../ports.js';
import { announcementMessage, offNoticeMessage } from './blocks/setup.js';

/** The channel's announcement and the admin's DM, through the notifier (paced, failures classified). */
export function createControlPlaneNotices(notifier: Notifier): ControlPlaneNotices {
  return {
    async announce({ teamId, channelId, canvasId, kind, by }) {
      return (await notifier.postMessage(channelId, announcementMessage(teamId, canvasId, kind, by))).ok;
    },
    async tellOff({ userId, channelId, reason }) {
      return (await notifier.postMessage(userId, offNoticeMessage(channelId, reason), { priority: 'user' })).ok;
    },
  };
}
