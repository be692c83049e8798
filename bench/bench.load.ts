/**
 * One load measurement, the same way for every target: autocannon, a warm-up that is thrown
 * away, then a measured run at a fixed number of connections.
 */
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
  non2xx: number;
  errors: number;
}

export const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
export const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);

function run(url: string, connections: number, duration: number): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration, pipelining: 1, timeout: 30 });
}

export async function measure(url: string, connections: number): Promise<LoadResult> {
  const probe = await fetch(url);
  if (!probe.ok) throw new Error(`${url} → ${probe.status}: ${(await probe.text()).slice(0, 300)}`);
  const bytes = (await probe.arrayBuffer()).byteLength;
  if (WARMUP_S > 0) await run(url, connections, WARMUP_S);
  const r = await run(url, connections, DURATION_S);
  // Requests per second over the whole measured run (a mean of per-second samples hides the tail).
  return { rps: r.requests.total / DURATION_S, p50: r.latency.p50, p99: r.latency.p99, bytes, non2xx: r.non2xx, errors: r.errors };
}
