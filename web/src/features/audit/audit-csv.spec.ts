import { describe, expect, it } from 'vitest';
import { auditCsv, auditCsvFileName, csvCell, type AuditCsvEntry } from './audit-csv';
import { changedKeys, formatAuditJson } from './audit-json';

const entry = (overrides: Partial<AuditCsvEntry> = {}): AuditCsvEntry => ({
  id: '7',
  at: '2026-12-03T07:00:00.000Z',
  action: 'USER_UPDATED',
  actor: { id: '1', email: 'admin@levelsync.test', fullName: 'Ada Admin' },
  targetType: 'User',
  targetId: '42',
  clientAddress: '127.0.0.1',
  requestId: 'req-1',
  before: '{"role":"VIEWER"}',
  after: '{"role":"OPERATOR"}',
  ...overrides,
});

describe('the audit CSV export', () => {
  it('has a header row and one CRLF-terminated row per entry, JSON quoted with its quotes doubled', () => {
    const csv = auditCsv([entry()]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,at,action,actor_id,actor_email,actor_name,target_type,target_id,client_address,request_id,before,after');
    expect(lines[1]).toBe('7,2026-12-03T07:00:00.000Z,USER_UPDATED,1,admin@levelsync.test,Ada Admin,User,42,127.0.0.1,req-1,"{""role"":""VIEWER""}","{""role"":""OPERATOR""}"');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
  });

  it('leaves missing values empty (a failed sign-in has no actor)', () => {
    const line = auditCsv([entry({ actor: null, targetType: null, targetId: null, before: null, after: null })]).split('\r\n')[1];
    expect(line).toBe('7,2026-12-03T07:00:00.000Z,USER_UPDATED,,,,,,127.0.0.1,req-1,,');
  });

  it('quotes commas and line breaks, and turns a formula into text', () => {
    expect(csvCell('Smith, Ann')).toBe('"Smith, Ann"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1+2')).toBe(`"'-1+2"`);
    expect(csvCell('plain')).toBe('plain');
  });

  it('names the file by the minute it was made', () => {
    expect(auditCsvFileName(new Date('2026-12-03T08:12:34Z'))).toBe('audit-2026-12-03T0812Z.csv');
  });
});

describe('before and after', () => {
  it('are indented when they are JSON and kept as they are when not', () => {
    expect(formatAuditJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(formatAuditJson('not json')).toBe('not json');
    expect(formatAuditJson(null)).toBeNull();
  });

  it('name the keys that changed', () => {
    expect(changedKeys('{"role":"VIEWER","isActive":true}', '{"role":"ADMIN","isActive":true}')).toEqual(['role']);
    expect(changedKeys(null, '{"email":"a@b.c"}')).toEqual(['email']);
  });
});
