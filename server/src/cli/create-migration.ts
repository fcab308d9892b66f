import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { connectDatabase, migrateDatabase } from '../domain/database/database';
import { withCliDatabase } from './cli-database';

/**
 * `node -r @swc-node/register server/src/cli/create-migration.ts --name add-x`: brings the database
 * up to date, then has MikroORM's migrator write the migration from the entities' difference to the
 * schema snapshot (and refresh the snapshot). List the new class in `MIGRATIONS` (mikro-orm.config.ts).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: 'string' } } });
  if (values.name !== undefined && !/^[a-z0-9-]+$/.test(values.name)) throw new Error('--name must be kebab-case');
  await withCliDatabase(async (url) => {
    const orm = await connectDatabase({ url, poolMax: 2 });
    try {
      await migrateDatabase(orm, url);
      const created = await orm.getMigrator().createMigration(undefined, false, false, values.name);
      process.stdout.write(
        created.fileName
          ? `wrote ${created.fileName}: add its class to MIGRATIONS in server/src/domain/database/mikro-orm.config.ts\n`
          : 'the entities and the migrations agree: nothing to generate\n',
      );
    } finally {
      await orm.close(true);
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`create-migration: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
