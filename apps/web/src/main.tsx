import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-provider';
import { I18nProvider } from './i18n/i18n-provider';
import { RouterProvider } from './router/router';
import { Routes } from './routes';
import { SessionProvider } from './session/session-provider';
import { startOffline } from './offline/device-outbox';
import './styles/tokens.css';
import './styles/base.css';
import './styles/auth.css';
import './styles/shell.css';
import './styles/page.css';

// The service worker and the queue of records made offline start with the app, before any screen.
startOffline();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <ApiProvider>
        <RouterProvider>
          <SessionProvider>
            <Routes />
          </SessionProvider>
        </RouterProvider>
      </ApiProvider>
    </I18nProvider>
  </StrictMode>,
);
