import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { transformWithOxc, type Plugin } from 'vite';

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  name: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}
interface AssetLike {
  type: 'asset';
  fileName: string;
}
type Bundle = Record<string, ChunkLike | AssetLike>;

/** Every file the entry `name` needs, following static and lazy imports, plus its CSS and images. */
function filesOf(bundle: Bundle, entry: string, html: string): string[] {
  const start = Object.values(bundle).find((f): f is ChunkLike => f.type === 'chunk' && f.isEntry && f.name === entry);
  if (!start) throw new Error(`service worker: the build has no entry chunk named "${entry}"`);
  const files = new Set<string>([html]);
  const queue: string[] = [start.fileName];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (files.has(name)) continue;
    files.add(name);
    const item = bundle[name];
    if (item?.type !== 'chunk') continue;
    queue.push(...item.imports, ...item.dynamicImports);
    for (const css of item.viteMetadata?.importedCss ?? []) files.add(css);
    for (const asset of item.viteMetadata?.importedAssets ?? []) files.add(asset);
  }
  // Only what is really written: a CSS-only chunk is dropped from the bundle, yet still
  // named in its importers' lists, and one 404 would make the whole install fail.
  return [...files].filter((f) => f in bundle).sort().map((f) => `/${f}`);
}

/**
 * Emits /sw.js: web/sw/sw.ts compiled to a plain script, headed by the list of the map page's
 * files (HTML, JS, CSS, Leaflet's images) and a version that changes when any of them does.
 * Hand-made rather than a PWA plugin: it is a page of code and brings no dependency.
 */
export function serviceWorker(options: { source: string; entry: string; html: string }): Plugin {
  return {
    name: 'polewatch-service-worker',
    apply: 'build',
    enforce: 'post',
    // After Vite's own clean-up of the bundle (it removes the CSS-only chunks then).
    generateBundle: { order: 'post', async handler(_output, bundle) {
      const precache = filesOf(bundle as unknown as Bundle, options.entry, options.html);
      const source = readFileSync(options.source, 'utf8');
      // Hashed file names change with their content, so the list itself is the version.
      const version = createHash('sha256').update(precache.join('\n')).update(source).digest('hex').slice(0, 12);
      const { code } = await transformWithOxc(source, 'sw.ts', { lang: 'ts' });
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: `const PRECACHE = ${JSON.stringify(precache)};\nconst VERSION = ${JSON.stringify(version)};\n${code}`,
      });
    } },
  };
}
