import { act, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createFakeApi, ok, renderWithApi } from '../../../test/fake-api';
import { aCheckRun } from '../../../test/factories';
import type { CheckRun } from '../check-run';
import { CheckProgressBar } from '../components/CheckProgressBar';
import { useCheckRuns } from './useCheckRuns';

const lastRun = aCheckRun({ id: '20' });

/** Stands for the health query: the test sets the active run its answer names. */
let answerActiveRun: (run: CheckRun | null) => void = () => undefined;

function Runs({ initialActiveRun }: { initialActiveRun: CheckRun | null }) {
  const [activeRun, setActiveRun] = useState(initialActiveRun);
  answerActiveRun = setActiveRun;
  const runs = useCheckRuns({ activeRun, lastRun, loadedRunId: lastRun.id });
  return (
    <>
      {runs.activeRun ? <CheckProgressBar run={runs.activeRun} /> : null}
      <p data-testid="last-run">{runs.lastRun ? `${runs.lastRun.id} ${runs.lastRun.state}` : ''}</p>
      <p data-testid="announcement">{runs.announcement}</p>
    </>
  );
}

const running = (progress: number, error: string | null = null) =>
  aCheckRun({ id: '21', state: 'RUNNING', progress, error, finishedAt: null, consistencyRate: null, pairsChecked: null });
const ATTEMPT_FAILED = 'Attempt 1 of 3 failed: Integrity check failed: deadlock detected';

async function setup(activeRun: CheckRun | null = null) {
  const api = createFakeApi(() => ok({}));
  const refreshed = vi.fn();
  api.refresh.on(refreshed);
  renderWithApi(<Runs initialActiveRun={activeRun} />, api);
  await act(async () => {}); // lets the subscription reach the fake network
  const push = (run: CheckRun) => act(() => api.push('CheckRunUpdated', { checkRunUpdated: run }));
  const percent = () => screen.getByRole('progressbar').getAttribute('aria-valuenow');
  return { api, refreshed, push, percent };
}

describe('useCheckRuns', () => {
  describe('when an attempt fails and is retried', () => {
    it('keeps the run active, shows the failed attempt, then the retry’s progress from 0, then its result', async () => {
      const { push, percent, refreshed } = await setup();
      push(aCheckRun({ id: '21', state: 'QUEUED', progress: 0, finishedAt: null, consistencyRate: null }));
      push(running(0.6));
      expect(percent()).toBe('60');

      push(running(0, ATTEMPT_FAILED));
      expect(percent()).toBe('0');
      expect(screen.getByTestId('check-retry').textContent).toBe(`${ATTEMPT_FAILED} — retrying`);
      expect(screen.getByText('Manual check · Retrying… 0%')).toBeTruthy();
      expect(screen.getByTestId('announcement').textContent).toBe(`Health check attempt failed, retrying: ${ATTEMPT_FAILED}.`);
      expect(refreshed).not.toHaveBeenCalled();

      push(running(0.3, ATTEMPT_FAILED));
      expect(percent()).toBe('30');

      push(aCheckRun({ id: '21', consistencyRate: 0.97, inconsistent: 3 }));
      expect(screen.queryByRole('progressbar')).toBeNull();
      expect(screen.getByTestId('last-run').textContent).toBe('21 SUCCEEDED');
      expect(screen.getByTestId('announcement').textContent).toBe('Health check finished: 97.0% consistent, 3 inconsistent pairs.');
      expect(refreshed).toHaveBeenCalledWith('run-finished');
    });
  });

  describe('when a query answer is older than the pushes', () => {
    it('does not overwrite the run the pushes follow', async () => {
      const { push, percent } = await setup(running(0.6));
      push(running(0, ATTEMPT_FAILED));
      push(running(0.2, ATTEMPT_FAILED));
      // The health query was read before the retry: it still says 60 %.
      act(() => answerActiveRun(running(0.6)));
      expect(percent()).toBe('20');
      expect(screen.getByTestId('check-retry')).toBeTruthy();
    });
  });

  describe('when a run has finished', () => {
    it('never brings it back, whatever arrives later', async () => {
      const { push } = await setup();
      push(running(0.5));
      push(aCheckRun({ id: '21' }));
      push(running(0.9));
      act(() => answerActiveRun(running(0.9)));
      expect(screen.queryByRole('progressbar')).toBeNull();
      expect(screen.getByTestId('last-run').textContent).toBe('21 SUCCEEDED');
    });
  });
});
