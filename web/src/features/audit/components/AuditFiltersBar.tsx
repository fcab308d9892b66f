import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { knownAuditActions, knownTargetTypes, type AuditFilters } from '../audit-filters';
import { AuditActorsQuery } from '../graphql/audit-actors.query';

interface AuditFiltersBarProps {
  filters: AuditFilters;
  onChange: (filters: AuditFilters) => void;
}

const typingDelayMs = 300;

export function AuditFiltersBar({ filters, onChange }: AuditFiltersBarProps) {
  const [{ data: actors }] = useQuery({ query: AuditActorsQuery, variables: { search: null } });
  const [text, setText] = useState({ action: filters.action, targetType: filters.targetType });

  useEffect(() => setText({ action: filters.action, targetType: filters.targetType }), [filters.action, filters.targetType]);

  // Free text (an action or target type not listed) is sent once typing pauses.
  useEffect(() => {
    if (text.action === filters.action && text.targetType === filters.targetType) return;
    const timer = window.setTimeout(() => onChange({ ...filters, ...text }), typingDelayMs);
    return () => window.clearTimeout(timer);
  }, [text, filters, onChange]);

  const users = actors?.users?.edges.map((edge) => edge.node) ?? [];

  return (
    <form className="audit-filters" role="search" aria-label="Filter the audit trail" onSubmit={(event) => event.preventDefault()}>
      <label className="field">
        <span className="field__label">Actor</span>
        <select className="select" name="actor" value={filters.actorId} onChange={(event) => onChange({ ...filters, actorId: event.target.value })}>
          <option value="">Anyone</option>
          {users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.fullName} ({user.email})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Action</span>
        <input className="input mono" name="action" list="audit-actions" placeholder="Any action" autoComplete="off" maxLength={64} value={text.action} onChange={(event) => setText({ ...text, action: event.target.value.toUpperCase() })} />
        <datalist id="audit-actions">
          {knownAuditActions.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span className="field__label">Target type</span>
        <input className="input" name="targetType" list="audit-target-types" placeholder="Any target" autoComplete="off" maxLength={64} value={text.targetType} onChange={(event) => setText({ ...text, targetType: event.target.value })} />
        <datalist id="audit-target-types">
          {knownTargetTypes.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span className="field__label">Since</span>
        <input className="input" type="datetime-local" name="since" value={filters.since} max={filters.until || undefined} onChange={(event) => onChange({ ...filters, since: event.target.value })} />
      </label>
      <label className="field">
        <span className="field__label">Until</span>
        <input className="input" type="datetime-local" name="until" value={filters.until} min={filters.since || undefined} onChange={(event) => onChange({ ...filters, until: event.target.value })} />
      </label>
    </form>
  );
}
