import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { serviceWorker } from './sw/sw.plugin.ts';

// The lead's scripts run vite from the repo root with --config, so every path is anchored
// to this file rather than to the working directory.
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

// In development the Fastify server owns /api; proxying keeps the client same-origin
// exactly as in production, where the server also serves web/dist.
const apiProxy = { '/api': { target: 'http://localhost:3000', changeOrigin: false } };

export default defineConfig({
  root: here('.'),
  base: '/',
  // /sw.js: the map page works offline (app shell and the last area's data).
  plugins: [serviceWorker({ source: here('./sw/sw.ts'), entry: 'main', html: 'index.html' })],
  // Nothing to copy verbatim: every asset (Leaflet CSS and its images) goes through the
  // bundler so the app works with no network access at all.
  publicDir: false,
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    sourcemap: 'hidden',
    // Separate pages: the public map, the admin pages (/admin.html), the campaign figures
    // (/dashboard.html, /progress.html, /report.html) and cable-burial planning
    // (/planning.html, the only page with the drawing plugin and Turf). Kept apart so the map's bundle carries
    // no admin or chart code, and only the public progress page pairs charts with Leaflet.
    rolldownOptions: {
      input: {
        main: here('./index.html'),
        admin: here('./admin.html'),
        dashboard: here('./dashboard.html'),
        progress: here('./progress.html'),
        report: here('./report.html'),
        planning: here('./planning.html'),
      },
      // ECharts (with zrender) is one chunk of its own, cached once for all three figures
      // pages and never loaded by the map or admin pages.
      output: { codeSplitting: { groups: [{ name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/ }] } },
    },
    // That chunk is ~570 kB minified (~190 kB gzip) even tree-shaken to lines, bars and a
    // canvas; the default 500 kB warning would fire on every build for a known, accepted size.
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
});
