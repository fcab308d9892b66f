import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertSnapshot } from '../../src/domain/alerts/alert.types';
import { TOPICS } from '../../src/domain/events/topics';
import { LiveSubscription } from '../support/live-subscription';
import { startTestApp, type TestApp } from '../support/test-app';

interface Changed {
  alertsChanged: { id: string; state: string; severity: string; value: number; acknowledgedAt: string | null; acknowledgedBy: { id: string } | null; rule: { name: string; metric: string; state: string } };
}

const SUBSCRIPTION = `subscription { alertsChanged { id state severity value acknowledgedAt acknowledgedBy { id } rule { name metric state } } }`;

describe('alertsChanged', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({}, { liveEvents: true });
    admin = await app.adminToken();
    await app.sql(`update alert_rules set enabled = (metric = 'FAILED_INTEGRITY_JOBS_1H')`);
  });
  afterAll(() => app.close());

  it('pushes every transition and acknowledgement to admins, with its rule and who acknowledged', async () => {
    const live = new LiveSubscription<Changed>(app.wsUrl, SUBSCRIPTION, `Bearer ${admin}`);
    const other = new LiveSubscription<Changed>(app.wsUrl, SUBSCRIPTION, `Bearer ${(await app.createUser('INSTRUCTOR')).token}`);
    try {
      // Events before the server has subscribed are lost (a delta topic): probe until one arrives.
      expect(await other.waitForRefusal()).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
      const [{ id: ruleId }] = (await app.sql<{ id: number }>(`select id from alert_rules where metric = 'FAILED_INTEGRITY_JOBS_1H'`)) as [{ id: number }];
      const probe: AlertSnapshot = {
        id: 0, ruleId, ruleName: 'probe', metric: 'FAILED_INTEGRITY_JOBS_1H', state: 'INACTIVE', severity: 'WARNING', value: 0,
        startedAt: new Date(), resolvedAt: null, acknowledgedAt: null, acknowledgedById: null, suppressedBy: null, escalatedAt: null,
      };
      for (let i = 0; i < 50 && live.received.length === 0; i += 1) {
        await app.bus!.publish(TOPICS.ALERTS_CHANGED, probe);
        await live.waitFor(() => true, 200).catch(() => null);
      }
      await app.sql(`insert into check_runs (trigger, state, queued_at, started_at, finished_at, error) values ('MANUAL', 'FAILED', now(), now(), now(), 'boom')`);
      await app.services.alertEvaluator.evaluate();
      const fired = await live.waitFor((d) => d.alertsChanged.state === 'FIRING');
      expect(fired.data.alertsChanged).toMatchObject({ severity: 'WARNING', value: 1, acknowledgedBy: null, rule: { metric: 'FAILED_INTEGRITY_JOBS_1H', state: 'FIRING' } });

      const ack = await app.gql<{ acknowledgeAlert: { acknowledgedAt: string; acknowledgedBy: { id: string } } }>(
        `mutation ($id: ID!) { acknowledgeAlert(id: $id) { acknowledgedAt acknowledgedBy { id email } } }`,
        { id: fired.data.alertsChanged.id },
        admin,
      );
      expect(ack.body.errors).toBeUndefined();
      const acknowledged = await live.waitFor((d) => d.alertsChanged.acknowledgedAt !== null);
      expect(acknowledged.data.alertsChanged.acknowledgedBy?.id).toBe(ack.body.data!.acknowledgeAlert.acknowledgedBy.id);
      expect(other.received).toEqual([]);
    } finally {
      await live.dispose();
      await other.dispose();
    }
  });
});
