const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/** Tick spacings a reader can count in, smallest first. */
const STEPS = [
  10 * second,
  15 * second,
  30 * second,
  minute,
  2 * minute,
  5 * minute,
  10 * minute,
  15 * minute,
  30 * minute,
  hour,
  2 * hour,
  3 * hour,
  6 * hour,
  12 * hour,
  day,
  2 * day,
  7 * day,
  14 * day,
  30 * day,
];

const withSeconds = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const timeOfDay = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const dayOfMonth = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: 'short' });
const dayAndTime = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' });

export interface TimeTick {
  time: number;
  label: string;
}

/** Milliseconds local time is ahead of UTC at `time` (DST included). */
const localOffset = (time: number) => -new Date(time).getTimezoneOffset() * minute;

/** Multiples of `step` in local time within [t0, t1]: whole minutes, hours, local midnights. */
function ticksOf(t0: number, t1: number, step: number): number[] {
  const ticks: number[] = [];
  if (step >= day) {
    const cursor = new Date(t0);
    cursor.setHours(0, 0, 0, 0);
    const days = step / day;
    if (cursor.getTime() < t0) cursor.setDate(cursor.getDate() + 1);
    // Weeks and months of days count from the epoch's local day, so ticks do not jump as t0 moves.
    while (Math.round((cursor.getTime() + localOffset(cursor.getTime())) / day) % days !== 0) cursor.setDate(cursor.getDate() + 1);
    for (; cursor.getTime() <= t1; cursor.setDate(cursor.getDate() + days)) ticks.push(cursor.getTime());
    return ticks;
  }
  const offset = localOffset(t0);
  for (let time = Math.ceil((t0 + offset) / step) * step - offset; time <= t1; time += step) ticks.push(time);
  return ticks;
}

function labelFormat(span: number, step: number): Intl.DateTimeFormat {
  if (span === 0) return timeOfDay;
  if (step >= day) return dayOfMonth;
  if (span >= day - hour) return dayAndTime;
  return step < minute ? withSeconds : timeOfDay;
}

/**
 * Time ticks for an axis from t0 to t1 with at most `maxTicks` labels: the smallest readable spacing
 * that fits, aligned on the clock, and labels that never repeat whatever the span (the precision of
 * a label follows the spacing; a span of a day or more names the day).
 */
export function timeTicks(t0: number, t1: number, maxTicks: number): TimeTick[] {
  const [from, to] = t0 <= t1 ? [t0, t1] : [t1, t0];
  const limit = Math.max(1, Math.floor(maxTicks));
  const span = to - from;
  const step = STEPS.find((candidate) => span / candidate < limit) ?? Math.ceil(span / limit / day) * day;
  let ticks = span === 0 ? [] : ticksOf(from, to, step);
  if (ticks.length === 0) ticks = [from];
  const format = labelFormat(span, step);
  const labelled = ticks.map((time) => ({ time, label: format.format(time) }));
  // A repeated wall-clock time (the hour DST falls back) would repeat a label: name the day too, then drop what still repeats.
  const unique = new Set(labelled.map((tick) => tick.label)).size === labelled.length ? labelled : ticks.map((time) => ({ time, label: dayAndTime.format(time) }));
  const seen = new Set<string>();
  return unique.filter((tick) => !seen.has(tick.label) && seen.add(tick.label));
}
