/** The quick silences the strip offers; "until…" takes a time of the admin's choosing. */
export const quickSilences = [
  { label: '15 min', minutes: 15 },
  { label: '1 h', minutes: 60 },
] as const;

export function silenceEnd(now: number, minutes: number): string {
  return new Date(now + minutes * 60_000).toISOString();
}

/**
 * A `datetime-local` value ("2026-12-03T18:30", the browser's local time) as an ISO instant, or
 * null when it is empty, unreadable or not in the future.
 */
export function parseSilenceUntil(local: string, now: number): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null;
  const time = new Date(local).getTime();
  return Number.isNaN(time) || time <= now ? null : new Date(time).toISOString();
}

/** The `datetime-local` value for an instant, in the browser's local time (the input's own format). */
export function toLocalInput(time: number): string {
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
