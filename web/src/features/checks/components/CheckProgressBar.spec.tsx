import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCheckRun } from '../../../test/factories';
import { CheckProgressBar } from './CheckProgressBar';

describe('CheckProgressBar', () => {
  it('shows the progress of a running check', () => {
    render(<CheckProgressBar run={aCheckRun({ state: 'RUNNING', progress: 0.42, pairsChecked: 4200 })} />);
    const bar = screen.getByRole('progressbar', { name: 'Health check progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(screen.getByText('Manual check · Checking… 42%')).toBeTruthy();
    expect(screen.getByText('4,200 pairs')).toBeTruthy();
  });

  it('is indeterminate while the run waits in the queue', () => {
    render(<CheckProgressBar run={aCheckRun({ state: 'QUEUED', progress: 0, pairsChecked: null })} />);
    const bar = screen.getByRole('progressbar');
    expect(bar.hasAttribute('aria-valuenow')).toBe(false);
    expect(bar.getAttribute('aria-valuetext')).toBe('Queued — waiting for a worker');
  });

  it('says a run is being retried, and why its last attempt failed', () => {
    const error = 'Attempt 2 of 3 failed: Integrity check failed: connection reset';
    render(<CheckProgressBar run={aCheckRun({ state: 'RUNNING', progress: 0.25, error, pairsChecked: null })} />);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('Retrying… 25%');
    expect(screen.getByTestId('check-retry').textContent).toBe(`${error} — retrying`);
  });

  it('shows no retry note for a first attempt', () => {
    render(<CheckProgressBar run={aCheckRun({ state: 'RUNNING', progress: 0.25, error: null })} />);
    expect(screen.queryByTestId('check-retry')).toBeNull();
  });
});
