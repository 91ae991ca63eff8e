import { describe, expect, it } from 'vitest';
import { BOB_ADMIN, useLoopkeeper } from '../helpers/loopkeeper.js';
import { GTM_REVIEW_VALUES, openAddRitual } from '../helpers/rituals-journey.js';

const start = useLoopkeeper();

describe('the ritual modal', () => {
  it('echoes bad skip dates exactly as they were typed, and stores nothing', async () => {
    const { double, app } = await start();
    const view = await openAddRitual(double);
    const bad = await double.submitView({ userId: BOB_ADMIN, viewId: view.id, values: { ...GTM_REVIEW_VALUES, 'ritual_skip_dates/value': '2027-01-05, 2027-02-30, next tuesday' } });
    expect(bad.ack.response_action).toBe('errors');
    expect(bad.ack.errors).toEqual({ ritual_skip_dates: 'Not a date: "2027-02-30", "next tuesday". Use YYYY-MM-DD, separated by commas.' });
    expect(await app.db.selectFrom('rituals').selectAll().execute()).toEqual([]);
    expect(double.violations).toEqual([]);
  });
});
