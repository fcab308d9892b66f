import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, migrateDatabase, type Orm } from '../../src/domain/database/database';
import { createEmptyTestDatabase } from '../support/test-database';

/**
 * The entities are the one description of each table; the migrations must build exactly what they
 * describe. A change to one without the other fails here (generate the migration with
 * `server/src/cli/create-migration.ts`).
 */
describe('the entities and the migrations', () => {
  let orm: Orm;

  beforeAll(async () => {
    const url = await createEmptyTestDatabase();
    orm = await connectDatabase({ url, poolMax: 2 });
    await migrateDatabase(orm, url);
  });
  afterAll(async () => {
    await orm.close(true);
  });

  it('leave the migrator nothing to generate after every migration has run', async () => {
    expect(await orm.getMigrator().checkMigrationNeeded()).toBe(false);
  });

  it('describe the migrated database column for column, constraint for constraint', async () => {
    expect(await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).toBe('');
  });
});
