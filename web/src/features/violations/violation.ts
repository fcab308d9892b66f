import type { Specialization, ViolationFieldsFragment, ViolationType } from '../../generated/graphql';

export type Violation = ViolationFieldsFragment;

export const violationTypes: ViolationType[] = ['LEVEL_MISMATCH', 'MISSING_LICENSE', 'ORPHAN_LICENSE', 'XP_LEVEL_MISMATCH'];
export const violationTypeLabel: Record<ViolationType, string> = {
  LEVEL_MISMATCH: 'Level mismatch',
  MISSING_LICENSE: 'Missing license',
  ORPHAN_LICENSE: 'Orphan license',
  XP_LEVEL_MISMATCH: 'XP/level mismatch',
};

export const specializations: Specialization[] = ['PLAYER', 'COACH', 'INTERNSHIP'];

export interface Drift {
  progress: string;
  license: string;
  /** License level minus progress level, when both exist. */
  delta: number | null;
  summary: string;
}

const levels = (n: number) => `${Math.abs(n)} level${Math.abs(n) === 1 ? '' : 's'}`;

/** The progress-versus-license difference of one violation, in words and numbers. */
export function describeDrift(violation: Pick<Violation, 'type' | 'progressLevel' | 'licenseLevel' | 'totalXp'>): Drift {
  const { type, progressLevel: p, licenseLevel: l, totalXp } = violation;
  const progress = p === null ? 'No progress' : `Level ${p}`;
  const license = l === null ? 'No license' : `Level ${l}`;
  const delta = p !== null && l !== null ? l - p : null;
  switch (type) {
    case 'MISSING_LICENSE':
      return { progress, license, delta, summary: 'Progress exists but the license is missing' };
    case 'ORPHAN_LICENSE':
      return { progress, license, delta, summary: 'License exists without any progress' };
    case 'XP_LEVEL_MISMATCH':
      return {
        progress,
        license,
        delta,
        summary: `${totalXp === null ? 'XP' : `${totalXp.toLocaleString('en-US')} XP`} does not match level ${p ?? '—'}`,
      };
    case 'LEVEL_MISMATCH':
      if (delta === null || delta === 0) return { progress, license, delta, summary: 'Levels disagree' };
      return { progress, license, delta, summary: `License ${levels(delta)} ${delta < 0 ? 'behind' : 'ahead of'} progress` };
  }
}

/** "−2", "+1", "0"; a real minus sign so screen readers and fonts agree. */
export function formatDelta(delta: number): string {
  if (delta === 0) return '0';
  return delta > 0 ? `+${delta}` : `\u2212${Math.abs(delta)}`;
}
