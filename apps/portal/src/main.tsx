import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { takeAccessFromLocation } from './app/access';
import { loadRuntimeConfig } from './app/runtime-config';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
const { access, branding } = takeAccessFromLocation(window);

loadRuntimeConfig()
  .then((config) =>
    root.render(
      <StrictMode>
        <App config={config} initialAccess={access} branding={branding} />
      </StrictMode>,
    ),
  )
  .catch((error: unknown) => {
    root.render(
      <p role="alert">
        The portal could not start: {error instanceof Error ? error.message : String(error)}
      </p>,
    );
  });
