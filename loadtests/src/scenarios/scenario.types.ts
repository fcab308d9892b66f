import type { MachineLoad } from '../measure/machine-load';

/** One line of the summary table: our figure beside the reference measured in the same run. */
export interface SummaryRow {
  scenario: string;
  metric: string;
  ours: string;
  reference?: string;
  /** ours / reference, where a ratio means something. */
  ratio?: number;
  target: string;
  /** undefined when there is no target for this line. */
  pass?: boolean;
}

export type Chart =
  | { kind: 'histogram'; title: string; unit: string; series: Array<{ name: string; values: ArrayLike<number> }> }
  | { kind: 'series'; title: string; unit: string; xLabel: string; series: Array<{ name: string; points: Array<[number, number]> }> };

export interface ScenarioReport {
  name: string;
  title: string;
  startedAt: Date;
  durationS: number;
  machine: MachineLoad;
  settings: Record<string, string | number>;
  rows: SummaryRow[];
  charts: Chart[];
  notes: string[];
}

export interface ScenarioOptions {
  durationS: number;
  connections?: number;
  rate?: number;
  students?: number;
  /** Smaller sizes where the scenario has a quick and a full form (bench vs loadtest). */
  quick?: boolean;
  profile?: boolean;
  /** The server under test on one core and the load generator on another (where the scenario supports it). */
  pinned?: boolean;
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const perS = (value: number) => `${Math.round(value).toLocaleString('en')}/s`;
export const pct = (value: number) => `${(value * 100).toFixed(2)} %`;
