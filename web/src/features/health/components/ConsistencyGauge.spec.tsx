import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConsistencyGauge } from './ConsistencyGauge';

const offset = () => Number(screen.getByTestId('gauge-arc').style.strokeDashoffset);

describe('ConsistencyGauge', () => {
  it('exposes the true rate as a meter and draws the arc on the threshold scale', () => {
    render(<ConsistencyGauge rate={0.978} state="DEGRADED" />);
    const meter = screen.getByRole('meter', { name: 'Consistency' });
    expect(meter.getAttribute('aria-valuenow')).toBe('97.8');
    expect(meter.getAttribute('aria-valuetext')).toBe('97.8% of pairs consistent');
    expect(screen.getByText('97.8%')).toBeTruthy();
    // 95 % sits at 45 % of the arc and 99 % at 85 %: 97.8 % is 70 % of the way between them.
    expect(offset()).toBe(27);
  });

  it('tells Degraded from Critical by where the arc ends, not by a few degrees', () => {
    const { rerender } = render(<ConsistencyGauge rate={0.938} state="CRITICAL" />);
    const critical = 100 - offset();
    rerender(<ConsistencyGauge rate={0.97} state="DEGRADED" />);
    const degraded = 100 - offset();
    rerender(<ConsistencyGauge rate={0.995} state="HEALTHY" />);
    const healthy = 100 - offset();
    expect(critical).toBeLessThan(45);
    expect(degraded).toBeGreaterThan(45);
    expect(degraded).toBeLessThan(85);
    expect(healthy).toBeGreaterThan(85);
    expect(degraded - critical).toBeGreaterThan(20);
  });

  it('labels the thresholds and colours the band of each state', () => {
    const { container } = render(<ConsistencyGauge rate={0.97} state="DEGRADED" />);
    const ticks = [...container.querySelectorAll('[data-tick]')].map((tick) => tick.textContent);
    expect(ticks).toEqual(['90%', '95%', '99%']);
    expect([...container.querySelectorAll('[data-band]')].map((band) => band.getAttribute('data-band'))).toEqual(['critical', 'degraded', 'healthy']);
  });

  it('follows other thresholds when given them', () => {
    const { container } = render(<ConsistencyGauge rate={0.85} state="DEGRADED" thresholds={{ healthy: 0.9, degraded: 0.8 }} />);
    expect([...container.querySelectorAll('[data-tick]')].map((tick) => tick.textContent)).toEqual(['67.5%', '80%', '90%']);
    expect(offset()).toBe(35);
  });

  it('moves the arc when the rate changes (the CSS transition animates it)', () => {
    const { rerender } = render(<ConsistencyGauge rate={0.5} state="CRITICAL" />);
    expect(offset()).toBe(88.89);
    rerender(<ConsistencyGauge rate={1} state="HEALTHY" />);
    expect(offset()).toBe(0);
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
