import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';

const SEARCH = `query ($student: String) {
  violations(filter: { student: $student }) { totalCount edges { node { student { fullName } } } }
}`;

interface Found {
  violations: { totalCount: number; edges: Array<{ node: { student: { fullName: string } } }> };
}

describe('violations filtered by student name or email', () => {
  let app: TestApp;
  let token: string;

  async function openViolationFor(fullName: string): Promise<void> {
    const student = await app.createUser('STUDENT', fullName);
    await app.sql(`insert into violations (student_id, specialization, type) values (?, 'PLAYER', 'MISSING_LICENSE')`, [student.id]);
  }

  async function search(student: string): Promise<string[]> {
    const { body } = await app.gql<Found>(SEARCH, { student }, token);
    expect(body.errors).toBeUndefined();
    const names = body.data!.violations.edges.map((edge) => edge.node.student.fullName).sort();
    expect(body.data!.violations.totalCount).toBe(names.length);
    return names;
  }

  beforeAll(async () => {
    app = await startTestApp();
    token = await app.adminToken();
    for (const name of ['Ada Lovelace', 'Alan Turing', 'Grace 100% Hopper', 'Grace_Brewster']) await openViolationFor(name);
  });
  afterAll(() => app.close());

  it('matches part of the name, ignoring case', async () => {
    expect(await search('LOVE')).toEqual(['Ada Lovelace']);
    expect(await search('a')).toHaveLength(4);
  });

  it('matches part of the email', async () => {
    // createUser emails look like student-<pid>-<n>@levelsync.test
    expect(await search('@levelsync.test')).toHaveLength(4);
  });

  it('takes % and _ literally', async () => {
    expect(await search('100%')).toEqual(['Grace 100% Hopper']);
    expect(await search('e_B')).toEqual(['Grace_Brewster']);
    expect(await search('%')).toEqual(['Grace 100% Hopper']);
  });

  it('refuses a search longer than 200 characters', async () => {
    const { body } = await app.gql(SEARCH, { student: 'x'.repeat(201) }, token);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses control characters (PostgreSQL cannot store NUL) with a clear message', async () => {
    for (const student of ['\u0000', 'Ada\u0000', 'line\nbreak', '\u007f']) {
      const { status, body } = await app.gql(SEARCH, { student }, token);
      expect(status).toBe(200);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toContain('printable');
    }
  });
});
