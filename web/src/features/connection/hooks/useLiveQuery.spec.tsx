import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HealthMetricsQuery } from '../../metrics/graphql/health-metrics.query';
import { createFakeApi, fail, ok, renderWithApi } from '../../../test/fake-api';
import { useLiveQuery } from './useLiveQuery';

function PairsChecked() {
  const [{ data, error }] = useLiveQuery({ query: HealthMetricsQuery });
  return (
    <p>
      {data ? `pairs ${data.healthMetrics.pairsChecked}` : 'none'}
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
});
