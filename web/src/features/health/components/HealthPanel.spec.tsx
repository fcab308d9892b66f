import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { HealthStatusFieldsFragment } from '../../../generated/graphql';
import { createFakeApi, ok, renderWithApi } from '../../../test/fake-api';
import { aCheckRun } from '../../../test/factories';
import { HealthPanel } from './HealthPanel';

const status: HealthStatusFieldsFragment = {
  state: 'HEALTHY',
  consistencyRate: 0.9991,
  nextScheduledAt: null,
  lastRun: aCheckRun({ id: '10' }),
  activeRun: null,
  liveDetection: true,
  liveDetectionState: 'ON',
  detectionLagMs: null,
};

describe('HealthPanel', () => {
  it('follows a manual run live: queued, progress, result, then a refresh of everything', async () => {
    const queued = aCheckRun({ id: '11', state: 'QUEUED', progress: 0, finishedAt: null, consistencyRate: null });
    const api = createFakeApi(() => ok({ runHealthCheck: queued }));
    const refreshed = vi.fn();
    api.refresh.on(refreshed);
    renderWithApi(<HealthPanel status={status} now={Date.now()} />, api);
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Run check now' }));
    expect(await screen.findByRole('progressbar')).toBeTruthy();
    expect((screen.getByTestId('run-check') as HTMLButtonElement).disabled).toBe(true);

    act(() => api.push('CheckRunUpdated', { checkRunUpdated: { ...queued, state: 'RUNNING', progress: 0.6 } }));
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('60');

    act(() => api.push('CheckRunUpdated', { checkRunUpdated: aCheckRun({ id: '11', consistencyRate: 0.95 }) }));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect((screen.getByTestId('run-check') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByTestId('run-announcement').textContent).toBe('Health check finished: 95.0% consistent, 12 inconsistent pairs.');
    expect(refreshed).toHaveBeenCalledWith('run-finished');
  });

  it('treats the snapshot of the run already shown as no news', async () => {
    const api = createFakeApi(() => ok({}));
    const refreshed = vi.fn();
    api.refresh.on(refreshed);
    renderWithApi(<HealthPanel status={status} now={Date.now()} />, api);
    await act(async () => {});
    act(() => api.push('CheckRunUpdated', { checkRunUpdated: status.lastRun }));
    expect(refreshed).not.toHaveBeenCalled();
    expect(screen.getByTestId('run-announcement').textContent).toBe('');
  });

  it('refreshes the panels when the health push announces a run before its own event does', async () => {
    const api = createFakeApi(() => ok({}));
    const refreshed = vi.fn();
    api.refresh.on(refreshed);
    const finished = aCheckRun({ id: '11', consistencyRate: 0.97 });
    // The panels were loaded with run 10; healthStatusChanged already brought run 11.
    renderWithApi(<HealthPanel status={{ ...status, lastRun: finished }} loadedRunId="10" now={Date.now()} />, api);
    await act(async () => {}); // lets the subscription reach the fake network
    act(() => api.push('CheckRunUpdated', { checkRunUpdated: finished }));
    expect(refreshed).toHaveBeenCalledWith('run-finished');
  });

  it('disables "Run check now" while a run started elsewhere is active', () => {
    const running = aCheckRun({ id: '12', state: 'RUNNING', progress: 0.3, trigger: 'SCHEDULED' });
    renderWithApi(<HealthPanel status={{ ...status, activeRun: running }} now={Date.now()} />, createFakeApi(() => ok({})));
    expect((screen.getByTestId('run-check') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Scheduled check · Checking… 30%')).toBeTruthy();
  });

  it('shows a failed run with its error', () => {
    const failed = aCheckRun({ id: '13', state: 'FAILED', consistencyRate: null, error: 'statement timeout' });
    renderWithApi(<HealthPanel status={{ ...status, lastRun: failed }} now={Date.now()} />, createFakeApi(() => ok({})));
    expect(screen.getByTestId('failed-run').textContent).toContain('statement timeout');
  });
});
