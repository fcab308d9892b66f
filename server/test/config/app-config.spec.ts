import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config/app-config';

describe('loadConfig', () => {
  it('starts with defaults when nothing is configured', () => {
    const config = loadConfig({});
    expect(config.http).toMatchObject({ port: 4000, production: false, rateLimits: { perMinute: 100 } });
    expect(config.domain.schedules).toEqual({ healthCheckIntervalMinutes: 5, autoSyncIntervalHours: 6 });
    expect(config.domain.health).toEqual({ healthyThreshold: 0.99, degradedThreshold: 0.95 });
    expect(config.process).toMatchObject({ env: 'development', isProduction: false, redisKeyPrefix: 'levelsync', logLevel: 'info' });
    expect(config.standalone).toMatchObject({ demoStudents: 3000, admin: { email: 'admin@levelsync.local', password: undefined } });
  });

  it('hands each concern its own variables', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-at-least-32-chars',
      DATABASE_URL: 'postgres://db.example/levelsync',
      REDIS_KEY_PREFIX: 'tenant-a',
      PORT: '8080',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      TRUST_PROXY: '1',
      DEMO_STUDENTS: '0',
      ADMIN_EMAIL: 'Root@Example.com',
      IDEMPOTENCY_RETENTION_HOURS: '48',
    });
    expect(Object.keys(config).sort()).toEqual(['domain', 'http', 'process', 'standalone']);
    expect(config.process).toEqual({
      env: 'production',
      isProduction: true,
      databaseUrl: 'postgres://db.example/levelsync',
      databasePoolMax: 20,
      redisUrl: undefined,
      redisKeyPrefix: 'tenant-a',
      logLevel: 'info',
    });
    expect(config.http).toMatchObject({ port: 8080, production: true, corsOrigins: ['https://a.example', 'https://b.example'], trustProxy: 1 });
    expect(config.domain).toMatchObject({ idempotencyRetentionHours: 48, jwt: { secret: 'a-production-secret-of-at-least-32-chars', ttlMinutes: 60 } });
    expect(config.standalone).toMatchObject({ demoStudents: 0, admin: { email: 'root@example.com' } });
  });

  it('lists every variable of every concern', () => {
    for (const variable of ['NODE_ENV', 'DATABASE_URL', 'REDIS_KEY_PREFIX', 'LOG_LEVEL', 'PORT', 'RATE_LIMIT_READS_PER_MINUTE', 'TRUST_PROXY', 'JWT_SECRET', 'HEALTHY_THRESHOLD', 'DATA_DIR', 'DEMO_STUDENTS', 'ADMIN_PASSWORD']) {
      expect(CONFIG_VARIABLES).toContain(variable);
    }
  });

  it('gives a signed-in user ten times RATE_LIMIT_PER_MINUTE for queries unless RATE_LIMIT_READS_PER_MINUTE says otherwise', () => {
    expect(loadConfig({}).http.rateLimits.sessionReadsPerMinute).toBe(1000);
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '30' }).http.rateLimits.sessionReadsPerMinute).toBe(300);
    expect(loadConfig({ RATE_LIMIT_READS_PER_MINUTE: '250' }).http.rateLimits.sessionReadsPerMinute).toBe(250);
    expect(() => loadConfig({ RATE_LIMIT_READS_PER_MINUTE: '0' })).toThrow(/^Invalid configuration: RATE_LIMIT_READS_PER_MINUTE /);
  });

  it('refuses production without JWT_SECRET, in one line naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/^Invalid configuration: JWT_SECRET is required when NODE_ENV=production$/);
  });

  it('names every invalid variable, of every concern, in one message', () => {
    expect(() => loadConfig({ PORT: 'eighty', HEALTH_CHECK_INTERVAL_MINUTES: '0', DATABASE_URL: 'not a url', DEMO_STUDENTS: '-1' })).toThrow(
      /^Invalid configuration: (?=.*PORT )(?=.*HEALTH_CHECK_INTERVAL_MINUTES )(?=.*DATABASE_URL )(?=.*DEMO_STUDENTS )/,
    );
  });

  it('keeps idempotency records 24 hours unless told otherwise, within 1 hour to a year', () => {
    expect(loadConfig({}).domain.idempotencyRetentionHours).toBe(24);
    expect(loadConfig({ IDEMPOTENCY_RETENTION_HOURS: '168' }).domain.idempotencyRetentionHours).toBe(168);
    for (const bad of ['0', '1.5', '8761', 'a day']) {
      expect(() => loadConfig({ IDEMPOTENCY_RETENTION_HOURS: bad })).toThrow(/^Invalid configuration: IDEMPOTENCY_RETENTION_HOURS /);
    }
  });

  it('gives each process a pool of 20 PostgreSQL connections unless DATABASE_POOL_MAX says otherwise, within 2 to 500', () => {
    expect(loadConfig({}).process.databasePoolMax).toBe(20);
    expect(loadConfig({ DATABASE_POOL_MAX: '8' }).process.databasePoolMax).toBe(8);
    for (const bad of ['1', '501', '2.5', 'many']) {
      expect(() => loadConfig({ DATABASE_POOL_MAX: bad })).toThrow(/^Invalid configuration: DATABASE_POOL_MAX /);
    }
  });

  it('rejects a degraded threshold above the healthy one', () => {
    expect(() => loadConfig({ HEALTHY_THRESHOLD: '0.9', DEGRADED_THRESHOLD: '0.95' })).toThrow(/DEGRADED_THRESHOLD/);
  });
});
