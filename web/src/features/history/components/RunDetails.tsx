import { formatNumber } from '../../../shared/format/format-number';
import { formatPercent } from '../../../shared/format/format-percent';
import { formatTimestamp } from '../../../shared/format/format-relative-time';
import { triggerLabel, type CheckRun } from '../../checks/check-run';

/** One finished run in a sentence: what the tooltip and the keyboard announcement say. */
export function describeRun(run: CheckRun): string {
  const when = formatTimestamp(run.finishedAt);
  if (run.state === 'FAILED') return `${when}: ${triggerLabel[run.trigger]} failed${run.error ? ` (${run.error})` : ''}.`;
  return `${when}: ${formatPercent(run.consistencyRate)} consistent, ${formatNumber(run.pairsChecked)} pairs checked, ${formatNumber(run.inconsistent)} inconsistent. ${triggerLabel[run.trigger]}.`;
}

/** The hover card of one run: its time, rate, counts and trigger. */
export function RunDetails({ run }: { run: CheckRun }) {
  const failed = run.state === 'FAILED';
  return (
    <>
      <p className="chart-tooltip__time">{formatTimestamp(run.finishedAt)}</p>
      <dl className="chart-tooltip__facts">
        {failed ? (
          <div>
            <dt>Result</dt>
            <dd className="chart-tooltip__failed">Failed</dd>
          </div>
        ) : (
          <>
            <div>
              <dt>Consistency</dt>
              <dd>{formatPercent(run.consistencyRate, 2)}</dd>
            </div>
            <div>
              <dt>Pairs checked</dt>
              <dd>{formatNumber(run.pairsChecked)}</dd>
            </div>
            <div>
              <dt>Inconsistent</dt>
              <dd>{formatNumber(run.inconsistent)}</dd>
            </div>
          </>
        )}
        <div>
          <dt>Trigger</dt>
          <dd>{triggerLabel[run.trigger]}</dd>
        </div>
      </dl>
      {failed && run.error ? <p className="chart-tooltip__error">{run.error}</p> : null}
    </>
  );
}
