import type { ReactNode } from 'react';

export type MetricTone = 'default' | 'warning' | 'critical';

interface MetricCardProps {
  label: string;
  value: string;
  hint?: string;
  tone?: MetricTone;
  wide?: boolean;
  /** Names the value for tests and tools that read it. */
  valueTestId?: string;
  children?: ReactNode;
}

export function MetricCard({ label, value, hint, tone = 'default', wide = false, valueTestId, children }: MetricCardProps) {
  return (
    <div className={`metric metric--${tone} ${wide ? 'metric--wide' : ''}`} data-tone={tone}>
      <dt className="metric__label">{label}</dt>
      <dd className="metric__body">
        <span className="metric__value" data-testid={valueTestId}>
          {value}
        </span>
        {hint ? <span className="metric__hint">{hint}</span> : null}
        {children}
      </dd>
    </div>
  );
}
