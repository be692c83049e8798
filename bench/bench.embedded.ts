/**
 * Embedded mode: polewatch on PGlite (no PostgreSQL at all) with 100,000 poles. The cold
 * start is the time from spawning the server on an already loaded data folder until it
 * answers /api/health; the viewport is the same ~2,000-pole request as on PostgreSQL.
 */
import { resolve } from 'node:path';
import { openDb } from '../server/db/db.open.ts';
import { ensureDataset, viewportBbox } from './bench.generate.ts';
import { measure, type LoadResult } from './bench.load.ts';
import { startPolewatch } from './bench.servers.ts';

export interface EmbeddedFigures {
  n: number;
  coldStartMs: number;
  bbox: string;
  bboxPoles: number;
  viewport: LoadResult;
}

export async function measureEmbedded(n: number, port: number, log: (m: string) => void): Promise<EmbeddedFigures> {
  const dir = resolve(`bench/out/pglite-${n}`);
  const db = await openDb({ pgliteDataDir: dir });
  let vb;
  try {
    const ds = await ensureDataset(db, n, log);
    log(`PGlite: ${ds.poles} poles (${ds.reused ? 'reused' : `loaded in ${ds.loadSeconds.toFixed(1)} s`})`);
    vb = await viewportBbox(db, 2000);
  } finally {
    await db.close();
  }
  const server = await startPolewatch(port, '', dir);
  try {
    const bbox = vb.bbox.join(',');
    const viewport = await measure(`${server.url}/api/poles?bbox=${bbox}&limit=5000`, 2);
    return { n, coldStartMs: server.readyMs, bbox, bboxPoles: vb.poles, viewport };
  } finally {
    await server.stop();
  }
}
