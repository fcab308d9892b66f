import { Icon } from '../../../shared/components/Icon';
import { RelativeTime } from '../../../shared/components/RelativeTime';
import { formatEnum } from '../../../shared/format/format-enum';
import { formatNumber } from '../../../shared/format/format-number';
import { usePermission } from '../../auth/hooks/usePermission';
import { violationTypeLabel, type Violation } from '../violation';
import { DriftCell } from './DriftCell';

interface ViolationRowProps {
  violation: Violation;
  repaired: boolean;
  /** Found by live detection since the page loaded. */
  isNew?: boolean;
  now: number;
  onRepair: (violation: Violation) => void;
}

export function ViolationRow({ violation, repaired, isNew = false, now, onRepair }: ViolationRowProps) {
  const { student } = violation;
  const repairPermission = usePermission('Mutation.resyncLicense', 'repair licenses');
  const resolved = violation.resolvedAt !== null;
  return (
    <tr
      className={`violation-row ${repaired || resolved ? 'violation-row--settled' : ''} ${isNew ? 'violation-row--new' : ''}`}
      data-testid="violation-row"
      data-violation-id={violation.id}
      data-new={isNew || undefined}
    >
      <td data-label="Student">
        {/* Student fields are user-provided: rendered as text, never as HTML. */}
        <span className="violation-row__name">{student.fullName}</span>
        {isNew ? <span className="new-chip">New</span> : null}
        <span className="violation-row__sub">
          {student.email} · <span className="mono">#{student.id}</span>
        </span>
      </td>
      <td data-label="Specialization">{formatEnum(violation.specialization)}</td>
      <td data-label="Type">
        <span className={`type-chip type-chip--${violation.type.toLowerCase()}`}>{violationTypeLabel[violation.type]}</span>
      </td>
      <td data-label="Progress vs license">
        <DriftCell violation={violation} />
      </td>
      <td data-label="XP" className="numeric">
        {formatNumber(violation.totalXp)}
      </td>
      <td data-label="Seen">
        <span className="violation-row__seen">
          <RelativeTime iso={violation.lastSeenAt} now={now} />
        </span>
        <span className="violation-row__sub">
          since <RelativeTime iso={violation.firstSeenAt} now={now} />
        </span>
      </td>
      <td data-label="Action" className="violation-row__action">
        {resolved ? (
          <span className="settled-chip">
            <Icon name="check" size={14} /> Resolved <RelativeTime iso={violation.resolvedAt} now={now} />
          </span>
        ) : repaired ? (
          <span className="settled-chip">
            <Icon name="check" size={14} /> Repaired
          </span>
        ) : (
          // A disabled button gets no pointer events in some browsers: the reason sits on its wrapper.
          <span className="permission-gate" title={repairPermission.reason ?? undefined}>
            <button
              type="button"
              className="button button--small"
              onClick={() => onRepair(violation)}
              disabled={!repairPermission.allowed}
              aria-description={repairPermission.reason ?? undefined}
              aria-label={`Repair ${formatEnum(violation.specialization)} license of ${student.fullName}`}
            >
              <Icon name="wrench" size={14} />
              Repair
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}
