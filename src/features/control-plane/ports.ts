/** What the Control Plane service needs from Slack, implemented in slack/. Failures throw with Slack's error code. */

import type { OffReason } from './domain/plan.js';

export interface SectionHeading {
  level: 'h1' | 'h2';
  text: string;
}

export interface CanvasPort {
  createChannelCanvas(channelId: string, title: string, markdown: string): Promise<string>;
  createStandaloneCanvas(channelId: string, title: string, markdown: string): Promise<string>;
  findSection(canvasId: string, heading: SectionHeading): Promise<string | undefined>;
  replaceSection(canvasId: string, sectionId: string, markdown: string): Promise<void>;
  insertSection(canvasId: string, where: 'start' | 'end', markdown: string): Promise<void>;
  permalink(channelId: string, ts: string): Promise<string | undefined>;
}

export interface ControlPlaneNotices {
  /** Says in the channel where the canvas is; false when Slack did not take the message. */
  announce(p: {
    teamId: string;
    channelId: string;
    canvasId: string;
    kind: 'channel' | 'standalone';
    by: string;
  }): Promise<boolean>;
  /** Tells the admin who set it up that it stopped, and how to set it up again; false when Slack refused. */
  tellOff(p: { userId: string; channelId: string; reason: OffReason }): Promise<boolean>;
}
