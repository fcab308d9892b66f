import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HealthMetricsQuery } from '../../metrics/graphql/health-metrics.query';
import { createFakeApi, fail, ok, renderWithApi } from '../../../test/fake-api';
import { afterRepairsToo, type RefreshReason } from '../refresh-bus';
import { useLiveQuery } from './useLiveQuery';

function PairsChecked({ refreshOn }: { refreshOn?: readonly RefreshReason[] }) {
  const [{ data, error }] = useLiveQuery({ query: HealthMetricsQuery }, { refreshOn });
  return (
    <p>
      {data?.healthMetrics ? `pairs ${data.healthMetrics.pairsChecked}` : 'none'}
      {error ? ' (stale)' : ''}
    </p>
  );
}

const metrics = (pairsChecked: number) =>
  ok({ healthMetrics: { pairsChecked, openViolations: 0, openViolationsByType: [], checksLast24h: 0, repairsLast24h: 0, lastCheckDurationMs: null } });

describe('useLiveQuery', () => {
  it('refetches when the refresh bus fires, and only then', async () => {
    let pairs = 10;
    const api = createFakeApi(() => metrics(pairs));
    renderWithApi(<PairsChecked />, api);
    expect(await screen.findByText('pairs 10')).toBeTruthy();

    pairs = 20;
    act(() => api.refresh.emit('reconnected'));
    expect(await screen.findByText('pairs 20')).toBeTruthy();
    expect(api.callsTo('HealthMetrics')).toHaveLength(2);
  });

  it('keeps the last known data when a refetch fails', async () => {
    let down = false;
    const api = createFakeApi(() => (down ? fail('INTERNAL_SERVER_ERROR', 'down', 500) : metrics(10)));
    renderWithApi(<PairsChecked />, api);
    await screen.findByText('pairs 10');

    down = true;
    act(() => api.refresh.emit('run-finished'));
    expect(await screen.findByText('pairs 10 (stale)')).toBeTruthy();
  });

  it('refetches only after the events it follows: by default not after a repair', async () => {
    const api = createFakeApi(() => metrics(10));
    renderWithApi(
      <>
        <PairsChecked />
        <PairsChecked refreshOn={afterRepairsToo} />
      </>,
      api,
    );
    await waitFor(() => expect(screen.getAllByText('pairs 10')).toHaveLength(2));
    const before = api.callsTo('HealthMetrics').length;
    act(() => api.refresh.emit('repaired'));
    await waitFor(() => expect(api.callsTo('HealthMetrics')).toHaveLength(before + 1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(api.callsTo('HealthMetrics')).toHaveLength(before + 1);
  });

  it('sends one refetch for events that come together (a repair and its pushed event)', async () => {
    const api = createFakeApi(() => metrics(10));
    renderWithApi(<PairsChecked refreshOn={afterRepairsToo} />, api);
    await screen.findByText('pairs 10');
    act(() => {
      api.refresh.emit('repaired');
      api.refresh.emit('repaired');
      api.refresh.emit('run-finished');
    });
    await waitFor(() => expect(api.callsTo('HealthMetrics')).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(api.callsTo('HealthMetrics')).toHaveLength(2);
  });

  it('retries a refetch that failed until it gets the new answer', async () => {
    let pairs = 10;
    let failures = 0;
    const api = createFakeApi(() => (failures-- > 0 ? fail('INTERNAL_SERVER_ERROR', 'down', 500) : metrics(pairs)));
    renderWithApi(<PairsChecked />, api);
    await screen.findByText('pairs 10');

    pairs = 20;
    failures = 1;
    act(() => api.refresh.emit('run-finished'));
    expect(await screen.findByText('pairs 10 (stale)')).toBeTruthy();
    expect(await screen.findByText('pairs 20', {}, { timeout: 3_000 })).toBeTruthy();
    expect(api.callsTo('HealthMetrics')).toHaveLength(3);
  });
});
