import { formatDuration } from '../../shared/format/format-duration';
import { formatEnum } from '../../shared/format/format-enum';

/** How a metric's values read: its name in words and the unit its thresholds and values are in. */
interface MetricLook {
  label: string;
  format: (value: number) => string;
}

const round = (value: number, digits: number) => String(Math.round(value * 10 ** digits) / 10 ** digits);
const percent = (value: number) => `${round(value, value >= 99 && value < 100 ? 2 : 1)} %`;
const counted = (unit: string, one = unit.replace(/s$/, '')) => (value: number) => `${round(value, 1)} ${value === 1 ? one : unit}`;

// The server's metric names (AlertRule.metric) and the units their values and thresholds are in.
const looks: Record<string, MetricLook> = {
  CONSISTENCY_RATE: { label: 'Consistency rate', format: percent },
  API_ERROR_RATE: { label: 'API error rate (5 min)', format: percent },
  API_P95_LATENCY_MS: { label: 'API p95 latency (5 min)', format: (ms) => formatDuration(ms) },
  FAILED_INTEGRITY_JOBS_1H: { label: 'Failed integrity jobs (1 h)', format: counted('jobs') },
  WORKERS_ONLINE: { label: 'Workers online', format: counted('workers') },
  DATABASE_SIZE_PERCENT: { label: 'Database size of capacity', format: percent },
  PROCESS_MEMORY_MB: { label: 'Process memory (RSS)', format: counted('MB', 'MB') },
  OPEN_VIOLATIONS: { label: 'Open violations', format: counted('violations') },
  QUEUE_DEPTH: { label: 'Queue depth', format: counted('jobs') },
  CHECK_DURATION_SECONDS: { label: 'Check duration', format: (seconds) => formatDuration(seconds * 1000) },
  FAILING_CHANNELS: { label: 'Failing channels', format: counted('channels') },
};

export function metricLook(metric: string): MetricLook {
  return looks[metric] ?? { label: formatEnum(metric), format: (value) => round(value, 2) };
}

export function formatMetricValue(metric: string, value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : metricLook(metric).format(value);
}
