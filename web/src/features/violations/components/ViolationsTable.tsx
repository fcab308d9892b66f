import { useState } from 'react';
import type { Violation } from '../violation';
import { RepairDialog } from './RepairDialog';
import { ViolationRow } from './ViolationRow';

interface ViolationsTableProps {
  violations: Violation[];
  repairedIds: ReadonlySet<string>;
  /** Found by live detection since the page loaded. */
  newIds?: ReadonlySet<string>;
  now: number;
  repairing: boolean;
  repairError: string | null;
  onRepair: (violation: Violation) => Promise<boolean>;
  onDialogClose: () => void;
}

/** The violations of one page; "Repair" always asks for confirmation first. */
export function ViolationsTable({ violations, repairedIds, newIds, now, repairing, repairError, onRepair, onDialogClose }: ViolationsTableProps) {
  const [confirming, setConfirming] = useState<Violation | null>(null);

  function close() {
    setConfirming(null);
    onDialogClose();
  }

  async function confirm() {
    if (confirming && (await onRepair(confirming))) close();
  }

  return (
    <>
      <div className="table-wrap">
        <table className="data-table violations-table">
          <caption className="visually-hidden">Violations of the progress–license coupling</caption>
          <thead>
            <tr>
              <th scope="col">Student</th>
              <th scope="col">Specialization</th>
              <th scope="col">Type</th>
              <th scope="col">Progress vs license</th>
              <th scope="col" className="numeric">
                XP
              </th>
              <th scope="col">Last seen</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {violations.map((violation) => (
              <ViolationRow key={violation.id} violation={violation} repaired={repairedIds.has(violation.id)} isNew={newIds?.has(violation.id) ?? false} now={now} onRepair={setConfirming} />
            ))}
          </tbody>
        </table>
      </div>
      {confirming ? <RepairDialog violation={confirming} busy={repairing} error={repairError} onConfirm={() => void confirm()} onCancel={close} /> : null}
    </>
  );
}
