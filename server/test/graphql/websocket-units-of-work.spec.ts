import { RequestContext } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TOPICS } from '../../src/domain/events/topics';
import type { RepairBatchSnapshot } from '../../src/domain/integrity/repair.types';
import { User } from '../../src/domain/users/user.entity';
import { startTestApp, type TestApp } from '../support/test-app';
import { openWsSession, type WsMessage, type WsSession } from '../support/ws-session';

async function until(test: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Every operation over graphql-ws is a unit of work with an EntityManager fork of its own, and so is
 * each event of a subscription. The user reads below go through the EntityManager itself, which
 * (allowGlobalContext: false) refuses to work outside such a scope.
 */
describe('operations over the WebSocket', () => {
  let app: TestApp;
  let session: WsSession;
  let messages: WsMessage[];
  let student: { id: number };
  /** The fork each user read ran in. */
  const forks: number[] = [];

  const inFork = <T>(read: () => Promise<T>): Promise<T> => {
    const fork = RequestContext.getEntityManager();
    if (fork) forks.push(fork.id);
    return read();
  };

  beforeAll(async () => {
    app = await startTestApp({}, { liveEvents: true });
    student = await app.createUser('STUDENT', 'Ada Before');
    const { orm } = app;
    vi.spyOn(app.services.users, 'get').mockImplementation((id) => inFork(() => orm.em.findOneOrFail(User, id)));
    vi.spyOn(app.services.users, 'findMany').mockImplementation((ids) => inFork(() => orm.em.find(User, { id: { $in: [...ids] } })));
    session = openWsSession(app.wsUrl);
    messages = [];
    session.socket.on('message', (data) => messages.push(JSON.parse(String(data)) as WsMessage));
    expect(await session.init({ authorization: `Bearer ${await app.adminToken()}` })).toBe(true);
  });
  afterAll(async () => {
    session.close();
    vi.restoreAllMocks();
    await app.close();
  });

  it('run a query inside an EntityManager scope of its own', async () => {
    forks.length = 0;
    const first = await session.request('q1', '{ me { role } }');
    const second = await session.request('q2', '{ me { role } }');
    expect(first.payload).toEqual({ data: { me: { role: 'ADMIN' } } });
    expect(second.payload).toEqual({ data: { me: { role: 'ADMIN' } } });
    expect(forks).toHaveLength(2);
    expect(forks[0]).not.toBe(forks[1]);
  });

  it('resolve each subscription event inside a scope of its own, reading what is stored at that event', async () => {
    const repairsOf = (id: string) => messages.filter((m) => m.id === id && (m.type === 'next' || m.type === 'error'));
    session.send(
      JSON.stringify({ id: 'r', type: 'subscribe', payload: { query: 'subscription { repairsMade { jobId repairs { student { fullName } } } }' } }),
    );
    const batch = (jobId: string): RepairBatchSnapshot => ({
      trigger: 'AUTO_SYNC',
      actorId: null,
      jobId,
      repairs: [
        {
          id: 1,
          violationId: null,
          studentId: student.id,
          specialization: 'PLAYER',
          trigger: 'AUTO_SYNC',
          actorId: null,
          jobId,
          action: 'LICENSE_LEVEL_SYNCED',
          before: null,
          after: null,
          createdAt: new Date('2026-11-23T09:00:00.000Z'),
        },
      ],
      resolvedViolationIds: [],
      madeAt: new Date('2026-11-23T09:00:00.000Z'),
    });
    // The subscription goes live asynchronously: publish until it has heard one event.
    for (let i = 0; repairsOf('r').length === 0; i += 1) {
      app.bus!.publish(TOPICS.REPAIRS_MADE, batch(`warm-up-${i}`));
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (i > 200) throw new Error('the subscription never went live');
    }
    messages.length = 0;
    forks.length = 0;

    app.bus!.publish(TOPICS.REPAIRS_MADE, batch('first'));
    await until(() => repairsOf('r').length === 1);
    await app.sql('update users set full_name = ? where id = ?', ['Ada After', student.id]);
    app.bus!.publish(TOPICS.REPAIRS_MADE, batch('second'));
    await until(() => repairsOf('r').length === 2);

    expect(repairsOf('r').map((m) => m.payload)).toEqual([
      { data: { repairsMade: { jobId: 'first', repairs: [{ student: { fullName: 'Ada Before' } }] } } },
      { data: { repairsMade: { jobId: 'second', repairs: [{ student: { fullName: 'Ada After' } }] } } },
    ]);
    expect(forks).toHaveLength(2);
    expect(forks[0]).not.toBe(forks[1]);
  });
});
