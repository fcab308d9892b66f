import { act, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RefreshReason } from '../../connection/refresh-bus';
import { createFakeApi, ok, renderWithApi } from '../../../test/fake-api';
import { useRepairEvents } from './useRepairEvents';

function FollowsRepairs() {
  useRepairEvents();
  return null;
}

const batch = { repairsMade: { trigger: 'AUTO_SYNC', madeAt: '2026-11-23T09:00:00.000Z', resolvedViolationIds: ['7'], repairs: [{ id: '1' }] } };
const missed = [
  {
    message: 'This subscriber fell more than 256 events behind; query the current state again and resubscribe',
    extensions: { code: 'CONFLICT', reason: 'EVENTS_MISSED' },
  },
];

function setup() {
  const api = createFakeApi(() => ok({}));
  const refreshes: RefreshReason[] = [];
  api.refresh.on((reason) => refreshes.push(reason));
  renderWithApi(<FollowsRepairs />, api);
  return { api, refreshes };
}

describe('useRepairEvents', () => {
  it('asks the live queries to refetch when repairs are made', async () => {
    const { api, refreshes } = setup();
    await waitFor(() => expect(api.subscriberCount('RepairsMade')).toBe(1));
    act(() => api.push('RepairsMade', batch));
    await waitFor(() => expect(refreshes).toEqual(['repaired']));
  });

  it('refetches and subscribes again when the server says events were missed', async () => {
    const { api, refreshes } = setup();
    await waitFor(() => expect(api.subscriberCount('RepairsMade')).toBe(1));

    act(() => api.pushError('RepairsMade', missed));
    await waitFor(() => expect(refreshes).toEqual(['repaired']));
    await waitFor(() => expect(api.subscriberCount('RepairsMade')).toBe(1));

    // The new subscription is live: a later batch asks again.
    act(() => api.push('RepairsMade', batch));
    await waitFor(() => expect(refreshes).toEqual(['repaired', 'repaired']));
  });

  it('does not subscribe again after any other error', async () => {
    const { api, refreshes } = setup();
    await waitFor(() => expect(api.subscriberCount('RepairsMade')).toBe(1));
    act(() => api.pushError('RepairsMade', [{ message: 'Admins only', extensions: { code: 'FORBIDDEN' } }]));
    await waitFor(() => expect(api.subscriberCount('RepairsMade')).toBe(0));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.subscriberCount('RepairsMade')).toBe(0);
    expect(refreshes).toEqual([]);
  });
});
