import { parseArgs } from 'node:util';
import { statSync } from 'node:fs';
import { backupDatabase } from '../ops/pg-tools';
import { withCliDatabase } from './cli-database';

/** `npm run db:backup -- --file levelsync.dump`: pg_dump in custom format of DATABASE_URL (or the embedded database). */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { file: { type: 'string' } } });
  const file = values.file ?? `levelsync-${new Date().toISOString().replace(/[:.]/g, '-')}.dump`;
  await withCliDatabase(async (url) => {
    const started = Date.now();
    await backupDatabase(url, file);
    process.stdout.write(`backed up to ${file} (${statSync(file).size} bytes) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`db:backup: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
