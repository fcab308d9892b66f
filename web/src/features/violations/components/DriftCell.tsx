import { describeDrift, formatDelta, type Violation } from '../violation';

/** Progress level next to license level, with the difference and a sentence saying what is wrong. */
export function DriftCell({ violation }: { violation: Violation }) {
  const drift = describeDrift(violation);
  return (
    <div className="drift">
      <div className="drift__levels">
        <span className="drift__side">
          <span className="drift__label">Progress</span> {drift.progress}
        </span>
        <span className="drift__vs" aria-hidden="true">
          vs
        </span>
        <span className="drift__side">
          <span className="drift__label">License</span> {drift.license}
        </span>
        {drift.delta !== null && drift.delta !== 0 ? (
          <span className="drift__delta" title="License level minus progress level">
            {formatDelta(drift.delta)}
          </span>
        ) : null}
      </div>
      <span className="drift__summary">{drift.summary}</span>
    </div>
  );
}
