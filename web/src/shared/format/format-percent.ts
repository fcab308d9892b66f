/** Formats a 0..1 ratio as a percentage; `null` (no finished run yet) becomes an em dash. */
export function formatPercent(ratio: number | null | undefined, fractionDigits = 1): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—';
  // Never show "100.0%" for 99.96 %: a single violation must stay visible.
  const factor = 10 ** fractionDigits;
  const value = Math.floor(ratio * 100 * factor) / factor;
  return `${value.toFixed(fractionDigits)}%`;
}
