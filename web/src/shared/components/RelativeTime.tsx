import { formatRelativeTime, formatTimestamp } from '../format/format-relative-time';

interface RelativeTimeProps {
  iso: string | null | undefined;
  now: number;
}

/** "3 min. ago" with the exact timestamp available to pointer and assistive tech users. */
export function RelativeTime({ iso, now }: RelativeTimeProps) {
  if (!iso) return <span>—</span>;
  // `now` ticks every few seconds; a timestamp that just arrived must not read as "in 8 sec.".
  const current = Math.max(now, Date.now());
  return (
    <time dateTime={iso} title={formatTimestamp(iso)}>
      {formatRelativeTime(iso, current)}
    </time>
  );
}
