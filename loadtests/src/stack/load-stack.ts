import { REPO_ROOT, startApiProcess, LOADTEST_ADMIN_EMAIL, LOADTEST_ADMIN_PASSWORD, type ApiProcess, type ApiProcessOptions } from './api-process';
import { login } from './graphql-http';
import { resolveSourceTree } from './source-snapshot';
import { startRedis, type RedisInstance } from './redis-server';
import { RuntimeMonitor } from './runtime-monitor';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';
import { seedStudents, type SeededStudents } from './student-seeder';

export interface LoadStack {
  readonly database: ScratchDatabase;
  readonly redis: RedisInstance;
  readonly api: ApiProcess;
  readonly students: SeededStudents;
  readonly adminToken: string;
  /** The API child's event-loop delay, GC pauses, CPU and heap in 250 ms windows. */
  readonly runtime: RuntimeMonitor;
  /** What the API was started from: the working tree or a commit. */
  readonly source: string;
  close(): Promise<void>;
}

export interface LoadStackOptions {
  students: number;
  desyncRate?: number;
  api?: Pick<ApiProcessOptions, 'nodeArgs' | 'env'>;
  /** Where to find PostgreSQL and Redis (LOADTEST_PG_ADMIN_URL, DATABASE_URL, REDIS_URL); process.env by default. */
  env?: NodeJS.ProcessEnv;
}

/** An isolated stack for one run: scratch database, private Redis, the API as a child process, seeded students. */
export async function bootStack(options: LoadStackOptions): Promise<LoadStack> {
  const cleanups: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error('loadtest cleanup:', error));
  };
  try {
    const database = await createScratchDatabase(options.env);
    cleanups.push(() => database.drop());
    const redis = await startRedis(options.env);
    cleanups.push(() => redis.stop());
    const students = await seedStudents(database.url, options.students, options.desyncRate ?? 0);
    const source = resolveSourceTree(REPO_ROOT);
    cleanups.push(async () => source.remove());
    const runtime = new RuntimeMonitor();
    cleanups.push(async () => runtime.remove());
    const api = await startApiProcess({
      databaseUrl: database.url,
      redisUrl: redis.url,
      sourceRoot: source.root,
      nodeArgs: [...runtime.nodeArgs(), ...(options.api?.nodeArgs ?? [])],
      env: { ...runtime.env(), ...options.api?.env },
    });
    cleanups.push(() => api.stop());
    const adminToken = await login(api.graphqlUrl, LOADTEST_ADMIN_EMAIL, LOADTEST_ADMIN_PASSWORD);
    return { database, redis, api, students, adminToken, source: source.description, runtime, close };
  } catch (error) {
    await close();
    throw error;
  }
}
