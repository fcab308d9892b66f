import 'reflect-metadata';
import { connectDatabase, migrateDatabase } from '../domain/database/database';
import { withCliDatabase } from './cli-database';

/** `npm run db:migrate`: applies pending migrations (the compose file's one-shot `migrate` service). */
async function main(): Promise<void> {
  await withCliDatabase(async (url) => {
    const orm = await connectDatabase({ url, poolMax: 2 });
    try {
      const applied = await migrateDatabase(orm, url);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    } finally {
      await orm.close(true);
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`db:migrate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
