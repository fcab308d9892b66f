import { useSyncExternalStore } from 'react';
import type { ConnectionSnapshot } from '../connection-status';
import { useLive } from './useLive';

export function useConnectionStatus(): ConnectionSnapshot {
  const { status } = useLive();
  return useSyncExternalStore(status.subscribe, status.getSnapshot);
}
