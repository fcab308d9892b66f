import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { PasswordHasher } from '../domain/auth/password-hasher';
import { connectDatabase, migrateDatabase } from '../domain/database/database';
import { DemoDataService } from '../domain/seeding/demo-data.service';
import { withCliDatabase } from './cli-database';

/** `npm run db:seed -- --students 10000 --desync-rate 0.02`: appends demo students with progress and licenses. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { students: { type: 'string', default: '10000' }, 'desync-rate': { type: 'string', default: '0.02' } },
  });
  const students = Number(values.students);
  const desyncRate = Number(values['desync-rate']);
  if (!Number.isInteger(students) || students < 0) throw new Error('--students must be a non-negative integer');
  if (!(desyncRate >= 0 && desyncRate <= 1)) throw new Error('--desync-rate must be between 0 and 1');

  await withCliDatabase(async (url) => {
    const orm = await connectDatabase({ url, poolMax: 2 });
    try {
      await migrateDatabase(orm, url);
      const result = await new DemoDataService(orm.em.fork(), new PasswordHasher()).seed({ students, desyncRate });
      const desynced = Object.entries(result.desynced).map(([type, n]) => `${type} ${n}`).join(', ');
      process.stdout.write(
        `seeded ${result.studentsCreated} students (#${result.firstStudentNumber}..#${result.lastStudentNumber}), ` +
          `${result.pairs} pairs, desynced: ${desynced} in ${(result.durationMs / 1000).toFixed(1)} s\n`,
      );
    } finally {
      await orm.close(true);
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`db:seed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
