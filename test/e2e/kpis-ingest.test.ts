import { describe, expect, it } from 'vitest';
import { useLoopkeeper } from '../helpers/loopkeeper.js';

const start = useLoopkeeper();
const TOKEN = 'ingest-token-0123456789abcdef';

async function post(port: number, kind: string, body: unknown, token?: string) {
  const response = await fetch(`http://127.0.0.1:${port}/api/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any };
}

const DEALS = {
  team_id: 'T0TEST',
  rows: [
    {
      id: 'D1',
      account: 'acme.com',
      amount: 24000,
      currency: 'EUR',
      created_at: '2026-11-06',
      closed_at: '2026-11-18',
      outcome: 'won',
      ols: 'webinar',
      cs: 'webinar',
    },
    {
      id: 'D2',
      account: 'globex.io',
      amount: '18000.50',
      currency: 'EUR',
      created_at: '2026-11-11',
      outcome: 'open',
      ols: 'paid_search',
    },
  ],
};

describe('POST /api/<kind>', () => {
  it('a missing or wrong token gets 401 and writes nothing', async () => {
    const { app } = await start({ env: { INGEST_TOKEN: TOKEN } });
    expect((await post(app.http.port, 'deals', DEALS)).status).toBe(401);
    expect(await post(app.http.port, 'deals', DEALS, 'ingest-token-wrong-wrong-wrong')).toEqual({
      status: 401,
      json: expect.objectContaining({ error: 'unauthorized' }),
    });
    expect(await app.db.selectFrom('gtm_deals').selectAll().execute()).toEqual([]);
  });

  it('a bad row gets 422 naming the row and field, and nothing of the request is written', async () => {
    const { app } = await start({ env: { INGEST_TOKEN: TOKEN } });
    const bad = await post(
      app.http.port,
      'deals',
      { team_id: 'T0TEST', rows: [DEALS.rows[0], { ...DEALS.rows[1], currency: 'euro', amount: -5 }] },
      TOKEN,
    );
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: any) => [e.row, e.field])).toEqual([
      [2, 'amount'],
      [2, 'currency'],
    ]);
    // Rows are numbered as people count them, also in the sentence a CRM log shows.
    expect(bad.json.message).toMatch(
      /^Nothing was stored\. row 2, amount: .*; row 2, currency: "euro" is not a currency/,
    );
    const first = await post(
      app.http.port,
      'deals',
      { team_id: 'T0TEST', rows: [{ ...DEALS.rows[0], outcome: 'maybe' }] },
      TOKEN,
    );
    expect(first.json.errors.map((e: any) => [e.row, e.field])).toEqual([[1, 'outcome']]);
    expect(first.json.message).toContain('row 1, outcome:');
    expect(await app.db.selectFrom('gtm_deals').selectAll().execute()).toEqual([]);
    expect((await post(app.http.port, 'deals', '{nope', TOKEN)).status).toBe(400);
    expect((await post(app.http.port, 'deals', { rows: [] }, TOKEN)).status).toBe(400);
    expect((await post(app.http.port, 'contacts', DEALS, TOKEN)).status).toBe(404);
  });

  it('stores valid rows and upserts them by id on a second push', async () => {
    const { app } = await start({ env: { INGEST_TOKEN: TOKEN } });
    expect(await post(app.http.port, 'deals', DEALS, TOKEN)).toEqual({
      status: 200,
      json: { ok: true, kind: 'deals', created: 2, updated: 0, warnings: [] },
    });
    const again = await post(
      app.http.port,
      'deals',
      { team_id: 'T0TEST', rows: [{ ...DEALS.rows[1], amount: 20000, outcome: 'lost', closed_at: '2026-11-20' }] },
      TOKEN,
    );
    expect(again.json).toMatchObject({ created: 0, updated: 1 });
    const rows = await app.db
      .selectFrom('gtm_deals')
      .select(['id', 'amount_minor', 'outcome', 'team_id'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'D1', amount_minor: 2_400_000, outcome: 'won', team_id: 'T0TEST' },
      { id: 'D2', amount_minor: 2_000_000, outcome: 'lost', team_id: 'T0TEST' },
    ]);
    const leads = await post(
      app.http.port,
      'leads',
      { team_id: 'T0TEST', rows: [{ id: 'L1', account: 'Acme.com', mql_at: '2026-11-02T09:30:00Z' }] },
      TOKEN,
    );
    expect(leads.json).toMatchObject({ ok: true, created: 1 });
    expect(await app.db.selectFrom('gtm_leads').select(['account', 'mql_at']).execute()).toEqual([
      { account: 'acme.com', mql_at: '2026-11-02T09:30:00.000Z' },
    ]);
  });
});
