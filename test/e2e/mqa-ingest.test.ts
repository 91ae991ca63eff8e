import { describe, expect, it } from 'vitest';
import { blockText } from '../helpers/assess-journey.js';
import { useLoopkeeper } from '../helpers/loopkeeper.js';
import { configureMqa, INGEST_TOKEN, messagesIn, postMqa, REVIEW, seedMqaWorkspace } from './mqa-helpers.js';

const start = useLoopkeeper();

const DIRECT = {
  team_id: 'T0TEST',
  accountName: 'Globex',
  domain: 'globex.io',
  source: 'direct_request',
  evidence: 'Demo request',
};

describe('POST /api/mqa', () => {
  it('refuses a missing or wrong token with 401 and writes nothing; bad items get 422 with reasons', async () => {
    const { app } = await start({ env: { INGEST_TOKEN } });
    expect((await postMqa(app.http.port, DIRECT, null)).status).toBe(401);
    const wrong = await postMqa(app.http.port, DIRECT, 'ingest-token-wrong-wrong-wrong');
    expect(wrong).toEqual({ status: 401, json: expect.objectContaining({ error: 'unauthorized' }) });
    const bad = await postMqa(
      app.http.port,
      { items: [{ accountName: '', domain: 'x', source: 'fax' }] },
      INGEST_TOKEN,
    );
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: any) => e.field).sort()).toEqual(['accountName', 'domain', 'source']);
    expect((await postMqa(app.http.port, '{not json', INGEST_TOKEN)).status).toBe(400);
    expect(await app.db.selectFrom('mqa_items').selectAll().execute()).toEqual([]);
  });

  it('numbers items from 1 in a 422 and a 409, as people count, and stores nothing', async () => {
    const { app } = await start({ env: { INGEST_TOKEN } });
    const good = { accountName: 'Acme', domain: 'acme.io', source: 'engagement' };
    const bad = await postMqa(
      app.http.port,
      { team_id: 'T0TEST', items: [good, { ...good, domain: 'not a domain' }] },
      INGEST_TOKEN,
    );
    expect(bad.status).toBe(422);
    expect(bad.json.errors).toEqual([
      { item: 2, field: 'domain', message: 'domain must be a domain such as example.com' },
    ]);
    expect(bad.json.message).toBe('Nothing was stored. item 2: domain must be a domain such as example.com.');
    expect(await app.db.selectFrom('mqa_items').selectAll().execute()).toEqual([]);

    expect(
      (await postMqa(app.http.port, { team_id: 'T0TEST', ...good, externalId: 'crm-1' }, INGEST_TOKEN)).status,
    ).toBe(200);
    const conflict = await postMqa(
      app.http.port,
      {
        team_id: 'T0TEST',
        items: [
          { ...good, domain: 'beta.io' },
          { ...good, externalId: 'crm-2' },
        ],
      },
      INGEST_TOKEN,
    );
    expect(conflict.status).toBe(409);
    expect(conflict.json.errors).toEqual([
      { item: 2, message: 'domain acme.io is already on the list with external id crm-1' },
    ]);
    expect(conflict.json.message).toContain('item 2: domain acme.io');
    expect(await app.db.selectFrom('mqa_items').select('domain').execute()).toEqual([{ domain: 'acme.io' }]);
  });

  it('stores a direct request with high priority, posts it for review flagged, and upserts on a second push', async () => {
    const { double, app } = await start({ env: { INGEST_TOKEN } });
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    const first = await postMqa(app.http.port, DIRECT, INGEST_TOKEN);
    expect(first).toEqual({ status: 200, json: expect.objectContaining({ ok: true, created: 1, updated: 0 }) });
    // The answer never waits on Slack: the scheduled job posts the review.
    expect(messagesIn(double, REVIEW)).toEqual([]);
    await app.tick();
    const review = messagesIn(double, REVIEW).at(-1)!;
    expect(blockText(review.blocks)).toContain(':rotating_light: *Direct request*');
    const again = await postMqa(app.http.port, { ...DIRECT, evidence: 'Second demo request' }, INGEST_TOKEN);
    expect(again.json).toMatchObject({ created: 0, updated: 1 });
    expect(await app.db.selectFrom('mqa_items').select(['priority', 'evidence']).execute()).toEqual([
      { priority: 'high', evidence: 'Second demo request' },
    ]);
    expect(messagesIn(double, REVIEW)).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });

  it('answers 503 with what to set when INGEST_TOKEN is not configured', async () => {
    const { app } = await start();
    const off = await postMqa(app.http.port, DIRECT, INGEST_TOKEN);
    expect(off.status).toBe(503);
    expect(off.json.message).toContain('set INGEST_TOKEN');
  });
});
