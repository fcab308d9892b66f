import { Icon } from '../../../shared/components/Icon';
import { RelativeTime } from '../../../shared/components/RelativeTime';
import { triggerLabel, type CheckRun } from '../check-run';

interface FailedRunAlertProps {
  run: CheckRun;
  now: number;
}

/** A failed run stays visible, with the error the worker reported, until a later run finishes. */
export function FailedRunAlert({ run, now }: FailedRunAlertProps) {
  return (
    <div className="failed-run" role="alert" data-testid="failed-run">
      <Icon name="critical" size={16} />
      <div>
        <p className="failed-run__title">
          {triggerLabel[run.trigger]} failed <RelativeTime iso={run.finishedAt ?? run.queuedAt} now={now} />
        </p>
        <p className="failed-run__error">{run.error ?? 'The worker reported no reason.'}</p>
      </div>
    </div>
  );
}
