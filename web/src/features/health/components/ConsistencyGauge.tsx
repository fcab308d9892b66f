import type { HealthState } from '../../../generated/graphql';
import { formatPercent } from '../../../shared/format/format-percent';
import { gaugeFloor, rateToArc, type HealthThresholds } from '../gauge-scale';
import { healthThresholds } from '../health-state';

interface ConsistencyGaugeProps {
  /** 0..1, or null before the first finished check. */
  rate: number | null;
  state: HealthState;
  /** Where HEALTHY and DEGRADED begin; the server's defaults unless told otherwise. */
  thresholds?: HealthThresholds;
}

const center = { x: 100, y: 100 };
const radius = 80;
const bandRadius = 93;

function pointOnArc(share: number, r: number): { x: number; y: number } {
  const angle = Math.PI * (1 - share);
  return { x: center.x + r * Math.cos(angle), y: center.y - r * Math.sin(angle) };
}

/** The arc between two shares (0..1) of the half circle; never more than 180°, so the small-arc flag. */
function arcPath(from: number, to: number, r: number): string {
  const [a, b] = [pointOnArc(from, r), pointOnArc(to, r)];
  return `M ${a.x.toFixed(2)} ${a.y.toFixed(2)} A ${r} ${r} 0 0 1 ${b.x.toFixed(2)} ${b.y.toFixed(2)}`;
}

const percentLabel = (rate: number) => `${Number((rate * 100).toFixed(1))}%`;

/**
 * Semicircle gauge of the consistency rate. The arc is not linear: it spends most of its length on
 * the rates around the thresholds (see gauge-scale.ts), and its labelled ticks say so. The arc glides
 * between values (CSS transition); assistive technology gets the true percentage.
 */
export function ConsistencyGauge({ rate, state, thresholds = healthThresholds }: ConsistencyGaugeProps) {
  const percent = rate === null ? 0 : Math.max(0, Math.min(1, rate)) * 100;
  const share = rate === null ? 0 : rateToArc(rate, thresholds);
  const text = formatPercent(rate);
  const floor = gaugeFloor(thresholds);
  const ticks = [floor, thresholds.degraded, thresholds.healthy].filter((tick, index, all) => tick > 0 && tick < 1 && all.indexOf(tick) === index);
  const [atDegraded, atHealthy] = [rateToArc(thresholds.degraded, thresholds), rateToArc(thresholds.healthy, thresholds)];
  const bands = [
    { state: 'critical', from: 0, to: atDegraded },
    { state: 'degraded', from: atDegraded, to: atHealthy },
    { state: 'healthy', from: atHealthy, to: 1 },
  ].filter((band) => band.to > band.from);
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
      <svg viewBox="-24 -14 248 136" className="gauge__svg" aria-hidden="true" focusable="false">
        {bands.map((band) => (
          <path key={band.state} d={arcPath(band.from, band.to, bandRadius)} className={`gauge__band gauge__band--${band.state}`} data-band={band.state} />
        ))}
        <path d={arcPath(0, 1, radius)} className="gauge__track" pathLength={100} />
        <path
          d={arcPath(0, 1, radius)}
          className="gauge__value"
          pathLength={100}
          strokeDasharray="100 100"
          style={{ strokeDashoffset: Number((100 - share * 100).toFixed(2)) }}
          data-testid="gauge-arc"
        />
        {ticks.map((tick) => {
          const at = rateToArc(tick, thresholds);
          const [inner, outer, label] = [pointOnArc(at, radius - 9), pointOnArc(at, bandRadius + 2), pointOnArc(at, bandRadius + 10)];
          return (
            <g key={tick} data-tick={percentLabel(tick)}>
              <line x1={inner.x} y1={inner.y} x2={outer.x} y2={outer.y} className="gauge__tick" />
              <text
                x={label.x}
                y={label.y}
                className="gauge__tick-label"
                textAnchor={at < 0.4 ? 'end' : at > 0.6 ? 'start' : 'middle'}
                dominantBaseline={at > 0.3 && at < 0.7 ? 'auto' : 'middle'}
              >
                {percentLabel(tick)}
              </text>
            </g>
          );
        })}
        <text x={center.x - radius} y={center.y + 20} className="gauge__tick-label" textAnchor="middle">
          0%
        </text>
        <text x={center.x + radius} y={center.y + 20} className="gauge__tick-label" textAnchor="middle">
          100%
        </text>
      </svg>
      <div className="gauge__readout">
        <span className="gauge__value-text">{text}</span>
        <span className="gauge__caption">consistent</span>
      </div>
    </div>
  );
}
