import { describe, expect, it } from 'vitest';
import type { RepairAction } from '../../generated/graphql';
import { describeAction, describeActor, describeChange, parsePairLevels } from './repair';

describe('describeChange', () => {
  it('shows the license level moving to the progress level', () => {
    const before = JSON.stringify({ progress: { totalXp: 900, currentLevel: 3 }, license: { currentLevel: 5, maxAchievedLevel: 5 } });
    const after = JSON.stringify({ progress: { totalXp: 900, currentLevel: 3 }, license: { currentLevel: 3, maxAchievedLevel: 5 } });
    expect(describeChange({ before, after })).toBe('License L5 → L3');
  });

  it('shows an issued license as coming from none', () => {
    const before = JSON.stringify({ progress: { totalXp: 0, currentLevel: 1 }, license: null });
    const after = JSON.stringify({ progress: { totalXp: 0, currentLevel: 1 }, license: { currentLevel: 1, maxAchievedLevel: 1 } });
    expect(describeChange({ before, after })).toBe('License none → L1');
  });

  it('says nothing it cannot read', () => {
    expect(describeChange({ before: null, after: '{}' })).toBe('—');
    expect(parsePairLevels('not json')).toBeNull();
  });
});

describe('describeActor', () => {
  it('names the admin, else the job or the enforcer', () => {
    expect(describeActor({ trigger: 'MANUAL', actor: { id: '1', fullName: 'Ada Admin' } })).toBe('Ada Admin');
    expect(describeActor({ trigger: 'AUTO_SYNC', actor: null })).toBe('Auto-sync');
    expect(describeActor({ trigger: 'ENFORCER', actor: null })).toBe('Coupling enforcer');
  });
});

describe('describeAction', () => {
  it('words every action of the RepairAction enum', () => {
    const actions: RepairAction[] = ['LICENSE_ISSUED', 'LICENSE_LEVEL_SYNCED', 'PROGRESS_LEVEL_RECOMPUTED', 'PROGRESS_RESTORED'];
    expect(actions.map(describeAction)).toEqual(['License issued', 'License level synced', 'Level recomputed from XP', 'Progress restored']);
  });
});
