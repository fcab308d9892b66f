import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/domain/config/app-config';

describe('loadConfig', () => {
  it('starts with defaults when nothing is configured', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, rateLimitPerMinute: 100, schedules: { healthCheckIntervalMinutes: 5, autoSyncIntervalHours: 6 } });
    expect(config.health).toEqual({ healthyThreshold: 0.99, degradedThreshold: 0.95 });
  });

  it('gives a signed-in user ten times RATE_LIMIT_PER_MINUTE for queries unless RATE_LIMIT_READS_PER_MINUTE says otherwise', () => {
    expect(loadConfig({}).rateLimits.sessionReadsPerMinute).toBe(1000);
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '30' }).rateLimits.sessionReadsPerMinute).toBe(300);
    expect(loadConfig({ RATE_LIMIT_READS_PER_MINUTE: '250' }).rateLimits.sessionReadsPerMinute).toBe(250);
    expect(() => loadConfig({ RATE_LIMIT_READS_PER_MINUTE: '0' })).toThrow(/^Invalid configuration: RATE_LIMIT_READS_PER_MINUTE /);
  });

  it('refuses production without JWT_SECRET, in one line naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/^Invalid configuration: JWT_SECRET is required when NODE_ENV=production$/);
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', HEALTH_CHECK_INTERVAL_MINUTES: '0', DATABASE_URL: 'not a url' })).toThrow(
      /PORT.*HEALTH_CHECK_INTERVAL_MINUTES|HEALTH_CHECK_INTERVAL_MINUTES.*PORT/,
    );
  });

  it('keeps idempotency records 24 hours unless told otherwise, within 1 hour to a year', () => {
    expect(loadConfig({}).idempotencyRetentionHours).toBe(24);
    expect(loadConfig({ IDEMPOTENCY_RETENTION_HOURS: '168' }).idempotencyRetentionHours).toBe(168);
    for (const bad of ['0', '1.5', '8761', 'a day']) {
      expect(() => loadConfig({ IDEMPOTENCY_RETENTION_HOURS: bad })).toThrow(/^Invalid configuration: IDEMPOTENCY_RETENTION_HOURS /);
    }
  });

  it('rejects a degraded threshold above the healthy one', () => {
    expect(() => loadConfig({ HEALTHY_THRESHOLD: '0.9', DEGRADED_THRESHOLD: '0.95' })).toThrow(/DEGRADED_THRESHOLD/);
  });
});
