import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { formatEnum } from '../../../shared/format/format-enum';
import { describeDrift, type Violation } from '../violation';

interface RepairDialogProps {
  violation: Violation;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

export function RepairDialog({ violation, busy, error, onConfirm, onCancel }: RepairDialogProps) {
  const drift = describeDrift(violation);
  return (
    <ConfirmDialog
      title="Repair this license?"
      confirmLabel="Repair license"
      busyLabel="Repairing…"
      busy={busy}
      error={error}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        The <strong>{formatEnum(violation.specialization)}</strong> license of <strong>{violation.student.fullName}</strong> will be
        re-synchronised with their progress. {drift.summary} (progress {drift.progress.toLowerCase()}, license{' '}
        {drift.license.toLowerCase()}).
      </p>
      <p className="dialog__note">The change is recorded in the repair audit log.</p>
    </ConfirmDialog>
  );
}
