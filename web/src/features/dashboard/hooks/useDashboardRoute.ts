import { useCallback, useEffect, useState } from 'react';
import { parseRoute, routeHref, type DashboardRoute } from '../dashboard-route';

/** The page the hash names, following the browser's back and forward buttons. */
export function useDashboardRoute() {
  const [route, setRoute] = useState<DashboardRoute>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: DashboardRoute) => {
    if (parseRoute(window.location.hash) !== next) window.location.hash = routeHref(next);
    setRoute(next);
  }, []);
  return { route, navigate };
}
