import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../../src/domain/events/topics';
import { checkRunSnapshot } from '../support/event-snapshots';
import { startTestApp, type TestApp } from '../support/test-app';
import { openWsSession, type WsMessage, type WsSession } from '../support/ws-session';

const RUNS = 'subscription { checkRunUpdated { id progress } }';

function watch(session: WsSession): WsMessage[] {
  const messages: WsMessage[] = [];
  session.socket.on('message', (data) => messages.push(JSON.parse(String(data)) as WsMessage));
  return messages;
}

/**
 * Over graphql-ws, as over HTTP, a role is checked per operation: any signed-in user may hold a
 * connection, and an admin-only subscription is refused for that operation (FORBIDDEN), never by
 * closing the socket, and never with an event.
 */
describe('a student on the WebSocket', () => {
  let app: TestApp;
  let student: { id: number; token: string };
  let studentSession: WsSession;
  let studentMessages: WsMessage[];
  let adminSession: WsSession;
  let adminMessages: WsMessage[];

  beforeAll(async () => {
    app = await startTestApp({}, { liveEvents: true });
    student = await app.createUser('STUDENT');
    studentSession = openWsSession(app.wsUrl);
    studentMessages = watch(studentSession);
    adminSession = openWsSession(app.wsUrl);
    adminMessages = watch(adminSession);
  });
  afterAll(async () => {
    studentSession.close();
    adminSession.close();
    await app.close();
  });

  it('is accepted at connection_init (no 4403)', async () => {
    expect(await studentSession.init({ authorization: `Bearer ${student.token}` })).toBe(true);
    expect(await adminSession.init({ authorization: `Bearer ${await app.adminToken()}` })).toBe(true);
  });

  it('has an admin-only subscription refused with FORBIDDEN and no event, while an admin on another socket gets events', async () => {
    const refusal = await studentSession.request('runs', RUNS);
    expect(refusal.payload).toMatchObject({ errors: [{ path: ['checkRunUpdated'], extensions: { code: 'FORBIDDEN' } }] });
    expect(refusal.payload).not.toHaveProperty('data');
    adminSession.send(JSON.stringify({ id: 'runs', type: 'subscribe', payload: { query: RUNS } }));
    const adminEvents = () => adminMessages.filter((m) => m.id === 'runs' && m.type === 'next');
    // The admin's subscription goes live asynchronously: publish until it has heard one event, then a few more.
    for (let i = 0; adminEvents().length < 3; i += 1) {
      app.bus!.publish(TOPICS.CHECK_RUN_UPDATED, checkRunSnapshot(1_000 + i, 'RUNNING', 0));
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (i > 300) throw new Error('the admin subscription never went live');
    }
    expect(adminEvents()[0]!.payload).toMatchObject({ data: { checkRunUpdated: { progress: 0 } } });
    const forStudent = studentMessages.filter((m) => m.id === 'runs');
    expect(forStudent.map((m) => m.type)).toEqual(['next', 'complete']);
    expect(forStudent.some((m) => JSON.stringify(m.payload ?? {}).includes('"data"'))).toBe(false);
    expect(studentSession.socket.readyState).toBe(studentSession.socket.OPEN);
  });

  it('still runs what the student may on the same socket', async () => {
    const me = await studentSession.request('me', '{ me { id role } }');
    expect(me).toMatchObject({ type: 'next', payload: { data: { me: { id: String(student.id), role: 'STUDENT' } } } });
    const mixed = await studentSession.request('mixed', '{ me { id } healthStatus { state } }');
    expect(mixed.payload).toMatchObject({
      data: { me: { id: String(student.id) }, healthStatus: null },
      errors: [{ path: ['healthStatus'], extensions: { code: 'FORBIDDEN' } }],
    });
  });
});
