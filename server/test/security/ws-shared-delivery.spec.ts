import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../../src/domain/events/topics';
import type { RepairBatchSnapshot } from '../../src/domain/integrity/repair.types';
import type { EventBus } from '../../src/events/event-bus';
import { SUBSCRIBER_BACKLOG } from '../../src/graphql/subscriptions/live-pub-sub';
import { checkRunSnapshot } from '../support/event-snapshots';
import { startTestApp, type TestApp } from '../support/test-app';
import { openWsSession, type WsMessage, type WsSession } from '../support/ws-session';

const run = (id: number, progress: number) => checkRunSnapshot(id, 'RUNNING', progress);

const batch = (violationId: number): RepairBatchSnapshot => ({
  trigger: 'AUTO_SYNC',
  actorId: null,
  jobId: 'auto-sync-test',
  repairs: [],
  resolvedViolationIds: [violationId],
  madeAt: new Date('2026-11-23T09:00:00.000Z'),
});

/** Every message a session receives, from the moment it is watched. */
function watch(session: WsSession): WsMessage[] {
  const messages: WsMessage[] = [];
  session.socket.on('message', (data) => messages.push(JSON.parse(String(data)) as WsMessage));
  return messages;
}

async function until(test: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Subscribers of the same operation share one execution per event (server/src/events/
 * shared-subscription-execution.ts); these check, through the real WebSocket server, that sharing
 * never crosses what makes results differ, and that per-connection authorization still holds.
 */
describe('live events over the WebSocket, shared between equal subscriptions', () => {
  let app: TestApp;
  let bus: EventBus;

  const adminToken = async (issuedAt?: Date) => {
    const [admin] = await app.sql<{ id: number }>(`select id from users where role = 'ADMIN' limit 1`);
    return (await app.services.tokens.issue({ id: admin!.id, role: 'ADMIN' }, issuedAt)).accessToken;
  };
  const connect = async (token: string) => {
    const session = openWsSession(app.wsUrl);
    const messages = watch(session);
    expect(await session.init({ authorization: `Bearer ${token}` })).toBe(true);
    return { session, messages };
  };
  const subscribe = (session: WsSession, id: string, query: string, variables?: Record<string, unknown>) =>
    session.send(JSON.stringify({ id, type: 'subscribe', payload: { query, ...(variables ? { variables } : {}) } }));
  const nexts = (messages: WsMessage[], id: string) => messages.filter((m) => m.id === id && m.type === 'next').map((m) => m.payload);
  /** Publishes until every given subscription has received one event (subscriptions go live asynchronously). */
  const primed = async (subs: Array<{ messages: WsMessage[]; id: string }>) => {
    for (let i = 0; !subs.every((s) => nexts(s.messages, s.id).length > 0); i += 1) {
      bus.publish(TOPICS.CHECK_RUN_UPDATED, run(1_000 + i, 0));
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (i > 200) throw new Error('subscriptions never went live');
    }
    for (const s of subs) s.messages.length = 0;
  };

  beforeAll(async () => {
    app = await startTestApp({ JWT_TTL_MINUTES: '1' }, { liveEvents: true });
    bus = app.bus!;
  });
  afterAll(() => app.close());

  it('gives subscribers that differ only in variables or selection their own results', async () => {
    const token = await adminToken();
    const query = 'subscription Runs($withProgress: Boolean!) { checkRunUpdated { id progress @include(if: $withProgress) } }';
    const a = await connect(token);
    const b = await connect(token);
    const c = await connect(token);
    subscribe(a.session, 'a', query, { withProgress: true });
    subscribe(b.session, 'b', query, { withProgress: false });
    subscribe(c.session, 'c', 'subscription { checkRunUpdated { id state } }');
    await primed([{ ...a, id: 'a' }, { ...b, id: 'b' }, { ...c, id: 'c' }]);
    bus.publish(TOPICS.CHECK_RUN_UPDATED, run(42, 0.5));
    await until(() => [nexts(a.messages, 'a'), nexts(b.messages, 'b'), nexts(c.messages, 'c')].every((n) => n.length === 1));
    expect(nexts(a.messages, 'a')).toEqual([{ data: { checkRunUpdated: { id: '42', progress: 0.5 } } }]);
    expect(nexts(b.messages, 'b')).toEqual([{ data: { checkRunUpdated: { id: '42' } } }]);
    expect(nexts(c.messages, 'c')).toEqual([{ data: { checkRunUpdated: { id: '42', state: 'RUNNING' } } }]);
    for (const s of [a, b, c]) s.session.close();
  });

  it('delivers every event, in order, to each of many equal subscribers under its own id', async () => {
    const token = await adminToken();
    const query = 'subscription { checkRunUpdated { id progress } }';
    const subs = await Promise.all(Array.from({ length: 20 }, () => connect(token)));
    subs.forEach((s, i) => subscribe(s.session, `s${i}`, query));
    await primed(subs.map((s, i) => ({ ...s, id: `s${i}` })));
    for (let i = 0; i < 10; i += 1) bus.publish(TOPICS.CHECK_RUN_UPDATED, run(100 + i, i / 10));
    await until(() => subs.every((s, i) => nexts(s.messages, `s${i}`).length === 10));
    subs.forEach((s, i) => {
      const ids = nexts(s.messages, `s${i}`).map((p) => (p as { data: { checkRunUpdated: { id: string } } }).data.checkRunUpdated.id);
      expect(ids).toEqual(Array.from({ length: 10 }, (_, k) => String(100 + k)));
      expect(s.messages.filter((m) => m.id !== `s${i}`)).toEqual([]);
    });
    for (const s of subs) s.session.close();
  });

  it('stops delivering to a connection whose token expired, closing it with 4401, while others keep receiving', async () => {
    // Issued 58 s ago with a 60 s lifetime: it expires about two seconds after the connection opens.
    const expiring = await connect(await adminToken(new Date(Date.now() - 58_000)));
    const lasting = await connect(await adminToken());
    const query = 'subscription { checkRunUpdated { id } }';
    subscribe(expiring.session, 'x', query);
    subscribe(lasting.session, 'y', query);
    await primed([{ ...expiring, id: 'x' }, { ...lasting, id: 'y' }]);
    expect(await expiring.session.closed).toEqual({ code: 4401, reason: 'Unauthorized: token expired' });
    const before = nexts(expiring.messages, 'x').length;
    bus.publish(TOPICS.CHECK_RUN_UPDATED, run(77, 1));
    await until(() => nexts(lasting.messages, 'y').some((p) => JSON.stringify(p).includes('"77"')));
    expect(nexts(expiring.messages, 'x')).toHaveLength(before);
    lasting.session.close();
  });

  it('ends a repairsMade subscription with EVENTS_MISSED when it falls too far behind; checkRunUpdated keeps the newest', async () => {
    const { session, messages } = await connect(await adminToken());
    subscribe(session, 'r', 'subscription { repairsMade { resolvedViolationIds } }');
    subscribe(session, 'c', 'subscription { checkRunUpdated { id } }');
    for (let i = 0; nexts(messages, 'r').length === 0 || nexts(messages, 'c').length === 0; i += 1) {
      bus.publish(TOPICS.REPAIRS_MADE, batch(i));
      bus.publish(TOPICS.CHECK_RUN_UPDATED, run(1_000 + i, 0));
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (i > 200) throw new Error('subscriptions never went live');
    }
    messages.length = 0;

    // In one tick, more events than a subscriber may fall behind by: nothing is read in between.
    const burst = SUBSCRIBER_BACKLOG + 10;
    for (let i = 0; i < burst; i += 1) {
      bus.publish(TOPICS.REPAIRS_MADE, batch(5_000 + i));
      bus.publish(TOPICS.CHECK_RUN_UPDATED, run(5_000 + i, 0));
    }
    const lastRun = String(5_000 + burst - 1);
    await until(() => messages.some((m) => m.id === 'r' && m.type === 'error') && JSON.stringify(nexts(messages, 'c')).includes(`"${lastRun}"`));

    expect(messages.find((m) => m.id === 'r' && m.type === 'error')?.payload).toEqual([
      {
        message: `This subscriber fell more than ${SUBSCRIBER_BACKLOG} events behind; query the current state again and resubscribe`,
        extensions: { code: 'CONFLICT', reason: 'EVENTS_MISSED' },
      },
    ]);
    expect(nexts(messages, 'r').length).toBeLessThan(burst);
    // The state topic drops old states only: it ends on the newest and stays open.
    const runs = nexts(messages, 'c').map((p) => (p as { data: { checkRunUpdated: { id: string } } }).data.checkRunUpdated.id);
    expect(runs.at(-1)).toBe(lastRun);
    expect(messages.some((m) => m.id === 'c' && m.type !== 'next')).toBe(false);
    bus.publish(TOPICS.CHECK_RUN_UPDATED, run(9_999, 1));
    await until(() => JSON.stringify(nexts(messages, 'c')).includes('"9999"'));
    session.close();
  });
});
