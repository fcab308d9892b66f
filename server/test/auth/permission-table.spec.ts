import { GraphQLObjectType, GraphQLSchema, GraphQLString, execute, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, PERMISSIONS } from '../../src/domain/auth/permissions';
import { TOPICS, type Topic, type TopicPayloads } from '../../src/domain/events/topics';
import { ROLES, type Role } from '../../src/domain/shared/specialization';
import { guardRootFields } from '../../src/graphql/common/permission-guard';
import { buildApiSchema } from '../../src/graphql/schema';
import { checkRunSnapshot } from '../support/event-snapshots';
import { createStudent, startTestApp, type TestApp } from '../support/test-app';
import { openWsSession, type WsMessage, type WsSession } from '../support/ws-session';

interface Target {
  studentId: number;
  userId: number;
  n: number;
}

/**
 * One real operation per root field that is a query or a mutation. A new root field without an
 * operation here fails the walk below: every field is tried against every role.
 */
const OPERATIONS: Record<string, (t: Target) => { query: string; variables?: Record<string, unknown> }> = {
  'Query.me': () => ({ query: '{ me { id role permissions } }' }),
  'Query.studentProgress': (t) => ({ query: 'query ($id: ID!) { studentProgress(studentId: $id) { totalXp } }', variables: { id: String(t.studentId) } }),
  'Query.healthStatus': () => ({ query: '{ healthStatus { state } }' }),
  'Query.healthMetrics': () => ({ query: '{ healthMetrics { openViolations } }' }),
  'Query.violations': () => ({ query: '{ violations(first: 2) { totalCount } }' }),
  'Query.checkRuns': () => ({ query: '{ checkRuns(first: 2) { totalCount } }' }),
  'Query.repairs': () => ({ query: '{ repairs(first: 2) { totalCount } }' }),
  'Query.repairPreview': (t) => ({
    query: 'query ($id: ID!) { repairPreview(studentId: $id, specialization: PLAYER) { alreadyConsistent } }',
    variables: { id: String(t.studentId) },
  }),
  'Query.systemInfo': () => ({ query: '{ systemInfo { version } }' }),
  'Query.users': () => ({ query: '{ users(first: 2, search: "a") { totalCount edges { node { id email } } } }' }),
  'Query.auditLog': () => ({ query: '{ auditLog(first: 2, filter: { action: "SIGN_IN" }) { totalCount edges { node { id action } } } }' }),
  'Mutation.login': () => ({ query: 'mutation { login(email: "nobody@levelsync.test", password: "wrong-password-123") { accessToken } }' }),
  'Mutation.signOut': () => ({ query: 'mutation { signOut }' }),
  'Mutation.changePassword': () => ({ query: 'mutation { changePassword(currentPassword: "not-the-password", newPassword: "an-unusual-new-passphrase") }' }),
  'Mutation.assignSpecialization': (t) => ({
    query: 'mutation ($id: ID!) { assignSpecialization(studentId: $id, specialization: COACH) { id } }',
    variables: { id: String(t.studentId) },
  }),
  'Mutation.updateProgress': (t) => ({
    query: 'mutation ($input: ProgressUpdateInput!) { updateProgress(input: $input) { leveledUp } }',
    variables: { input: { studentId: String(t.studentId), specialization: 'PLAYER', xpChange: 5 } },
  }),
  'Mutation.runHealthCheck': () => ({ query: 'mutation { runHealthCheck { id } }' }),
  'Mutation.runAutoSync': () => ({ query: 'mutation { runAutoSync { id } }' }),
  'Mutation.resyncLicense': (t) => ({
    query: 'mutation ($id: ID!) { resyncLicense(studentId: $id, specialization: PLAYER) { id } }',
    variables: { id: String(t.studentId) },
  }),
  'Mutation.createUser': (t) => ({
    query: 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }',
    variables: { input: { email: `walk-${t.n}@levelsync.test`, password: 'a-long-unusual-passphrase', fullName: 'Walk', role: 'VIEWER' } },
  }),
  'Mutation.inviteUser': (t) => ({
    query: 'mutation ($input: InviteUserInput!) { inviteUser(input: $input) { user { id } initialPassword } }',
    variables: { input: { email: `invite-${t.n}@levelsync.test`, fullName: 'Invited', role: 'OPERATOR' } },
  }),
  'Mutation.updateUser': (t) => ({
    query: 'mutation ($id: ID!) { updateUser(id: $id, input: { fullName: "Renamed" }) { id fullName } }',
    variables: { id: String(t.userId) },
  }),
  'Mutation.resetPassword': (t) => ({ query: 'mutation ($id: ID!) { resetPassword(userId: $id) }', variables: { id: String(t.userId) } }),
  'Query.alertRules': () => ({ query: '{ alertRules { id metric state } }' }),
  'Query.alertTransitions': () => ({ query: '{ alertTransitions(ruleId: "1", limit: 2) { id } }' }),
  'Query.alerts': () => ({ query: '{ alerts(first: 2, filter: { firingOnly: true }) { totalCount } }' }),
  'Query.notificationChannels': () => ({ query: '{ notificationChannels { id kind } }' }),
  'Query.notificationDeliveries': () => ({ query: '{ notificationDeliveries(first: 2) { totalCount } }' }),
  'Mutation.createAlertRule': (t) => ({
    query: 'mutation ($input: AlertRuleInput!) { createAlertRule(input: $input) { id } }',
    variables: { input: { name: `Walk ${t.n}`, metric: 'OPEN_VIOLATIONS', warning: 10, critical: 100 } },
  }),
  'Mutation.updateAlertRule': (t) => ({
    query: 'mutation ($input: AlertRuleInput!) { updateAlertRule(id: "999999", input: $input) { id } }',
    variables: { input: { name: `Walk ${t.n}`, metric: 'OPEN_VIOLATIONS', warning: 10, critical: 100 } },
  }),
  'Mutation.deleteAlertRule': () => ({ query: 'mutation { deleteAlertRule(id: "999999") }' }),
  'Mutation.silenceAlerts': () => ({ query: 'mutation ($until: DateTimeISO!) { silenceAlerts(ruleId: "999999", until: $until, reason: "walk") { id } }', variables: { until: new Date(Date.now() + 60_000).toISOString() } }),
  'Mutation.silenceAllAlerts': () => ({ query: 'mutation ($until: DateTimeISO!) { silenceAllAlerts(until: $until, reason: "walk") { id } }', variables: { until: new Date(Date.now() + 1_000).toISOString() } }),
  'Mutation.unsilenceAlerts': () => ({ query: 'mutation { unsilenceAlerts(ruleId: "999999") { id } }' }),
  'Mutation.acknowledgeAlert': () => ({ query: 'mutation { acknowledgeAlert(id: "999999") { id } }' }),
  'Mutation.createNotificationChannel': (t) => ({
    query: 'mutation ($input: NotificationChannelInput!) { createNotificationChannel(input: $input) { id } }',
    variables: { input: { name: `Walk ${t.n}`, kind: 'WEBHOOK', enabled: false, url: 'http://127.0.0.1:9/hook' } },
  }),
  'Mutation.updateNotificationChannel': (t) => ({
    query: 'mutation ($input: NotificationChannelInput!) { updateNotificationChannel(id: "999999", input: $input) { id } }',
    variables: { input: { name: `Walk ${t.n}`, kind: 'WEBHOOK', url: 'http://127.0.0.1:9/hook' } },
  }),
  'Mutation.deleteNotificationChannel': () => ({ query: 'mutation { deleteNotificationChannel(id: "999999") }' }),
  'Mutation.sendTestNotification': () => ({ query: 'mutation { sendTestNotification(channelId: "999999") { id status } }' }),
};

/** An event per subscription that a caller allowed to subscribe receives (a state topic sends its current state first). */
const EVENTS: Record<string, { query: string; topic: Topic; payload: () => TopicPayloads[Topic] }> = {
  'Subscription.checkRunUpdated': { query: 'subscription { checkRunUpdated { id } }', topic: TOPICS.CHECK_RUN_UPDATED, payload: () => checkRunSnapshot(9_000, 'RUNNING', 0.5) },
  'Subscription.healthStatusChanged': { query: 'subscription { healthStatusChanged { state } }', topic: TOPICS.CHECK_RUN_UPDATED, payload: () => checkRunSnapshot(9_001, 'RUNNING', 0.1) },
  'Subscription.repairsMade': {
    query: 'subscription { repairsMade { resolvedViolationIds } }',
    topic: TOPICS.REPAIRS_MADE,
    payload: () => ({ trigger: 'MANUAL', actorId: null, jobId: null, repairs: [], resolvedViolationIds: [1], madeAt: new Date() }),
  },
  'Subscription.violationsChanged': {
    query: 'subscription { violationsChanged { openCount } }',
    topic: TOPICS.VIOLATIONS_CHANGED,
    payload: () => ({ opened: [], resolved: [], openCount: 0, detectedAt: new Date() }),
  },
  'Subscription.alertsChanged': {
    query: 'subscription { alertsChanged { id severity } }',
    topic: TOPICS.ALERTS_CHANGED,
    payload: () => ({
      id: 1,
      ruleId: 1,
      ruleName: 'Consistency',
      metric: 'CONSISTENCY_RATE',
      state: 'FIRING',
      severity: 'CRITICAL',
      value: 90,
      startedAt: new Date(),
      resolvedAt: null,
      acknowledgedAt: null,
      acknowledgedById: null,
      suppressedBy: null,
      escalatedAt: null,
    }),
  },
  'Subscription.auditLogAppended': {
    query: 'subscription { auditLogAppended { id action at } }',
    topic: TOPICS.AUDIT_LOG_APPENDED,
    payload: () => ({
      id: 1,
      action: 'SIGN_IN',
      actorId: null,
      targetType: 'User',
      targetId: '1',
      before: null,
      after: null,
      clientAddress: null,
      requestId: null,
      recordedAt: new Date(),
    }),
  },
};

type Caller = Role | 'anonymous';
const CALLERS: Caller[] = [...ROLES, 'anonymous'];

describe('the permission table', () => {
  it('has a decision for every root field of the schema, and no line for a field the schema lacks', async () => {
    const schema = await buildApiSchema();
    const fields = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
      Object.keys(type!.getFields()).map((field) => `${type!.name}.${field}`),
    );
    expect(fields.filter((field) => PERMISSIONS[field] === undefined)).toEqual([]);
    expect(Object.keys(PERMISSIONS).filter((field) => !fields.includes(field))).toEqual([]);
    // And this walk has a real operation for each of them.
    expect(fields.filter((field) => !OPERATIONS[field] && !EVENTS[field])).toEqual([]);
  });

  it('refuses a root field it has no line for, for every role', async () => {
    const Query = new GraphQLObjectType({ name: 'Query', fields: { undeclaredField: { type: GraphQLString, resolve: () => 'leaked' } } });
    const schema = guardRootFields(new GraphQLSchema({ query: Query }));
    const result = await execute({ schema, document: parse('{ undeclaredField }'), contextValue: { viewer: { id: 1, role: 'ADMIN' } } });
    expect(result.data).toEqual({ undeclaredField: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'UNDECLARED_FIELD' });
  });

  it('gives VIEWER every dashboard read and no mutation but their own password and sign-out', () => {
    const mutations = Object.keys(PERMISSIONS).filter((f) => f.startsWith('Mutation.') && decide(f, { role: 'VIEWER' }) === 'ALLOWED');
    expect(mutations.sort()).toEqual(['Mutation.changePassword', 'Mutation.login', 'Mutation.signOut']);
    for (const read of ['Query.healthStatus', 'Query.violations', 'Query.repairs', 'Subscription.violationsChanged']) {
      expect(decide(read, { role: 'VIEWER' })).toBe('ALLOWED');
    }
    expect(decide('Mutation.resyncLicense', { role: 'OPERATOR' })).toBe('ALLOWED');
    expect(decide('Mutation.updateUser', { role: 'OPERATOR' })).toBe('FORBIDDEN');
  });
});

describe('every root field against every role', () => {
  let app: TestApp;
  let counter = 0;
  const target = async (): Promise<Target> => {
    counter += 1;
    const student = await createStudent(app);
    const user = await app.createUser('VIEWER');
    return { studentId: student.id, userId: user.id, n: counter };
  };
  const callerToken = async (caller: Caller): Promise<string | undefined> => (caller === 'anonymous' ? undefined : (await app.createUser(caller)).token);

  beforeAll(async () => {
    app = await startTestApp({}, { liveEvents: true });
  });
  afterAll(() => app.close());

  describe('over HTTP', () => {
    for (const [field, build] of Object.entries(OPERATIONS)) {
      for (const caller of CALLERS) {
        const decision = decide(field, caller === 'anonymous' ? null : { role: caller });
        it(`${field} as ${caller}: ${decision}`, async () => {
          const t = await target();
          // A student acts on their own progress: the walk shows the role's rule, not the service's self rule.
          const student = caller === 'STUDENT' ? await createStudent(app) : null;
          const token = student ? student.token : await callerToken(caller);
          const { query, variables } = build(student ? { ...t, studentId: student.id } : t);
          const { status, body } = await app.gql(query, variables, token);
          const codes = (body.errors ?? []).map((e) => e.extensions?.code);
          if (decision === 'ALLOWED') {
            expect(status).toBe(200);
            expect(codes).not.toContain('FORBIDDEN');
          } else if (decision === 'UNAUTHENTICATED') {
            expect(status).toBe(401);
            expect(codes).toEqual(['UNAUTHENTICATED']);
          } else {
            expect(status).toBe(200);
            const name = field.split('.')[1]!;
            expect(body.errors?.map((e) => ({ code: e.extensions?.code, path: e.path }))).toEqual([{ code: 'FORBIDDEN', path: [name] }]);
          }
        });
      }
    }
  });

  describe('over graphql-ws', () => {
    const sessions: WsSession[] = [];
    afterAll(() => sessions.forEach((s) => s.close()));
    const signedIn = async (role: Role, student?: { token: string }): Promise<WsSession> => {
      const token = student ? student.token : (await app.createUser(role)).token;
      const session = openWsSession(app.wsUrl);
      sessions.push(session);
      expect(await session.init({ authorization: `Bearer ${token}` })).toBe(true);
      return session;
    };

    for (const role of ROLES) {
      it(`runs each query and mutation as ${role} as the table says`, async () => {
        for (const [field, build] of Object.entries(OPERATIONS)) {
          const student = role === 'STUDENT' ? await createStudent(app) : undefined;
          const session = await signedIn(role, student);
          const t = await target();
          const { query, variables } = build(student ? { ...t, studentId: student.id } : t);
          if (field === 'Mutation.signOut') {
            // Signing out ends the socket's own session: the socket closes with 4401.
            session.send(JSON.stringify({ id: field, type: 'subscribe', payload: { query } }));
            expect((await session.closed).code).toBe(4401);
            continue;
          }
          const answer = await session.request(field, query, variables);
          const errors = (answer.payload as { errors?: Array<{ extensions?: { code?: string } }> }).errors ?? [];
          const forbidden = errors.some((e) => e.extensions?.code === 'FORBIDDEN');
          expect({ field, forbidden }).toEqual({ field, forbidden: decide(field, { role }) !== 'ALLOWED' });
        }
      });

      it(`subscribes as ${role} where the table allows it, and only there`, async () => {
        const session = await signedIn(role);
        const messages: WsMessage[] = [];
        session.socket.on('message', (data) => messages.push(JSON.parse(String(data)) as WsMessage));
        for (const [field, event] of Object.entries(EVENTS)) {
          session.send(JSON.stringify({ id: field, type: 'subscribe', payload: { query: event.query } }));
          const of = () => messages.filter((m) => m.id === field);
          if (decide(field, { role }) === 'ALLOWED') {
            for (let i = 0; !of().some((m) => m.type === 'next'); i += 1) {
              app.bus!.publish(event.topic, event.payload() as never);
              await new Promise((resolve) => setTimeout(resolve, 20));
              if (i > 300) throw new Error(`${field} never delivered to ${role}`);
            }
            expect(of().find((m) => m.type === 'next')!.payload).toHaveProperty('data');
            session.send(JSON.stringify({ id: field, type: 'complete' }));
          } else {
            for (let i = 0; !of().some((m) => m.type === 'complete'); i += 1) {
              await new Promise((resolve) => setTimeout(resolve, 10));
              if (i > 500) throw new Error(`${field} was neither refused nor completed for ${role}`);
            }
            expect(of()[0]!.payload).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
            expect(of().some((m) => m.type === 'next' && JSON.stringify(m.payload).includes('"data"'))).toBe(false);
          }
        }
      });
    }
  });
});
