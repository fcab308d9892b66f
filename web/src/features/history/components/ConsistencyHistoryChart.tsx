import { useId } from 'react';
import { formatPercent } from '../../../shared/format/format-percent';
import { formatTimestamp } from '../../../shared/format/format-relative-time';
import type { CheckRun } from '../../checks/check-run';
import { lowerBound, ticks } from '../history-scale';
import { useElementWidth } from '../hooks/useElementWidth';

interface ConsistencyHistoryChartProps {
  /** Runs in any order; finished ones are plotted by finish time. */
  runs: CheckRun[];
}

const height = 220;
const margin = { top: 12, right: 12, bottom: 28, left: 48 };
const timeLabel = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const dayLabel = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: 'short' });

/** Hand-drawn SVG (lighter than a chart library): consistency rate of each finished run over time. */
export function ConsistencyHistoryChart({ runs }: ConsistencyHistoryChartProps) {
  const gradientId = useId();
  const [ref, width] = useElementWidth<HTMLDivElement>(640);
  const finished = runs
    .filter((run) => run.finishedAt && (run.state === 'FAILED' || run.consistencyRate !== null))
    .sort((a, b) => Date.parse(a.finishedAt!) - Date.parse(b.finishedAt!));
  const succeeded = finished.filter((run) => run.state === 'SUCCEEDED' && run.consistencyRate !== null);
  const failed = finished.filter((run) => run.state === 'FAILED');

  if (finished.length === 0) {
    return (
      <div ref={ref} className="chart-empty">
        No finished checks yet. The history appears after the first run.
      </div>
    );
  }

  const rates = succeeded.map((run) => run.consistencyRate!);
  const lower = lowerBound(rates);
  const times = finished.map((run) => Date.parse(run.finishedAt!));
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const plotWidth = Math.max(width - margin.left - margin.right, 40);
  const plotHeight = height - margin.top - margin.bottom;
  const x = (time: number) => margin.left + (t1 === t0 ? plotWidth / 2 : ((time - t0) / (t1 - t0)) * plotWidth);
  const y = (rate: number) => margin.top + ((1 - rate) / (1 - lower)) * plotHeight;
  const points = succeeded.map((run) => ({ run, px: x(Date.parse(run.finishedAt!)), py: y(run.consistencyRate!) }));
  const line = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.px.toFixed(1)},${point.py.toFixed(1)}`).join(' ');
  const area = points.length > 1 ? `${line} L${points[points.length - 1].px.toFixed(1)},${y(lower)} L${points[0].px.toFixed(1)},${y(lower)} Z` : '';
  const sameDay = new Date(t0).toDateString() === new Date(t1).toDateString();
  const format = (time: number) => (sameDay ? timeLabel : dayLabel).format(time);
  const xLabels = t1 === t0 ? [t0] : [t0, (t0 + t1) / 2, t1];
  const latest = succeeded[succeeded.length - 1];
  const summary = latest
    ? `Consistency of the last ${succeeded.length} successful checks, between ${formatPercent(Math.min(...rates))} and ${formatPercent(Math.max(...rates))}; latest ${formatPercent(latest.consistencyRate)}.${failed.length ? ` ${failed.length} failed.` : ''}`
    : `${failed.length} checks failed; none succeeded yet.`;

  return (
    <div ref={ref} className="chart" data-testid="history-chart">
      <svg width={width} height={height} role="img" aria-label={summary} className="chart__svg">
        <defs>
          <linearGradient id={gradientId} x1="0" x2="0" y1="0" y2="1">
            <stop offset="0%" stopColor="var(--accent)" stopOpacity="0.28" />
            <stop offset="100%" stopColor="var(--accent)" stopOpacity="0" />
          </linearGradient>
        </defs>
        {ticks(lower).map((tick) => (
          <g key={tick}>
            <line x1={margin.left} x2={margin.left + plotWidth} y1={y(tick)} y2={y(tick)} className="chart__grid" />
            <text x={margin.left - 8} y={y(tick)} className="chart__axis" textAnchor="end" dominantBaseline="middle">
              {formatPercent(tick, tick * 100 === Math.round(tick * 100) ? 0 : 1)}
            </text>
          </g>
        ))}
        {[0.99, 0.95]
          .filter((threshold) => threshold > lower)
          .map((threshold) => (
            <line
              key={threshold}
              x1={margin.left}
              x2={margin.left + plotWidth}
              y1={y(threshold)}
              y2={y(threshold)}
              className={`chart__threshold chart__threshold--${threshold === 0.99 ? 'healthy' : 'degraded'}`}
            />
          ))}
        {area ? <path d={area} fill={`url(#${gradientId})`} /> : null}
        {line ? <path d={line} className="chart__line" /> : null}
        {points.map(({ run, px, py }) => (
          <circle key={run.id} cx={px} cy={py} r={points.length > 40 ? 2.5 : 3.5} className="chart__point">
            <title>{`${formatPercent(run.consistencyRate)} · ${formatTimestamp(run.finishedAt)}`}</title>
          </circle>
        ))}
        {failed.map((run) => (
          <g key={run.id} className="chart__failed" transform={`translate(${x(Date.parse(run.finishedAt!))},${margin.top + plotHeight - 6})`}>
            <path d="M-4,-4 L4,4 M-4,4 L4,-4" />
            <title>{`Failed · ${formatTimestamp(run.finishedAt)}`}</title>
          </g>
        ))}
        {xLabels.map((time, index) => (
          <text
            key={time}
            x={x(time)}
            y={height - 8}
            className="chart__axis"
            textAnchor={xLabels.length === 1 ? 'middle' : index === 0 ? 'start' : index === xLabels.length - 1 ? 'end' : 'middle'}
          >
            {format(time)}
          </text>
        ))}
      </svg>
    </div>
  );
}
