import { formatNumber } from '../../../shared/format/format-number';
import { Icon } from '../../../shared/components/Icon';
import { isRetrying, triggerLabel, type CheckRun } from '../check-run';

interface CheckProgressBarProps {
  run: CheckRun;
}

function describe(run: CheckRun, percent: number): string {
  if (run.state === 'QUEUED') return 'Queued — waiting for a worker';
  if (isRetrying(run)) return `Retrying… ${percent}%`;
  return `Checking… ${percent}%`;
}

/** Live progress of the active run, pushed by `checkRunUpdated`; a retried run says why its last attempt failed. */
export function CheckProgressBar({ run }: CheckProgressBarProps) {
  const queued = run.state === 'QUEUED';
  const retrying = isRetrying(run);
  const percent = Math.round(Math.max(0, Math.min(1, run.progress)) * 100);
  const label = describe(run, percent);

  return (
    <div className={`run-progress ${retrying ? 'run-progress--retrying' : ''}`} data-testid="check-progress">
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
      {retrying ? (
        <p className="run-progress__retry" data-testid="check-retry">
          <Icon name="degraded" size={14} />
          <span>{run.error} — retrying</span>
        </p>
      ) : null}
    </div>
  );
}
