import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.js';
import { testDatabase } from '../helpers/test-database.js';

describe('a migration that fails', () => {
  it('leaves nothing of itself behind', async () => {
    const database = await testDatabase({ migrated: false });
    const db = await openDatabase(database.url);
    try {
      const migrator = new Migrator({
        db,
        provider: {
          getMigrations: async () => ({
            '0001-half': {
              up: async (trx) => {
                await trx.schema.createTable('half_done').addColumn('id', 'integer').execute();
                throw new Error('the second statement failed');
              },
            },
          }),
        },
      });
      const { error } = await migrator.migrateToLatest();
      expect(String(error)).toContain('the second statement failed');
      const tables = await db.introspection.getTables();
      expect(tables.map((t) => t.name)).not.toContain('half_done');
    } finally {
      await db.destroy();
      await database.dispose();
    }
  });
});
