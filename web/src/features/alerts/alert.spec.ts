import { describe, expect, it } from 'vitest';
import { applyAlertPushes, type Alert } from './alert';

function alert(id: string, patch: Partial<Alert> = {}): Alert {
  return {
    __typename: 'Alert',
    id,
    state: 'FIRING',
    severity: 'WARNING',
    suppressedBy: null,
    escalatedAt: null,
    value: 98,
    startedAt: '2026-12-03T06:00:00.000Z',
    resolvedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    rule: { __typename: 'AlertRule', id: `rule-${id}`, name: `Rule ${id}`, metric: 'CONSISTENCY_RATE', state: 'FIRING', severity: 'WARNING', warning: 99, critical: 95, forSeconds: 0, silencedUntil: null, silenceReason: null },
    ...patch,
  } as Alert;
}

describe('applyAlertPushes', () => {
  it('puts CRITICAL first, then the longest firing', () => {
    const shown = applyAlertPushes(
      [alert('1', { startedAt: '2026-12-03T06:05:00.000Z' }), alert('2', { startedAt: '2026-12-03T06:01:00.000Z' }), alert('3', { severity: 'CRITICAL' })],
      0,
      [],
    );
    expect(shown.map((a) => a.id)).toEqual(['3', '2', '1']);
  });

  it('adds a pushed alert, replaces a pushed change and drops a pushed resolution that came after the answer', () => {
    const answered = [alert('1'), alert('2')];
    const shown = applyAlertPushes(answered, 1_000, [
      { alert: alert('3', { severity: 'CRITICAL' }), receivedAt: 1_001 },
      { alert: alert('1', { acknowledgedAt: '2026-12-03T06:10:00.000Z' }), receivedAt: 1_002 },
      { alert: alert('2', { resolvedAt: '2026-12-03T06:11:00.000Z' }), receivedAt: 1_003 },
    ]);
    expect(shown.map((a) => a.id)).toEqual(['3', '1']);
    expect(shown[1]!.acknowledgedAt).toBe('2026-12-03T06:10:00.000Z');
  });

  it('keeps a pushed PENDING alert and drops one whose episode ended (INACTIVE)', () => {
    const shown = applyAlertPushes([alert('1'), alert('2')], 0, [
      { alert: alert('3', { state: 'PENDING' }), receivedAt: 1 },
      { alert: alert('2', { state: 'INACTIVE' }), receivedAt: 2 },
    ]);
    expect(shown.map((a) => [a.id, a.state])).toEqual([['1', 'FIRING'], ['3', 'PENDING']]);
  });

  it('ignores pushes the answer already carries (received before it)', () => {
    const shown = applyAlertPushes([alert('1', { severity: 'CRITICAL' })], 2_000, [{ alert: alert('1', { resolvedAt: '2026-12-03T06:11:00.000Z' }), receivedAt: 1_500 }]);
    expect(shown.map((a) => a.severity)).toEqual(['CRITICAL']);
  });
});
