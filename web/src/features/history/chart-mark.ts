/** A moment marked on the history chart: an alert transition (fired, resolved) of a consistency rule. */
export interface ChartMark {
  id: string;
  /** Epoch milliseconds. */
  time: number;
  kind: 'fired' | 'resolved';
  tone: 'critical' | 'warning' | 'resolved';
  label: string;
}

/**
 * The marks the chart can place: within the runs' span, or after the latest run (an alert live
 * detection raised since), which then stretches the time axis to them. Older marks are left out.
 */
export function marksInView(marks: readonly ChartMark[], firstRunTime: number): ChartMark[] {
  return marks.filter((mark) => mark.time >= firstRunTime).sort((a, b) => a.time - b.time);
}
