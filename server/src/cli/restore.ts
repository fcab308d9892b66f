import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { restoreDatabase } from '../ops/pg-tools';
import { withCliDatabase } from './cli-database';

/** `npm run db:restore -- --file levelsync.dump`: replaces the database's contents with the dump (stop the app first). */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { file: { type: 'string' } } });
  if (!values.file) throw new Error('--file <dump> is required');
  if (!existsSync(values.file)) throw new Error(`${values.file} does not exist`);
  await withCliDatabase(async (url) => {
    const started = Date.now();
    await restoreDatabase(url, values.file!);
    process.stdout.write(`restored ${values.file} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`db:restore: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
