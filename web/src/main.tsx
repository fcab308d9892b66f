import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { SessionProvider } from './features/auth/components/SessionProvider';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './shared/components/shared.css';
import './features/auth/components/login.css';
import './features/connection/components/connection.css';
import './features/dashboard/components/dashboard.css';
import './features/health/components/health.css';
import './features/checks/components/checks.css';
import './features/metrics/components/metrics.css';
import './features/live/components/live.css';
import './features/history/components/history.css';
import './features/violations/components/violations.css';
import './features/system/components/system.css';
import './features/repairs/components/repairs.css';
import './features/auth/components/password.css';
import './features/users/components/users.css';
import './features/audit/components/audit.css';
import './features/alerts/components/alerts.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
