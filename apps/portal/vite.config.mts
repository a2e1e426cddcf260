import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { firstLoadBudget } from './budget.mts';

const root = fileURLToPath(new URL('.', import.meta.url));
const SUBSCRIPTION_URL = process.env.PORTAL_DEV_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  // Relative asset URLs: the portal works wherever it is mounted (`/portal/` or behind a proxy path).
  base: './',
  plugins: [react(), firstLoadBudget({ maxGzipBytes: 150 * 1024 })],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  // `nx run portal:serve`: hot reload against the subscription-service of `npm start`.
  server: {
    port: 5173,
    proxy: {
      '/v1': SUBSCRIPTION_URL,
      '/config.json': { target: SUBSCRIPTION_URL, rewrite: () => '/portal/config.json' },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    // The machine running CI may be busy; typing into a form takes a few hundred ms even when idle.
    testTimeout: 20_000,
  },
});
