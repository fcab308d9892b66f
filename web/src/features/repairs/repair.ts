import type { RecentRepairsQuery, RepairAction, RepairTrigger } from '../../generated/graphql';

export type Repair = NonNullable<RecentRepairsQuery['repairs']>['edges'][number]['node'];

const actionLabel: Record<RepairAction, string> = {
  LICENSE_LEVEL_SYNCED: 'License level synced',
  LICENSE_ISSUED: 'License issued',
  PROGRESS_LEVEL_RECOMPUTED: 'Level recomputed from XP',
  PROGRESS_RESTORED: 'Progress restored',
};

const triggerLabel: Record<RepairTrigger, string> = {
  MANUAL: 'Admin',
  AUTO_SYNC: 'Auto-sync',
  ENFORCER: 'Coupling enforcer',
};

export function describeAction(action: RepairAction): string {
  return actionLabel[action];
}

/** Who made the repair: the admin by name, else the job or the enforcer. */
export function describeActor(repair: Pick<Repair, 'trigger' | 'actor'>): string {
  return repair.actor?.fullName ?? triggerLabel[repair.trigger];
}

interface PairLevels {
  progress: number | null;
  license: number | null;
}

/** Levels from the audit's before/after JSON (`{ progress, license }`); null when it holds no pair. */
export function parsePairLevels(json: string | null): PairLevels | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as { progress?: { currentLevel?: unknown } | null; license?: { currentLevel?: unknown } | null };
    if (typeof value !== 'object' || value === null || !('progress' in value || 'license' in value)) return null;
    const level = (side: { currentLevel?: unknown } | null | undefined) => (typeof side?.currentLevel === 'number' ? side.currentLevel : null);
    return { progress: level(value.progress), license: level(value.license) };
  } catch {
    return null;
  }
}

const side = (level: number | null) => (level === null ? 'none' : `L${level}`);

/** "License L3 → L5": what the repair changed, from the audit's before and after. */
export function describeChange(repair: Pick<Repair, 'before' | 'after'>): string {
  const before = parsePairLevels(repair.before);
  const after = parsePairLevels(repair.after);
  if (!before || !after) return '—';
  const changes: string[] = [];
  if (before.progress !== after.progress) changes.push(`Progress ${side(before.progress)} → ${side(after.progress)}`);
  if (before.license !== after.license) changes.push(`License ${side(before.license)} → ${side(after.license)}`);
  return changes.length > 0 ? changes.join(', ') : 'No level change';
}
