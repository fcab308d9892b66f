import { useEffect, useState } from 'react';
import type { Specialization, ViolationType } from '../../../generated/graphql';
import { Icon } from '../../../shared/components/Icon';
import { formatEnum } from '../../../shared/format/format-enum';
import type { ViolationFilters } from '../hooks/useViolations';
import { specializations, violationTypeLabel, violationTypes } from '../violation';

interface ViolationFiltersBarProps {
  filters: ViolationFilters;
  onChange: (filters: ViolationFilters) => void;
}

const searchDelayMs = 300;

export function ViolationFiltersBar({ filters, onChange }: ViolationFiltersBarProps) {
  const [student, setStudent] = useState(filters.student);

  // Keep the box in step when filters are cleared from elsewhere.
  useEffect(() => setStudent(filters.student), [filters.student]);

  // Query once typing pauses, not on every keystroke.
  useEffect(() => {
    if (student === filters.student) return;
    const timer = window.setTimeout(() => onChange({ ...filters, student }), searchDelayMs);
    return () => window.clearTimeout(timer);
  }, [student, filters, onChange]);

  return (
    <form className="filters" role="search" aria-label="Filter violations" onSubmit={(event) => event.preventDefault()}>
      <label className="field filters__search">
        <span className="field__label">Student</span>
        <span className="input-with-icon">
          <Icon name="search" size={14} />
          <input
            className="input"
            type="search"
            name="student"
            placeholder="Name, email or #ID"
            autoComplete="off"
            value={student}
            maxLength={200}
            onChange={(event) => setStudent(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') onChange({ ...filters, student });
            }}
          />
        </span>
      </label>
      <label className="field">
        <span className="field__label">Type</span>
        <select className="select" value={filters.type} onChange={(event) => onChange({ ...filters, type: event.target.value as ViolationType | '' })}>
          <option value="">All types</option>
          {violationTypes.map((type) => (
            <option key={type} value={type}>
              {violationTypeLabel[type]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Specialization</span>
        <select
          className="select"
          value={filters.specialization}
          onChange={(event) => onChange({ ...filters, specialization: event.target.value as Specialization | '' })}
        >
          <option value="">All specializations</option>
          {specializations.map((specialization) => (
            <option key={specialization} value={specialization}>
              {formatEnum(specialization)}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={filters.includeResolved} onChange={(event) => onChange({ ...filters, includeResolved: event.target.checked })} />
        <span>Show resolved</span>
      </label>
    </form>
  );
}
