import { loadConfig } from '../domain/config/app-config';
import { openStandaloneDatabase } from '../standalone/standalone-database';

/**
 * The database a CLI command works on: DATABASE_URL, else the all-in-one mode's embedded
 * PostgreSQL under DATA_DIR (the running one if `npm start` is up, else started for the command).
 */
export async function withCliDatabase(work: (url: string) => Promise<void>): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl) return work(config.databaseUrl);
  const db = await openStandaloneDatabase(config.dataDir);
  try {
    await work(db.url);
  } finally {
    await db.close();
  }
}
