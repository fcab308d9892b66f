import { useState } from 'react';
import { useClient, useQuery, type CombinedError } from 'urql';
import { ConfirmDialog } from '../../../shared/components/ConfirmDialog';
import { RepairPreviewQuery } from '../graphql/repair-preview.query';
import type { Violation } from '../violation';
import { RepairChanges, type RepairPreview } from './RepairChanges';

interface RepairDialogProps {
  violation: Violation;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

function describePreviewError(error: CombinedError | undefined): string {
  switch (error?.graphQLErrors[0]?.extensions?.code) {
    case 'NOT_FOUND':
      return 'This student or specialization no longer exists.';
    case 'RATE_LIMITED':
      return 'Too many requests right now, so the changes could not be loaded. Try again in a moment.';
    default:
      return error?.networkError ? 'The API cannot be reached, so the changes could not be loaded.' : 'The changes could not be loaded.';
  }
}

const samePlan = (a: RepairPreview, b: RepairPreview) =>
  a.alreadyConsistent === b.alreadyConsistent && a.action === b.action && JSON.stringify(a.changes) === JSON.stringify(b.changes);

/**
 * Shows what the repair will change, field by field, from the plan the server applies, and asks the
 * admin to confirm exactly that. Just before repairing it asks again: if the pair changed meanwhile,
 * the new changes are shown and must be confirmed in their turn.
 */
export function RepairDialog({ violation, busy, error, onConfirm, onCancel }: RepairDialogProps) {
  const client = useClient();
  const variables = { studentId: violation.student.id, specialization: violation.specialization };
  const [{ data, error: queryError, fetching }, reload] = useQuery({ query: RepairPreviewQuery, variables, requestPolicy: 'network-only' });
  const [rechecked, setRechecked] = useState<RepairPreview | null>(null);
  const [recheckError, setRecheckError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [changed, setChanged] = useState(false);
  const preview = rechecked ?? data?.repairPreview ?? null;

  async function confirm() {
    if (!preview) return;
    setChecking(true);
    setRecheckError(null);
    const latest = await client.query(RepairPreviewQuery, variables, { requestPolicy: 'network-only' }).toPromise();
    setChecking(false);
    if (latest.error || !latest.data?.repairPreview) {
      setRecheckError(describePreviewError(latest.error));
      return;
    }
    const next = latest.data.repairPreview;
    setRechecked(next);
    if (!samePlan(next, preview)) {
      setChanged(true);
      return;
    }
    onConfirm();
  }

  const loadError = !preview && queryError && !fetching ? describePreviewError(queryError) : null;
  return (
    <ConfirmDialog
      title="Repair this license?"
      confirmLabel={preview?.alreadyConsistent ? 'Resolve violation' : 'Repair license'}
      busyLabel={checking ? 'Checking…' : 'Repairing…'}
      busy={busy || checking}
      confirmDisabled={!preview}
      error={error ?? recheckError}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      {changed ? (
        <p className="dialog__notice" role="status">
          This pair changed since the changes were shown. Review the new changes below and confirm again.
        </p>
      ) : null}
      {preview ? (
        <RepairChanges preview={preview} studentName={violation.student.fullName} />
      ) : loadError ? (
        <p className="dialog__error" role="alert">
          {loadError}{' '}
          <button type="button" className="button button--ghost button--small" onClick={() => reload({ requestPolicy: 'network-only' })}>
            Try again
          </button>
        </p>
      ) : (
        <p aria-busy="true">Working out what the repair will change…</p>
      )}
      <p className="dialog__note">The change is recorded in the repair audit log.</p>
    </ConfirmDialog>
  );
}
