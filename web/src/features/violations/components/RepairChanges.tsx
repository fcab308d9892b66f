import type { PairField, PairRowChange, RepairPreviewQuery } from '../../../generated/graphql';
import { formatEnum } from '../../../shared/format/format-enum';
import { formatNumber } from '../../../shared/format/format-number';

export type RepairPreview = NonNullable<RepairPreviewQuery['repairPreview']>;

interface RepairChangesProps {
  preview: RepairPreview;
  studentName: string;
}

const fieldLabel: Record<PairField, string> = {
  PROGRESS_TOTAL_XP: 'Total XP',
  PROGRESS_LEVEL: 'Level',
  LICENSE_LEVEL: 'Level',
  LICENSE_MAX_ACHIEVED_LEVEL: 'Max achieved level',
};

const rowChangeLabel: Record<PairRowChange, string> = { CREATED: 'created', UPDATED: 'updated', UNCHANGED: 'unchanged' };

const groups: Array<{ title: string; row: 'progress' | 'license'; fields: PairField[] }> = [
  { title: 'Progress', row: 'progress', fields: ['PROGRESS_TOTAL_XP', 'PROGRESS_LEVEL'] },
  { title: 'License', row: 'license', fields: ['LICENSE_LEVEL', 'LICENSE_MAX_ACHIEVED_LEVEL'] },
];

/** The sentence above the table: what the repair does, in the words of its action. */
function Summary({ preview, studentName }: RepairChangesProps) {
  const value = (field: PairField) => preview.changes.find((change) => change.field === field);
  const specialization = formatEnum(preview.specialization);
  const name = <strong>{studentName}</strong>;
  const progressLevel = value('PROGRESS_LEVEL');
  const licenseLevel = value('LICENSE_LEVEL');
  switch (preview.action) {
    case 'PROGRESS_RESTORED':
      return (
        <p>
          {name} holds a <strong>{specialization}</strong> license at level {licenseLevel?.after} but has no progress. The repair{' '}
          <strong>creates their progress</strong> at level {progressLevel?.after} with{' '}
          <strong>{formatNumber(value('PROGRESS_TOTAL_XP')?.after)} XP</strong>, the least XP for that level. The license stays as it is.
        </p>
      );
    case 'LICENSE_ISSUED':
      return (
        <p>
          The repair <strong>issues a {specialization} license</strong> to {name} at level {licenseLevel?.after}, the level of their progress.
        </p>
      );
    case 'LICENSE_LEVEL_SYNCED':
      return (
        <p>
          The repair moves the <strong>{specialization}</strong> license of {name} from level {licenseLevel?.before} to{' '}
          <strong>level {licenseLevel?.after}</strong>, the level of their progress. Their XP is not touched.
        </p>
      );
    case 'PROGRESS_LEVEL_RECOMPUTED':
      return (
        <p>
          {name}’s <strong>{specialization}</strong> level is recomputed from their {formatNumber(value('PROGRESS_TOTAL_XP')?.before)} XP:
          level {progressLevel?.before} → <strong>level {progressLevel?.after}</strong>, and the license follows. Their XP is not touched.
        </p>
      );
    default:
      return (
        <p>
          The repair changes {name}’s <strong>{specialization}</strong> records as shown below.
        </p>
      );
  }
}

/** Before → after for every number of the pair, from the server's own plan (repairPreview). */
export function RepairChanges({ preview, studentName }: RepairChangesProps) {
  if (preview.alreadyConsistent) {
    return (
      <p>
        Nothing needs to change: <strong>{studentName}</strong>’s <strong>{formatEnum(preview.specialization)}</strong> progress and license
        already agree (fixed since the last check). Confirming closes the violation.
      </p>
    );
  }
  return (
    <>
      <Summary preview={preview} studentName={studentName} />
      <table className="repair-changes" data-testid="repair-changes">
        <caption className="visually-hidden">What the repair changes, before and after</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col" className="numeric">
              Before
            </th>
            <th scope="col" className="numeric">
              After
            </th>
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.row}>
            <tr className="repair-changes__group">
              <th scope="colgroup" colSpan={3}>
                {group.title}{' '}
                <span className={`repair-changes__row-change repair-changes__row-change--${preview[group.row].toLowerCase()}`}>
                  {rowChangeLabel[preview[group.row]]}
                </span>
              </th>
            </tr>
            {group.fields.map((field) => {
              const change = preview.changes.find((c) => c.field === field);
              if (!change) return null;
              return (
                <tr key={field} className={change.changed ? 'repair-changes__changed' : undefined} data-field={field}>
                  <th scope="row">
                    <span className="visually-hidden">{group.title}</span> {fieldLabel[field]}
                  </th>
                  <td className="numeric">{change.before === null ? <span className="repair-changes__none">none</span> : formatNumber(change.before)}</td>
                  <td className="numeric">
                    {formatNumber(change.after)}
                    {change.changed ? null : <span className="repair-changes__same"> unchanged</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </>
  );
}
