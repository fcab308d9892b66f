import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConsistencyGauge } from './ConsistencyGauge';

describe('ConsistencyGauge', () => {
  it('exposes the rate as a meter and draws the arc to it', () => {
    render(<ConsistencyGauge rate={0.978} state="DEGRADED" />);
    const meter = screen.getByRole('meter', { name: 'Consistency' });
    expect(meter.getAttribute('aria-valuenow')).toBe('97.8');
    expect(meter.getAttribute('aria-valuetext')).toBe('97.8% of pairs consistent');
    expect(screen.getByText('97.8%')).toBeTruthy();
    expect(screen.getByTestId('gauge-arc').style.strokeDashoffset).toBe('2.2');
  });

  it('moves the arc when the rate changes (the CSS transition animates it)', () => {
    const { rerender } = render(<ConsistencyGauge rate={0.5} state="CRITICAL" />);
    expect(screen.getByTestId('gauge-arc').style.strokeDashoffset).toBe('50');
    rerender(<ConsistencyGauge rate={0.995} state="HEALTHY" />);
    expect(screen.getByTestId('gauge-arc').style.strokeDashoffset).toBe('0.5');
    expect(screen.getByTestId('consistency-gauge').className).toContain('gauge--healthy');
  });

  it('never rounds a single violation up to 100%', () => {
    render(<ConsistencyGauge rate={0.99996} state="HEALTHY" />);
    expect(screen.getByText('99.9%')).toBeTruthy();
  });

  it('says so when no check has finished yet', () => {
    render(<ConsistencyGauge rate={null} state="UNKNOWN" />);
    expect(screen.getByRole('img', { name: 'Consistency: no check has finished yet' })).toBeTruthy();
    expect(screen.getByText('—')).toBeTruthy();
  });
});
