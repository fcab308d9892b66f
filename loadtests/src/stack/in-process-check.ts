import { Client } from 'pg';
import { loadConfig } from '../../../server/src/config/app-config';
import { connectDatabase } from '../../../server/src/domain/database/database';
import { CheckRunRepository } from '../../../server/src/domain/integrity/check-run.repository';
import { createDomainServices } from '../../../server/src/domain/services';
import { LOADTEST_JWT_SECRET } from './api-process';

/** Puts the licenses of the last `pairs` pairs one level off: LEVEL_MISMATCH violations for the dashboard to list. */
export async function desyncLastPairs(databaseUrl: string, pairs: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `update licenses set current_level = case when current_level > 1 then current_level - 1 else 2 end,
                           max_achieved_level = greatest(max_achieved_level, 2)
       where id in (select id from licenses order by id desc limit $1)`,
      [pairs],
    );
  } finally {
    await client.end();
  }
}

/** One integrity check, run the way the worker runs it (IntegrityCheckService), from this process. */
export async function runCheckInProcess(databaseUrl: string): Promise<{ ms: number; inconsistent: number }> {
  const orm = await connectDatabase({ url: databaseUrl, poolMax: 4 });
  try {
    const services = await createDomainServices(loadConfig({ DATABASE_URL: databaseUrl, JWT_SECRET: LOADTEST_JWT_SECRET, LOG_LEVEL: 'silent' }).domain, orm);
    const run = await new CheckRunRepository(orm).createQueued('MANUAL');
    const started = performance.now();
    const done = await services.integrity.run(run.id);
    return { ms: performance.now() - started, inconsistent: done.inconsistent ?? 0 };
  } finally {
    await orm.close(true);
  }
}
