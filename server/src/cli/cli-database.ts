import { loadConfig } from '../config/app-config';
import { openStandaloneDatabase } from '../standalone/standalone-database';

/**
 * The database a CLI command works on: DATABASE_URL, else the all-in-one mode's embedded
 * PostgreSQL under DATA_DIR — the running one if `npm start` is up (its URL and port are in
 * `<DATA_DIR>/postgres.json`), else started for the command and stopped after it (said on
 * stderr, so a restore into a DATA_DIR that was never started is not mistaken for the app's).
 */
export async function withCliDatabase(work: (url: string) => Promise<void>): Promise<void> {
  const config = loadConfig();
  if (config.process.databaseUrl) return work(config.process.databaseUrl);
  const db = await openStandaloneDatabase(config.standalone.dataDir);
  if (db.owned) process.stderr.write(`npm start is not running: started the embedded PostgreSQL in ${db.clusterDir} for this command\n`);
  try {
    await work(db.url);
  } finally {
    await db.close();
  }
}
