import { formatNumber } from '../../../shared/format/format-number';
import { formatPercent } from '../../../shared/format/format-percent';
import { formatTimestamp } from '../../../shared/format/format-relative-time';
import { triggerLabel, type CheckRun } from '../../checks/check-run';

/** The chart's data as a table for screen readers (visually hidden): every run, newest first. */
export function HistoryTable({ runs }: { runs: CheckRun[] }) {
  // Hidden through a wrapper: a table grows to its content's width whatever its own CSS says.
  return (
    <div className="visually-hidden">
      <table data-testid="history-table">
        <caption>Finished checks, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Finished</th>
            <th scope="col">Consistency</th>
            <th scope="col">Pairs checked</th>
            <th scope="col">Inconsistent</th>
            <th scope="col">Trigger</th>
          </tr>
        </thead>
        <tbody>
          {[...runs].reverse().map((run) => (
            <tr key={run.id}>
              <th scope="row">{formatTimestamp(run.finishedAt)}</th>
              <td>{run.state === 'FAILED' ? 'Failed' : formatPercent(run.consistencyRate, 2)}</td>
              <td>{formatNumber(run.pairsChecked)}</td>
              <td>{formatNumber(run.inconsistent)}</td>
              <td>{triggerLabel[run.trigger]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
