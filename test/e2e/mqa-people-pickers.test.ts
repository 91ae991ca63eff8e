import { describe, expect, it } from 'vitest';
import { ALICE, useLoopkeeper } from '../helpers/loopkeeper.js';
import { addAccount, CAROL_REVIEWER, configureMqa, DAVE_SELLER, ERIN_SELLER, seedMqaWorkspace } from './mqa-helpers.js';

const start = useLoopkeeper();

describe('MQA modals: people pickers', () => {
  it('stores the review director and escalation person from settings, and the owner from the add modal', async () => {
    const { double, app } = await start();
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle, {
      'mqa_director/value': CAROL_REVIEWER,
      'mqa_escalation_user/value': ERIN_SELLER,
    });
    expect(await app.db.selectFrom('mqa_settings').select(['director_id', 'escalation_user_id']).execute()).toEqual([
      { director_id: CAROL_REVIEWER, escalation_user_id: ERIN_SELLER },
    ]);

    const { ack } = await addAccount(double, app.idle, ALICE, {
      'mqa_account/value': 'Globex',
      'mqa_domain/value': 'globex.example',
      'mqa_source/value': 'engagement',
      'mqa_owner/value': DAVE_SELLER,
    });
    expect(ack).toBeUndefined();
    expect(await app.db.selectFrom('mqa_items').select(['domain', 'owner_id']).execute()).toEqual([
      { domain: 'globex.example', owner_id: DAVE_SELLER },
    ]);
    expect(double.violations).toEqual([]);
  });
});
