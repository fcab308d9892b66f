// Plausible data for reviewing the dashboard's look without a running API. Not used by tests.
const minute = 60_000;
const now = Date.now();
const iso = (offsetMs: number) => new Date(now + offsetMs).toISOString();

export function checkRun(id: number, minutesAgo: number, rate: number | null, state = 'SUCCEEDED', error: string | null = null) {
  const pairs = 10_000;
  return {
    __typename: 'CheckRun',
    id: String(id),
    trigger: id % 7 === 0 ? 'MANUAL' : id % 11 === 0 ? 'AUTO_SYNC' : 'SCHEDULED',
    state,
    progress: 1,
    queuedAt: iso(-minutesAgo * minute - 2000),
    startedAt: iso(-minutesAgo * minute - 1800),
    finishedAt: iso(-minutesAgo * minute),
    durationMs: 1840 + (id % 5) * 130,
    pairsChecked: state === 'FAILED' ? null : pairs,
    inconsistent: rate === null ? null : Math.round(pairs * (1 - rate)),
    consistencyRate: rate,
    healthState: rate === null ? null : rate >= 0.99 ? 'HEALTHY' : rate >= 0.95 ? 'DEGRADED' : 'CRITICAL',
    error,
  };
}

export const history = Array.from({ length: 36 }, (_, index) => {
  const id = 200 - index;
  const minutesAgo = index * 5 + 1;
  if (index === 9) return checkRun(id, minutesAgo, null, 'FAILED', 'worker lost its database connection (ECONNRESET)');
  const rate = 0.9995 - (index > 4 && index < 20 ? 0.012 + Math.sin(index) * 0.004 : 0.0004 * (index % 3)) - (index < 3 ? 0.021 : 0);
  return checkRun(id, minutesAgo, Number(rate.toFixed(4)));
});

export const lastRun = history[0];

export const healthStatus = {
  __typename: 'HealthStatus',
  state: lastRun.healthState,
  consistencyRate: lastRun.consistencyRate,
  nextScheduledAt: iso(4 * minute),
  lastRun,
  activeRun: null,
};

export const healthMetrics = {
  __typename: 'HealthMetrics',
  pairsChecked: 10_000,
  openViolations: 214,
  openViolationsByType: [
    { __typename: 'ViolationTypeCount', type: 'LEVEL_MISMATCH', count: 151 },
    { __typename: 'ViolationTypeCount', type: 'MISSING_LICENSE', count: 38 },
    { __typename: 'ViolationTypeCount', type: 'XP_LEVEL_MISMATCH', count: 25 },
  ],
  checksLast24h: 289,
  repairsLast24h: 17,
  lastCheckDurationMs: 1840,
};

export const systemInfo = {
  __typename: 'SystemInfo',
  version: '0.1.0+ab1c6d2',
  uptimeSeconds: 3 * 86_400 + 4 * 3600 + 12 * 60,
  workersOnline: 2,
  queueDepth: 0,
  lastCheckAt: lastRun.finishedAt,
  nextScheduledAt: iso(4 * minute),
};

const names = [
  'Amelia Hart',
  '<img src=x onerror=alert(1)>',
  'Bálint Kovács',
  'Noah Okafor',
  'Sofia Rossi',
  'Liam Chen',
  'Zsófia Nagy-Szabó',
  'Mateo García',
];
const types = ['LEVEL_MISMATCH', 'MISSING_LICENSE', 'LEVEL_MISMATCH', 'XP_LEVEL_MISMATCH', 'ORPHAN_LICENSE', 'LEVEL_MISMATCH', 'LEVEL_MISMATCH', 'MISSING_LICENSE'];
const specs = ['PLAYER', 'COACH', 'INTERNSHIP'];

export const violations = names.map((fullName, index) => {
  const type = types[index];
  const progressLevel = type === 'ORPHAN_LICENSE' ? null : 2 + (index % 5);
  const licenseLevel = type === 'MISSING_LICENSE' ? null : type === 'LEVEL_MISMATCH' ? (progressLevel ?? 1) - 1 - (index % 2) : progressLevel ?? 3;
  return {
    __typename: 'Violation',
    id: String(900 + index),
    type,
    specialization: specs[index % 3],
    progressLevel,
    licenseLevel,
    totalXp: type === 'ORPHAN_LICENSE' ? null : 1200 * (index + 3),
    firstSeenAt: iso(-(index + 1) * 47 * minute),
    lastSeenAt: iso(-1 * minute),
    resolvedAt: null,
    student: {
      __typename: 'User',
      id: String(4100 + index * 13),
      fullName,
      email: `${fullName.toLowerCase().replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '') || 'student'}@example.edu`,
    },
  };
});
