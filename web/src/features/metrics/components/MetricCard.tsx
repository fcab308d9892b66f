import type { ReactNode } from 'react';

interface MetricCardProps {
  label: string;
  value: string;
  hint?: string;
  tone?: 'default' | 'warning';
  wide?: boolean;
  children?: ReactNode;
}

export function MetricCard({ label, value, hint, tone = 'default', wide = false, children }: MetricCardProps) {
  return (
    <div className={`metric metric--${tone} ${wide ? 'metric--wide' : ''}`}>
      <dt className="metric__label">{label}</dt>
      <dd className="metric__body">
        <span className="metric__value">{value}</span>
        {hint ? <span className="metric__hint">{hint}</span> : null}
        {children}
      </dd>
    </div>
  );
}
