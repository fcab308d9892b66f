import { Icon } from '../../../shared/components/Icon';

interface RunCheckButtonProps {
  running: boolean;
  starting: boolean;
  /** E.g. while the API is unreachable. */
  unavailable?: boolean;
  onRun: () => void;
}

/** "Run check now": disabled while any run is queued or running, whoever started it. */
export function RunCheckButton({ running, starting, unavailable = false, onRun }: RunCheckButtonProps) {
  const busy = running || starting;
  return (
    <button type="button" className="button button--primary" onClick={onRun} disabled={busy || unavailable} data-testid="run-check">
      {busy ? <span className="spinner" aria-hidden="true" /> : <Icon name="play" size={14} />}
      {running ? 'Check running…' : starting ? 'Starting…' : 'Run check now'}
    </button>
  );
}
