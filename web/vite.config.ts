import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The lead's scripts run vite from the repo root with --config, so every path is anchored
// to this file rather than to the working directory.
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

// In development the Fastify server owns /api; proxying keeps the client same-origin
// exactly as in production, where the server also serves web/dist.
const apiProxy = { '/api': { target: 'http://localhost:3000', changeOrigin: false } };

export default defineConfig({
  root: here('.'),
  base: '/',
  // Nothing to copy verbatim: every asset (Leaflet CSS and its images) goes through the
  // bundler so the app works with no network access at all.
  publicDir: false,
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    sourcemap: 'hidden',
    // Two pages: the public map, and the admin pages (served as /admin.html). Kept apart so
    // the map's bundle carries no admin code and the admin page loads no Leaflet.
    rolldownOptions: {
      input: { main: here('./index.html'), admin: here('./admin.html') },
    },
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
});
