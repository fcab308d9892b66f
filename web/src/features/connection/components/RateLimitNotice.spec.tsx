import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Client, fetchExchange, Provider } from 'urql';
import { aRepairPreview, aViolation } from '../../../test/factories';
import { ViolationsPanel } from '../../violations/components/ViolationsPanel';
import type { Violation } from '../../violations/violation';
import { ConnectionStatus } from '../connection-status';
import { LiveContext } from '../live-context';
import { retryingRateLimits } from '../rate-limited-fetch';
import { RefreshBus } from '../refresh-bus';
import { RateLimitNotice } from './RateLimitNotice';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const tooManyRequests = () =>
  json({ errors: [{ message: 'Too many requests; retry in 1 s.', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 } }] }, 429, { 'retry-after': '1' });
const page = (violations: Violation[]) =>
  json({
    data: {
      violations: {
        totalCount: violations.length,
        pageInfo: { hasNextPage: false, endCursor: null },
        edges: violations.map((node) => ({ cursor: `c-${node.id}`, node })),
      },
    },
  });

/** The dashboard's client stack over a scripted network: the API refuses the first `refusals` requests of an operation with 429. */
function renderDashboard(refusals: Record<string, number>) {
  let open = [aViolation({ id: '1' }), aViolation({ id: '2', student: { id: '9', fullName: 'Noah Okafor', email: 'n@example.edu' } })];
  const sent: string[] = [];
  const network: typeof fetch = async (_input, init) => {
    const body = JSON.parse(String(init?.body)) as { operationName: string; variables: { studentId?: string } };
    sent.push(body.operationName);
    if ((refusals[body.operationName] ?? 0) > 0) {
      refusals[body.operationName] -= 1;
      return tooManyRequests();
    }
    if (body.operationName === 'RepairPreview') return json({ data: { repairPreview: aRepairPreview({ studentId: body.variables.studentId }) } });
    if (body.operationName === 'ResyncLicense') {
      open = open.filter((v) => v.student.id !== body.variables.studentId);
      return json({ data: { resyncLicense: { id: 'r1' } } });
    }
    return page(open);
  };
  const status = new ConnectionStatus();
  const client = new Client({
    url: 'http://levelsync.test/graphql',
    requestPolicy: 'network-only',
    fetch: retryingRateLimits(network, status, () => 0),
    exchanges: [fetchExchange],
  });
  render(
    <Provider value={client}>
      <LiveContext.Provider value={{ status, refresh: new RefreshBus() }}>
        <RateLimitNotice />
        <ViolationsPanel now={Date.now()} />
      </LiveContext.Provider>
    </Provider>,
  );
  return { sent, status };
}

describe('RateLimitNotice', () => {
  it('counts down the wait from when it starts, and goes away when the requests are sent again', () => {
    vi.useFakeTimers();
    try {
      const status = new ConnectionStatus();
      render(
        <LiveContext.Provider value={{ status, refresh: new RefreshBus() }}>
          <RateLimitNotice />
        </LiveContext.Provider>,
      );
      expect(screen.queryByTestId('rate-limited')).toBeNull();
      act(() => void vi.advanceTimersByTime(5_000)); // mounted long before the first 429
      let lifted = () => {};
      act(() => void (lifted = status.rateLimited(Date.now() + 3_000)));
      expect(screen.getByTestId('rate-limited').textContent).toContain('Too many requests — retrying in 3 s.');
      act(() => void vi.advanceTimersByTime(1_000));
      expect(screen.getByTestId('rate-limited').textContent).toContain('retrying in 2 s.');
      act(() => lifted());
      expect(screen.queryByTestId('rate-limited')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('when the API answers 429', () => {
  it('keeps the repair going: says it is retrying, sends it again once allowed, and the row resolves', async () => {
    const { sent } = renderDashboard({ ResyncLicense: 1 });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Repair Player license of Noah Okafor' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Repair license' }));

    const notice = await screen.findByTestId('rate-limited', {}, { timeout: 5_000 });
    expect(notice.textContent).toContain('Too many requests — retrying in 1 s.');
    // Not a dead dialog with an error: still working on it.
    expect(within(screen.getByRole('dialog')).queryByRole('alert')).toBeNull();
    expect(within(screen.getByRole('dialog')).getByRole('button', { name: /Repairing/ })).toBeTruthy();

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 5_000 });
    expect(screen.queryByTestId('rate-limited')).toBeNull();
    await waitFor(() => expect(screen.queryByText('Noah Okafor')).toBeNull(), { timeout: 5_000 });
    expect(screen.getByTestId('violations-count').textContent).toBe('1 open violation');
    expect(sent.filter((name) => name === 'ResyncLicense')).toHaveLength(2);
  });

  it('retries a refused refetch by itself, so the list catches up with the repair', async () => {
    const refusals: Record<string, number> = {};
    const { sent } = renderDashboard(refusals);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Repair Player license of Noah Okafor' }));
    refusals.Violations = 1; // the list's refetch after the repair is refused once
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Repair license' }));

    expect((await screen.findByTestId('rate-limited', {}, { timeout: 5_000 })).textContent).toContain('retrying in 1 s');
    await waitFor(() => expect(screen.queryByText('Noah Okafor')).toBeNull(), { timeout: 5_000 });
    expect(screen.queryByTestId('rate-limited')).toBeNull();
    expect(screen.getByTestId('violations-count').textContent).toBe('1 open violation');
    expect(sent.filter((name) => name === 'Violations')).toHaveLength(3);
  });
});
