import { formatNumber } from '../format/format-number';
import { Icon } from './Icon';

interface PaginationProps {
  /** Names the navigation landmark ("Violations pages"). */
  label: string;
  page: number;
  pageSize: number;
  shown: number;
  totalCount: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}

export function Pagination({ label, page, pageSize, shown, totalCount, hasPrevious, hasNext, onPrevious, onNext }: PaginationProps) {
  const first = (page - 1) * pageSize + 1;
  return (
    <nav className="pagination" aria-label={label}>
      <span className="pagination__range">
        {shown === 0 ? '0' : `${formatNumber(first)}–${formatNumber(first + shown - 1)}`} of {formatNumber(totalCount)}
      </span>
      <div className="pagination__buttons">
        <button type="button" className="button button--small" onClick={onPrevious} disabled={!hasPrevious}>
          <Icon name="chevronLeft" size={14} />
          Previous
        </button>
        <button type="button" className="button button--small" onClick={onNext} disabled={!hasNext}>
          Next
          <Icon name="chevronRight" size={14} />
        </button>
      </div>
    </nav>
  );
}
