import { Fragment } from 'react';
import { Icon } from '../../../shared/components/Icon';
import { RelativeTime } from '../../../shared/components/RelativeTime';
import type { AuditEntry } from '../audit-filters';
import { jsonString } from '../audit-json';
import { AuditEntryDetails } from './AuditEntryDetails';

interface AuditRowProps {
  entry: AuditEntry;
  isNew: boolean;
  expanded: boolean;
  now: number;
  onToggle: () => void;
}

const columnCount = 6;

export function AuditRow({ entry, isNew, expanded, now, onToggle }: AuditRowProps) {
  const detailsId = `audit-details-${entry.id}`;
  const hasDetails = entry.before !== null || entry.after !== null || entry.requestId !== null;
  return (
    <Fragment>
      <tr className={`audit-row ${isNew ? 'audit-row--new' : ''}`} data-testid="audit-row" data-new={isNew ? 'true' : undefined} data-action={entry.action}>
        <td data-label="When">
          <RelativeTime iso={entry.at} now={now} />
          {isNew ? <span className="chip chip--accent audit-row__new">New</span> : null}
        </td>
        <td data-label="Actor">
          {entry.actor ? (
            <>
              <span className="audit-row__actor">{entry.actor.fullName}</span>
              <span className="audit-row__sub">{entry.actor.email}</span>
            </>
          ) : (
            <NoActor entry={entry} />
          )}
        </td>
        <td data-label="Action">
          <code className="audit-row__action">{entry.action}</code>
        </td>
        <td data-label="Target">
          {entry.targetType ? (
            <>
              {entry.targetType}
              {entry.targetId ? <span className="audit-row__sub mono">#{entry.targetId}</span> : null}
            </>
          ) : (
            '—'
          )}
        </td>
        <td data-label="Client" className="mono">
          {entry.clientAddress ?? '—'}
        </td>
        <td className="audit-row__toggle">
          {hasDetails ? (
            <button type="button" className="button button--small button--ghost" aria-expanded={expanded} aria-controls={detailsId} onClick={onToggle}>
              <Icon name="chevronRight" size={14} className={`audit-row__chevron ${expanded ? 'audit-row__chevron--open' : ''}`} />
              {expanded ? 'Hide' : 'Details'}
              <span className="visually-hidden"> of {entry.action} at {entry.at}</span>
            </button>
          ) : null}
        </td>
      </tr>
      {expanded ? (
        <tr className="audit-row__details" id={detailsId}>
          <td colSpan={columnCount}>
            <AuditEntryDetails entry={entry} />
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

/** No actor: a refused sign-in (with the email tried) or the system (a job, the bootstrap). */
function NoActor({ entry }: { entry: AuditEntry }) {
  if (entry.action !== 'SIGN_IN_FAILED') return <span className="audit-row__sub">System</span>;
  const tried = jsonString(entry.after, 'email');
  return (
    <>
      <span className="audit-row__actor audit-row__actor--refused">Refused sign-in</span>
      {tried ? <span className="audit-row__sub">as {tried}</span> : null}
    </>
  );
}
