import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { createToastQueue } from './components/toast-region';
import { markReactAriaStylesProvided } from './csp-compat';
import { getWindowCdsApi } from './ipc/cds-client';
import { createRendererStores } from './stores/renderer-stores';
import './styles/theme.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/workspace.css';

const root = document.getElementById('root');
if (!root) throw new Error('CDS Companion: the #root element is missing from index.html');

markReactAriaStylesProvided(document);

createRoot(root).render(
  <StrictMode>
    <App api={getWindowCdsApi()} stores={createRendererStores()} toasts={createToastQueue()} />
  </StrictMode>,
);
