import { useCallback, useSyncExternalStore } from 'react';
import { hashOf, sectionOf, type DashboardSection } from '../dashboard-section';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The view the location's hash names; `open` moves there (back and forward work as links do). */
export function useDashboardSection(): [DashboardSection, (section: DashboardSection) => void] {
  const section = useSyncExternalStore(subscribe, () => sectionOf(window.location.hash));
  const open = useCallback((next: DashboardSection) => {
    window.location.hash = hashOf(next);
  }, []);
  return [section, open];
}
