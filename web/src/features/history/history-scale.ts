/** Lower bound of the y axis: zoom in on the band that matters, in steps of 5 %, never below 0. */
export function lowerBound(rates: number[]): number {
  if (rates.length === 0) return 0.9;
  const min = Math.min(...rates);
  return Math.max(0, Math.min(0.95, Math.floor((min - 0.005) * 20) / 20));
}

export function ticks(lower: number): number[] {
  const span = 1 - lower;
  const step = span <= 0.05 ? 0.01 : span <= 0.1 ? 0.025 : span <= 0.25 ? 0.05 : span <= 0.5 ? 0.1 : 0.25;
  const values: number[] = [];
  for (let value = 1; value >= lower - 1e-9; value -= step) values.push(Number(value.toFixed(4)));
  return values;
}
