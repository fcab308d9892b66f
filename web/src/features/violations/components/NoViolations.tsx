import { Icon } from '../../../shared/components/Icon';

interface NoViolationsProps {
  filtered: boolean;
  onClearFilters: () => void;
}

export function NoViolations({ filtered, onClearFilters }: NoViolationsProps) {
  return (
    <div className="no-violations" data-testid="no-violations">
      <span className="no-violations__icon" aria-hidden="true">
        <Icon name={filtered ? 'search' : 'healthy'} size={22} />
      </span>
      <p className="no-violations__title">{filtered ? 'No violations match these filters' : 'No violations'}</p>
      <p className="no-violations__text">
        {filtered ? 'Try another type, specialization or student.' : 'Every student’s progress and license are in lockstep.'}
      </p>
      {filtered ? (
        <button type="button" className="button button--small" onClick={onClearFilters}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
