import 'reflect-metadata';
import { execute, parse, type ExecutionResult } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { loadConfig } from '../../../server/src/config/app-config';
import { connectDatabase } from '../../../server/src/domain/database/database';
import { withEntityManager } from '../../../server/src/domain/database/entity-manager-scope';
import { createDomainServices } from '../../../server/src/domain/services';
import { createGraphQLContexts } from '../../../server/src/graphql/context';
import { createResolverInstances } from '../../../server/src/graphql/resolver-instances';
import { buildApiSchema } from '../../../server/src/graphql/schema';
import { DASHBOARD_QUERY } from '../scenarios/dashboard-load.scenario';
import { UPDATE_PROGRESS } from '../scenarios/progress-storm.scenario';
import { desyncLastPairs, runCheckInProcess } from '../stack/in-process-check';
import { createScratchDatabase } from '../stack/scratch-database';
import { seedStudents } from '../stack/student-seeder';

/**
 * What graphql-jit would save against graphql-js's `execute` on our real schema, resolvers and data:
 * the dashboard query or the storm's mutation, executed in-process one at a time (each in its own
 * EntityManager fork and context, as an HTTP operation is), alternating the two executors round by
 * round, CPU per operation from process.cpuUsage(). Parsing, validation, HTTP and Apollo are left out:
 * they are the same whichever executor runs.
 *
 *   node -r @swc-node/register loadtests/src/cli/executor-cost.ts [dashboard|storm] [operations per round]
 */
const ADMIN = { email: 'executor-cost@levelsync.test', password: 'correct-horse-battery-staple' };
const ROUNDS = 4;

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'dashboard';
  if (which !== 'dashboard' && which !== 'storm') throw new Error('usage: executor-cost.ts [dashboard|storm] [operations per round]');
  const perRound = Number(process.argv[3] ?? 1500);
  const database = await createScratchDatabase();
  try {
    const seeded = await seedStudents(database.url, 10_000);
    await desyncLastPairs(database.url, 300);
    await runCheckInProcess(database.url);
    const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: database.url, JWT_SECRET: 'executor-cost-secret-0123456789-abcdef', LOG_LEVEL: 'silent' });
    const orm = await connectDatabase({ url: database.url, poolMax: 4 });
    try {
      const services = await createDomainServices(config.domain, orm, {});
      await withEntityManager(orm, () => services.users.ensureAdmin(ADMIN.email, ADMIN.password));
      const { accessToken } = await withEntityManager(orm, () => services.auth.login(ADMIN.email, ADMIN.password));
      const schema = await buildApiSchema({ resolvers: createResolverInstances(services) });
      const contexts = createGraphQLContexts({ sessions: services.sessions, users: services.users });
      const document = parse(which === 'dashboard' ? DASHBOARD_QUERY : UPDATE_PROGRESS);
      const variables = (): Record<string, unknown> =>
        which === 'dashboard'
          ? {}
          : { input: { studentId: String(seeded.firstId + Math.floor(Math.random() * seeded.count)), specialization: 'PLAYER', xpChange: 10 } };
      const compiled = compileQuery(schema, document);
      if (!isCompiledQuery(compiled)) throw new Error(`graphql-jit cannot compile the operation: ${JSON.stringify(compiled.errors)}`);
      const executors: Record<string, (context: unknown) => Promise<ExecutionResult>> = {
        'graphql-js': async (contextValue) => execute({ schema, document, contextValue, variableValues: variables() }),
        'graphql-jit': async (context) => compiled.query(undefined, context, variables()),
      };
      const once = async (name: string): Promise<ExecutionResult> => {
        const context = await contexts.create(`Bearer ${accessToken}`, 'executor-cost', '127.0.0.1');
        return withEntityManager(orm, () => executors[name]!(context));
      };
      for (const name of Object.keys(executors)) {
        const result = await once(name);
        if (result.errors?.length) throw new Error(`${name} answered with errors: ${JSON.stringify(result.errors)}`);
      }
      const cpu: Record<string, number[]> = { 'graphql-js': [], 'graphql-jit': [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const name of Object.keys(executors)) {
          for (let i = 0; i < 200; i++) await once(name);
          const before = process.cpuUsage();
          for (let i = 0; i < perRound; i++) await once(name);
          const used = process.cpuUsage(before);
          cpu[name]!.push((used.user + used.system) / perRound);
          process.stdout.write(`round ${round + 1} ${name.padEnd(11)} ${cpu[name]!.at(-1)!.toFixed(0)} µs CPU per ${which} operation\n`);
        }
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const js = median(cpu['graphql-js']!);
      const jit = median(cpu['graphql-jit']!);
      process.stdout.write(`median of ${ROUNDS} rounds: graphql-js ${js.toFixed(0)} µs, graphql-jit ${jit.toFixed(0)} µs per ${which} operation (${(js - jit).toFixed(0)} µs saved)\n`);
    } finally {
      await orm.close();
    }
  } finally {
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`executor-cost: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
