import { useContext } from 'react';
import { LiveContext } from '../live-context';

export function useLive() {
  const value = useContext(LiveContext);
  if (!value) throw new Error('useLive must be used inside <LiveClientProvider>');
  return value;
}
