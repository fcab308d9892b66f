import type { HealthStatusFieldsFragment } from '../../../generated/graphql';
import { formatDuration } from '../../../shared/format/format-duration';

interface LiveDetectionIndicatorProps {
  status: Pick<HealthStatusFieldsFragment, 'liveDetectionState' | 'detectionLagMs'> | null;
}

const labels = { ON: 'Live detection on', LAGGING: 'Live detection lagging', OFF: 'Live detection off' } as const;
const hints = {
  ON: 'every change is checked as it commits',
  LAGGING: 'changes wait to be checked',
  OFF: 'drift is found by the next check',
} as const;

/** Whether a change written by anyone is checked as it commits (from the pushed health status). */
export function LiveDetectionIndicator({ status }: LiveDetectionIndicatorProps) {
  if (!status) return null;
  const state = status.liveDetectionState;
  const lag = state === 'LAGGING' && status.detectionLagMs !== null ? ` (${formatDuration(status.detectionLagMs)} behind)` : '';
  return (
    <p className={`live-detection live-detection--${state.toLowerCase()}`} data-testid="live-detection" data-state={state} title={hints[state]}>
      <span className="live-detection__dot" aria-hidden="true" />
      <span>
        {labels[state]}
        {lag}
      </span>
      <span className="visually-hidden">: {hints[state]}</span>
    </p>
  );
}
