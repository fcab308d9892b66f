import { formatNumber } from '../../../shared/format/format-number';
import { triggerLabel, type CheckRun } from '../check-run';

interface CheckProgressBarProps {
  run: CheckRun;
}

/** Live progress of the active run, pushed by `checkRunUpdated`. */
export function CheckProgressBar({ run }: CheckProgressBarProps) {
  const queued = run.state === 'QUEUED';
  const percent = Math.round(Math.max(0, Math.min(1, run.progress)) * 100);
  const label = queued ? 'Queued — waiting for a worker' : `Checking… ${percent}%`;

  return (
    <div className="run-progress" data-testid="check-progress">
      <div className="run-progress__meta">
        <span className="run-progress__label">
          {triggerLabel[run.trigger]} · {label}
        </span>
        {run.pairsChecked ? <span className="run-progress__pairs">{formatNumber(run.pairsChecked)} pairs</span> : null}
      </div>
      <div
        className={`run-progress__track ${queued ? 'run-progress__track--queued' : ''}`}
        role="progressbar"
        aria-label="Health check progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={queued ? undefined : percent}
        aria-valuetext={label}
      >
        <div className="run-progress__fill" style={{ width: queued ? undefined : `${percent}%` }} />
      </div>
    </div>
  );
}
