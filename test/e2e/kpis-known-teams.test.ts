import { describe, expect, it } from 'vitest';
import { ALICE, useLoopkeeper } from '../helpers/loopkeeper.js';
import { openModal } from './mqa-helpers.js';

const start = useLoopkeeper();
const TOKEN = 'ingest-token-0123456789abcdef';

async function post(port: number, path: string, body: unknown) {
  const response = await fetch(`http://127.0.0.1:${port}/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any };
}

const DEAL = { id: 'D1', account: 'acme.com', amount: 100, currency: 'EUR', created_at: '2026-11-06', outcome: 'open' };

describe('KPI ingest without team_id on a one-team database', () => {
  it('is refused with team_required while no workspace is known', async () => {
    const { app } = await start({ env: { INGEST_TOKEN: TOKEN } });
    expect(await post(app.http.port, 'deals', { rows: [DEAL] })).toMatchObject({
      status: 400,
      json: { error: 'team_required' },
    });
  });

  it('works before /loop settings was ever saved, once the workspace has used Loopkeeper (here: an MQA item)', async () => {
    const { double, app } = await start({ env: { INGEST_TOKEN: TOKEN } });
    // The workspace used Loopkeeper (an account added for review), but nobody saved /loop settings: no `teams` row.
    const view = await openModal(double, ALICE, 'mqa add');
    await double.submitView({
      userId: ALICE,
      viewId: view.id,
      values: { 'mqa_account/value': 'Acme', 'mqa_domain/value': 'acme.io', 'mqa_source/value': 'engagement' },
    });
    await app.idle();
    expect(await app.db.selectFrom('teams').select('team_id').execute()).toEqual([]);
    const stored = await post(app.http.port, 'deals', { rows: [DEAL] });
    expect(stored).toMatchObject({ status: 200 });
    expect(await app.db.selectFrom('gtm_deals').select(['id', 'team_id']).execute()).toEqual([
      { id: 'D1', team_id: 'T0TEST' },
    ]);
    expect(double.violations).toEqual([]);
  });
});
