import { describe, expect, it } from 'vitest';
import { aViolation } from '../../test/factories';
import { applyViolationChange, mergeFirstPage, noLiveViolations, type LocalFilter } from './live-violations';

const everything: LocalFilter = { type: '', specialization: '', studentId: null, search: false, includeResolved: false };

describe('live violations', () => {
  it('puts pushed violations on top of the first page, newest first, marked new, one page long', () => {
    const fetched = [aViolation({ id: '5' }), aViolation({ id: '4' })];
    const live = applyViolationChange(noLiveViolations, { opened: [aViolation({ id: '6' }), aViolation({ id: '7' })], resolved: [], openCount: 4 });
    expect(mergeFirstPage(fetched, live, 0, everything, 3).map((v) => v.id)).toEqual(['7', '6', '5']);
    expect([...live.newIds].sort()).toEqual(['6', '7']);
    expect(live.openCount).toBe(4);
  });

  it('takes resolved violations off, pushed or fetched, unless resolved ones are listed', () => {
    let live = applyViolationChange(noLiveViolations, { opened: [aViolation({ id: '9' })], resolved: [], openCount: 3 });
    live = applyViolationChange(live, { opened: [], resolved: ['9', '4'], openCount: 1 });
    const fetched = [aViolation({ id: '5' }), aViolation({ id: '4' })];
    expect(mergeFirstPage(fetched, live, 0, everything, 25).map((v) => v.id)).toEqual(['5']);
    expect(mergeFirstPage(fetched, live, 0, { ...everything, includeResolved: true }, 25).map((v) => v.id)).toEqual(['5', '4']);
  });

  it('shows a pushed violation once, when the refetch brings it too', () => {
    const pushed = aViolation({ id: '8' });
    const live = applyViolationChange(noLiveViolations, { opened: [pushed], resolved: [], openCount: 1 });
    expect(mergeFirstPage([pushed], live, 0, everything, 25).map((v) => v.id)).toEqual(['8']);
  });

  it('leaves it to a page fetched after the push, which no longer lists a violation a repair resolved meanwhile', () => {
    const live = applyViolationChange(noLiveViolations, { opened: [aViolation({ id: '12' })], resolved: [], openCount: 1 });
    expect(mergeFirstPage([], live, 0, everything, 25).map((v) => v.id)).toEqual(['12']);
    expect(mergeFirstPage([], live, live.version, everything, 25)).toEqual([]);
    expect(live.newIds.has('12')).toBe(true);
  });

  it('adds only pushed violations the filter matches, and none under a name search (the server decides)', () => {
    const live = applyViolationChange(noLiveViolations, {
      opened: [aViolation({ id: '2', type: 'MISSING_LICENSE' }), aViolation({ id: '3', type: 'LEVEL_MISMATCH' })],
      resolved: [],
      openCount: 2,
    });
    expect(mergeFirstPage([], live, 0, { ...everything, type: 'LEVEL_MISMATCH' }, 25).map((v) => v.id)).toEqual(['3']);
    expect(mergeFirstPage([], live, 0, { ...everything, search: true }, 25)).toEqual([]);
  });
});
