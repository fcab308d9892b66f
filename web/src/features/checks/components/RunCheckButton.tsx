import { Icon } from '../../../shared/components/Icon';

interface RunCheckButtonProps {
  running: boolean;
  starting: boolean;
  /** E.g. while the API is unreachable. */
  unavailable?: boolean;
  /** Why the signed-in role may not run checks (shown on hover); null when it may. */
  deniedReason?: string | null;
  onRun: () => void;
}

/** "Run check now": disabled while any run is queued or running, whoever started it, and for roles that cannot run checks. */
export function RunCheckButton({ running, starting, unavailable = false, deniedReason = null, onRun }: RunCheckButtonProps) {
  const busy = running || starting;
  return (
    // A disabled button gets no pointer events in some browsers: the reason sits on its wrapper.
    <span className="permission-gate" title={deniedReason ?? undefined}>
      <button
        type="button"
        className="button button--primary"
        onClick={onRun}
        disabled={busy || unavailable || deniedReason !== null}
        aria-description={deniedReason ?? undefined}
        data-testid="run-check"
      >
        {busy ? <span className="spinner" aria-hidden="true" /> : <Icon name="play" size={14} />}
        {running ? 'Check running…' : starting ? 'Starting…' : 'Run check now'}
      </button>
    </span>
  );
}
