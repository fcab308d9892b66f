import { act, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createFakeApi, renderWithApi } from '../../../test/fake-api';
import { ApiUnreachableBanner } from './ApiUnreachableBanner';
import { ConnectionIndicator } from './ConnectionIndicator';

function setup() {
  const api = createFakeApi(() => ({ body: { data: null } }));
  renderWithApi(
    <>
      <ConnectionIndicator />
      <ApiUnreachableBanner />
    </>,
    api,
  );
  return api;
}

describe('ConnectionIndicator', () => {
  it('shows connecting until the socket is up, then live', () => {
    const api = setup();
    expect(screen.getByTestId('connection-indicator').textContent).toContain('Connecting…');
    act(() => void api.status.socketConnected());
    expect(screen.getByRole('status').textContent).toBe('Live: receiving live updates');
    expect(screen.queryByTestId('api-unreachable')).toBeNull();
  });

  it('shows reconnecting and the unreachable banner when the socket drops, and recovers by itself', () => {
    const api = setup();
    act(() => void api.status.socketConnected());
    act(() => {
      api.status.socketClosed();
      api.status.socketConnecting();
    });
    expect(screen.getByTestId('connection-indicator').dataset.phase).toBe('reconnecting');
    expect(screen.getByRole('alert').textContent).toContain('The LevelSync API cannot be reached.');
    act(() => void api.status.socketConnected());
    expect(screen.getByTestId('connection-indicator').dataset.phase).toBe('connected');
    expect(screen.queryByTestId('api-unreachable')).toBeNull();
  });

  it('shows the banner while HTTP requests cannot reach the API', () => {
    const api = setup();
    act(() => void api.status.socketConnected());
    act(() => api.status.httpReachable(false));
    expect(screen.getByTestId('api-unreachable')).toBeTruthy();
    act(() => api.status.httpReachable(true));
    expect(screen.queryByTestId('api-unreachable')).toBeNull();
  });
});

describe('ConnectionStatus', () => {
  it('reports a reconnection only after a first successful connection', () => {
    const api = createFakeApi(() => ({ body: { data: null } }));
    const listener = vi.fn();
    api.status.subscribe(listener);
    expect(api.status.socketConnected()).toBe(false);
    api.status.socketClosed();
    expect(api.status.socketConnected()).toBe(true);
    expect(listener).toHaveBeenCalled();
  });
});
