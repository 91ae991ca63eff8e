import type { DoubleChannel, DoubleUser } from '../slack-double/index.js';

/** The sandbox workspace: the channels a GTM team works in, and people to switch between (Maya is the admin). */
export const SANDBOX_TEAM = { teamId: 'T0SANDBOX', teamName: 'Loopkeeper Sandbox' };

export const SANDBOX_PEOPLE: DoubleUser[] = [
  {
    id: 'U0MAYA',
    name: 'maya',
    realName: 'Maya Fischer',
    isAdmin: true,
    tz: 'Europe/Berlin',
    email: 'maya@example.com',
  },
  { id: 'U0SAM', name: 'sam', realName: 'Sam Carter', tz: 'America/New_York', email: 'sam@example.com' },
  { id: 'U0ELENA', name: 'elena', realName: 'Elena Ruiz', tz: 'Europe/Madrid', email: 'elena@example.com' },
  { id: 'U0PRIYA', name: 'priya', realName: 'Priya Nair', tz: 'Europe/London', email: 'priya@example.com' },
];

export const SANDBOX_CHANNELS: DoubleChannel[] = [
  { id: 'C0GTMREVIEW', name: 'gtm-review' },
  { id: 'C0MKTREVIEW', name: 'marketing-review' },
  { id: 'C0SALESEMEA', name: 'sales-emea' },
  { id: 'C0SALESNA', name: 'sales-na' },
];

export const ADMIN = 'U0MAYA';
