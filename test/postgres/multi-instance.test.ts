import { afterEach, describe, expect, it } from 'vitest';
import { TEST_DIALECT, type TestDatabase, testDatabase } from '../helpers/test-database.js';
import { INTERRUPTS, useMultiInstanceScenario } from '../ops/multi-instance.js';

const run = useMultiInstanceScenario();
const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const database of databases.splice(0)) await database.dispose();
});

// Three src/main.ts processes start in about 10 s on two cores; each run takes 15-25 s.
describe('three Loopkeeper processes on one PostgreSQL database', { timeout: 90_000 }, () => {
  it.each(INTERRUPTS)(
    'post a due ritual, 100 MQA cards and a round summary exactly once, one SIGKILLed mid-delivery (%s: %s)',
    async (interrupt) => {
      expect(TEST_DIALECT).toBe('postgres');
      const database = await testDatabase();
      databases.push(database);
      const report = await run({ databaseUrl: database.url, instances: 3, cards: 100, killAfterCards: 20, interrupt });
      expect(report.interruptedCard.ts).toEqual(expect.any(String));
    },
  );
});
