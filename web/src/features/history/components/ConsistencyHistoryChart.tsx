import { useId, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatPercent } from '../../../shared/format/format-percent';
import type { CheckRun } from '../../checks/check-run';
import { healthThresholds } from '../../health/health-state';
import { marksInView, type ChartMark } from '../chart-mark';
import { lowerBound, ticks } from '../history-scale';
import { useElementWidth } from '../hooks/useElementWidth';
import { timeTicks } from '../time-ticks';
import { HistoryTable } from './HistoryTable';
import { describeRun, RunDetails } from './RunDetails';

interface ConsistencyHistoryChartProps {
  /** Runs in any order; finished ones are plotted by finish time. */
  runs: CheckRun[];
  /** Alert transitions drawn as vertical marks (fired: severity colour, resolved: green). */
  marks?: readonly ChartMark[];
}

const height = 220;
const margin = { top: 12, right: 16, bottom: 28, left: 48 };
/** Room one time label needs, so labels never touch whatever the width. */
const pixelsPerTimeLabel = 110;
const tooltipWidth = 210;

/**
 * Hand-drawn SVG (lighter than a chart library): consistency rate of each finished run over time.
 * Hovering (or arrow keys once focused) shows one run's details; the same data is in a hidden table.
 */
export function ConsistencyHistoryChart({ runs, marks = [] }: ConsistencyHistoryChartProps) {
  const gradientId = useId();
  const hintId = useId();
  const [ref, width] = useElementWidth<HTMLDivElement>(640);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
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
  const shownMarks = marksInView(marks, Math.min(...times));
  const [t0, t1] = [Math.min(...times), Math.max(...times, ...shownMarks.map((mark) => mark.time))];
  const plotWidth = Math.max(width - margin.left - margin.right, 40);
  const plotHeight = height - margin.top - margin.bottom;
  const x = (time: number) => margin.left + (t1 === t0 ? plotWidth / 2 : ((time - t0) / (t1 - t0)) * plotWidth);
  const y = (rate: number) => margin.top + ((1 - rate) / (1 - lower)) * plotHeight;
  const baseline = margin.top + plotHeight - 6;
  const positionOf = (run: CheckRun) => ({
    px: x(Date.parse(run.finishedAt!)),
    py: run.state === 'FAILED' ? baseline : y(run.consistencyRate!),
  });
  const points = succeeded.map((run) => ({ run, ...positionOf(run) }));
  const line = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.px.toFixed(1)},${point.py.toFixed(1)}`).join(' ');
  const area = points.length > 1 ? `${line} L${points[points.length - 1].px.toFixed(1)},${y(lower)} L${points[0].px.toFixed(1)},${y(lower)} Z` : '';
  const xTicks = timeTicks(t0, t1, Math.max(1, Math.floor(plotWidth / pixelsPerTimeLabel)));
  const latest = succeeded[succeeded.length - 1];
  const summary = latest
    ? `Consistency of the last ${succeeded.length} successful checks, between ${formatPercent(Math.min(...rates))} and ${formatPercent(Math.max(...rates))}; latest ${formatPercent(latest.consistencyRate)}.${failed.length ? ` ${failed.length} failed.` : ''}`
    : `${failed.length} checks failed; none succeeded yet.`;

  const activeIndex = finished.findIndex((run) => run.id === activeId);
  const active = activeIndex >= 0 ? finished[activeIndex] : null;
  const activePosition = active ? positionOf(active) : null;

  function nearest(event: PointerEvent<SVGRectElement>): CheckRun {
    const box = event.currentTarget.ownerSVGElement!.getBoundingClientRect();
    const pointerX = event.clientX - box.left;
    let best = finished[0];
    for (const run of finished) if (Math.abs(positionOf(run).px - pointerX) < Math.abs(positionOf(best).px - pointerX)) best = run;
    return best;
  }

  function select(index: number) {
    const run = finished[Math.max(0, Math.min(finished.length - 1, index))];
    setActiveId(run.id);
    setAnnouncement(describeRun(run));
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const from = activeIndex >= 0 ? activeIndex : finished.length - 1;
    const moves: Record<string, number> = { ArrowLeft: from - 1, ArrowRight: from + 1, Home: 0, End: finished.length - 1 };
    if (event.key === 'Escape') {
      setActiveId(null);
      return;
    }
    if (!(event.key in moves)) return;
    event.preventDefault();
    select(activeIndex >= 0 ? moves[event.key] : from);
  }

  return (
    <div
      ref={ref}
      className="chart"
      data-testid="history-chart"
      tabIndex={0}
      role="group"
      aria-label="Consistency history"
      aria-describedby={hintId}
      onKeyDown={onKeyDown}
      onFocus={(event) => event.target === event.currentTarget && activeIndex < 0 && select(finished.length - 1)}
      onBlur={() => setActiveId(null)}
    >
      <p id={hintId} className="visually-hidden">
        Use the left and right arrow keys to read each check; the table below lists them all.
      </p>
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
        {[healthThresholds.healthy, healthThresholds.degraded]
          .filter((threshold) => threshold > lower)
          .map((threshold) => (
            <line
              key={threshold}
              x1={margin.left}
              x2={margin.left + plotWidth}
              y1={y(threshold)}
              y2={y(threshold)}
              className={`chart__threshold chart__threshold--${threshold === healthThresholds.healthy ? 'healthy' : 'degraded'}`}
            />
          ))}
        {shownMarks.map((mark) => (
          <g key={mark.id} className={`chart__mark chart__mark--${mark.tone}`} data-testid="alert-mark" data-kind={mark.kind} transform={`translate(${x(mark.time)},0)`}>
            <title>{mark.label}</title>
            <line x1={0} x2={0} y1={margin.top} y2={margin.top + plotHeight} />
            {mark.kind === 'fired' ? <path d={`M0,${margin.top} l7,3.5 l-7,3.5 z`} /> : <circle cx={0} cy={margin.top + 3} r={3} />}
          </g>
        ))}
        {area ? <path d={area} fill={`url(#${gradientId})`} /> : null}
        {line ? <path d={line} className="chart__line" /> : null}
        {activePosition ? (
          <line x1={activePosition.px} x2={activePosition.px} y1={margin.top} y2={margin.top + plotHeight} className="chart__guide" />
        ) : null}
        {points.map(({ run, px, py }) => (
          <circle
            key={run.id}
            cx={px}
            cy={py}
            r={run.id === activeId ? 5 : points.length > 40 ? 2.5 : 3.5}
            className={`chart__point${run.id === activeId ? ' chart__point--active' : ''}`}
            data-run-id={run.id}
          />
        ))}
        {failed.map((run) => (
          <g
            key={run.id}
            className={`chart__failed${run.id === activeId ? ' chart__failed--active' : ''}`}
            transform={`translate(${x(Date.parse(run.finishedAt!))},${baseline})`}
            data-run-id={run.id}
          >
            <path d="M-4,-4 L4,4 M-4,4 L4,-4" />
          </g>
        ))}
        {xTicks.map((tick) => {
          const px = x(tick.time);
          const anchor = xTicks.length === 1 ? 'middle' : px < margin.left + 40 ? 'start' : px > margin.left + plotWidth - 40 ? 'end' : 'middle';
          return (
            <g key={tick.time}>
              <line x1={px} x2={px} y1={margin.top + plotHeight} y2={margin.top + plotHeight + 4} className="chart__grid" />
              <text x={px} y={height - 8} className="chart__axis" textAnchor={anchor} data-testid="time-tick">
                {tick.label}
              </text>
            </g>
          );
        })}
        {/* Above everything: the whole plot answers the pointer with the nearest run. */}
        <rect
          x={margin.left - 8}
          y={margin.top}
          width={plotWidth + 16}
          height={plotHeight}
          className="chart__hit-area"
          data-testid="history-hit-area"
          onPointerMove={(event) => setActiveId(nearest(event).id)}
          onPointerDown={(event) => setActiveId(nearest(event).id)}
          onPointerLeave={() => setActiveId(null)}
        />
      </svg>
      {active && activePosition ? (
        <div
          className="chart-tooltip"
          role="tooltip"
          data-testid="history-tooltip"
          style={{
            left: Math.min(Math.max(activePosition.px - tooltipWidth / 2, 0), Math.max(width - tooltipWidth, 0)),
            top: activePosition.py > height / 2 ? activePosition.py - 12 : activePosition.py + 12,
            transform: activePosition.py > height / 2 ? 'translateY(-100%)' : undefined,
            width: tooltipWidth,
          }}
        >
          <RunDetails run={active} />
        </div>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <HistoryTable runs={finished} />
      {shownMarks.length > 0 ? (
        <ul className="visually-hidden" aria-label="Alert transitions">
          {shownMarks.map((mark) => (
            <li key={mark.id}>{mark.label}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
