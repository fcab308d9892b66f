import type { HealthState } from '../../../generated/graphql';
import { formatPercent } from '../../../shared/format/format-percent';

interface ConsistencyGaugeProps {
  /** 0..1, or null before the first finished check. */
  rate: number | null;
  state: HealthState;
}

// A half circle drawn with pathLength=100, so the dash offset is simply 100 − percent.
const arc = 'M 20 100 A 80 80 0 0 1 180 100';
const thresholds = [0.95, 0.99];

function pointOnArc(ratio: number, radius: number): { x: number; y: number } {
  const angle = Math.PI * (1 - ratio);
  return { x: 100 + radius * Math.cos(angle), y: 100 - radius * Math.sin(angle) };
}

/** Semicircle gauge of the consistency rate; the arc glides between values (CSS transition). */
export function ConsistencyGauge({ rate, state }: ConsistencyGaugeProps) {
  const percent = rate === null ? 0 : Math.max(0, Math.min(1, rate)) * 100;
  const text = formatPercent(rate);
  const meterProps =
    rate === null
      ? { role: 'img', 'aria-label': 'Consistency: no check has finished yet' }
      : {
          role: 'meter',
          'aria-label': 'Consistency',
          'aria-valuemin': 0,
          'aria-valuemax': 100,
          'aria-valuenow': Number(percent.toFixed(2)),
          'aria-valuetext': `${text} of pairs consistent`,
        };

  return (
    <div className={`gauge gauge--${state.toLowerCase()}`} data-testid="consistency-gauge" {...meterProps}>
      <svg viewBox="0 0 200 116" className="gauge__svg" aria-hidden="true" focusable="false">
        <path d={arc} className="gauge__track" pathLength={100} />
        <path
          d={arc}
          className="gauge__value"
          pathLength={100}
          strokeDasharray="100 100"
          style={{ strokeDashoffset: Number((100 - percent).toFixed(2)) }}
          data-testid="gauge-arc"
        />
        {thresholds.map((threshold) => {
          const inner = pointOnArc(threshold, 73);
          const outer = pointOnArc(threshold, 87);
          return <line key={threshold} x1={inner.x} y1={inner.y} x2={outer.x} y2={outer.y} className="gauge__tick" />;
        })}
      </svg>
      <div className="gauge__readout">
        <span className="gauge__value-text">{text}</span>
        <span className="gauge__caption">consistent</span>
      </div>
    </div>
  );
}
