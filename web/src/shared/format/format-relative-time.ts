const relative = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto', style: 'short' });

const steps: ReadonlyArray<[limitSeconds: number, unit: Intl.RelativeTimeFormatUnit, seconds: number]> = [
  [60, 'second', 1],
  [3600, 'minute', 60],
  [86_400, 'hour', 3600],
  [Infinity, 'day', 86_400],
];

/** "5 min. ago", "in 3 min.", "now" — relative to `now` so a ticking clock can re-render it. */
export function formatRelativeTime(iso: string | null | undefined, now: number): string {
  if (!iso) return '—';
  const deltaSeconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Math.abs(deltaSeconds) < 5) return 'just now';
  for (const [limit, unit, size] of steps) {
    if (Math.abs(deltaSeconds) < limit) return relative.format(Math.round(deltaSeconds / size), unit);
  }
  return '—';
}

const absolute = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Full timestamp for tooltips and <time> titles. */
export function formatTimestamp(iso: string | null | undefined): string {
  return iso ? absolute.format(new Date(iso)) : '—';
}
