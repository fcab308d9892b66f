import { inject } from 'vitest';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { connectDatabase, type Orm } from '../../src/domain/database/database';
import { withEntityManager } from '../../src/domain/database/entity-manager-scope';
import { query } from '../../src/domain/database/sql';
import { inUnitsOfWork } from './units-of-work';
import { createLogger } from '../../src/domain/logging/logger';
import { createDomainServices, type DomainServices } from '../../src/domain/services';
import { createApiLiveEvents } from '../../src/graphql/subscriptions/api-live-events';
import type { EventBus } from '../../src/events/event-bus';
import { createInProcessEventBus } from '../../src/events/in-process-event-bus';
import type { Role, Specialization } from '../../src/domain/shared/specialization';
import { createApiServer, type ApiServer } from '../../src/http/api-server';
import { apiDependencies } from '../../src/http/api-dependencies';
import { createTestDatabase } from './test-database';

export const ADMIN_EMAIL = 'admin@levelsync.test';
export const ADMIN_PASSWORD = 'correct-horse-battery-staple';
export const TEST_JWT_SECRET = 'test-secret-0123456789-0123456789-abcdef';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }> };
}

export interface TestApp {
  readonly httpUrl: string;
  readonly graphqlUrl: string;
  readonly wsUrl: string;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly config: AppConfig;
  readonly orm: Orm;
  readonly services: DomainServices;
  /** With `liveEvents`: the in-process bus the services publish on and the WebSocket subscriptions read. */
  readonly bus: EventBus | null;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  sql<T = Record<string, unknown>>(text: string, bindings?: unknown[]): Promise<T[]>;
  /** A user of the role with a fresh token (no password hashing: rows are inserted directly). */
  createUser(role: Role, fullName?: string): Promise<{ id: number; token: string; email: string }>;
  adminToken(): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

export interface TestAppOptions {
  /** Wire an in-process event bus from the services to the subscriptions (otherwise nothing is delivered live). */
  liveEvents?: boolean;
  /** A built dashboard to serve at `/`. */
  dashboardDir?: string;
}

/** Boots the real API (HTTP + WebSocket) on a fresh database of this test file's own. */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: inject('redisUrl'),
    JWT_SECRET: TEST_JWT_SECRET,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    // Tests fire hundreds of requests from one address; rate-limit tests pass their own budgets.
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
    RATE_LIMIT_LOGIN_IP_PER_MINUTE: '1000000',
    WS_SUBSCRIBE_PER_MINUTE: '1000000',
    WS_MAX_CONNECTIONS_PER_USER: '1000',
    ...env,
  });
  const orm = await connectDatabase({ url: databaseUrl, poolMax: 20 });
  const bus = options.liveEvents ? createInProcessEventBus() : null;
  const services = await createDomainServices(config.domain, orm, bus ? { events: bus } : {});
  await withEntityManager(orm, () => services.users.ensureAdmin(ADMIN_EMAIL, ADMIN_PASSWORD));
  const live = bus ? createApiLiveEvents(bus, services.health, orm, services.sessions) : null;
  const api: ApiServer = await createApiServer({ ...apiDependencies(config, orm, services), logger: createLogger('silent', 'test'), ...(live ? { pubSub: live.pubSub } : {}), dashboardDir: options.dashboardDir });
  const port = await api.listen(0, '127.0.0.1');
  const scoped = inUnitsOfWork(orm, services);
  const httpUrl = `http://127.0.0.1:${port}`;
  // Statements of the test itself: a fork of their own, no unit of work shared with the app.
  const em = orm.em.fork();

  const app: TestApp = {
    httpUrl,
    graphqlUrl: `${httpUrl}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    databaseUrl,
    redisUrl: inject('redisUrl'),
    config,
    orm,
    services: scoped,
    bus,
    async gql(text, variables, token) {
      const response = await fetch(`${httpUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: text, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] } as never;
    },
    sql: (text, bindings = []) => query(em, text, bindings),
    async createUser(role, fullName) {
      counter += 1;
      const email = `${role.toLowerCase()}-${process.pid}-${counter}@levelsync.test`;
      const [row] = await query<{ id: number }>(
        em,
        `insert into users (email, password_hash, full_name, role) values (?, 'not-a-login-hash', ?, ?) returning id`,
        [email, fullName ?? `${role} ${counter}`, role],
      );
      const { accessToken } = await services.tokens.issue({ id: row!.id, role });
      return { id: row!.id, token: accessToken, email };
    },
    async adminToken() {
      const result = await scoped.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      return result.accessToken;
    },
    async close() {
      await api.close();
      live?.stop();
      await bus?.close();
      await orm.close(true);
    },
  };
  return app;
}

/** A student assigned to the given specializations, through the domain service (progress + license). */
export async function createStudent(app: TestApp, specializations: Specialization[] = ['PLAYER'], fullName?: string) {
  const student = await app.createUser('STUDENT', fullName);
  for (const s of specializations) await app.services.progress.assign(String(student.id), s);
  return student;
}
