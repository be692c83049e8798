/**
 * Every setting polewatch reads, validated once at boot from a plain env-like object.
 * main.ts is the only caller that passes process.env; tests pass literals.
 * `.env.example` lists the same keys; keep the two in step.
 */
export type Bbox = [number, number, number, number];

export interface TileLayerConfig {
  url: string;
  attribution: string;
  maxZoom: number;
}

export interface Config {
  host: string;
  port: number;
  logLevel: string;
  databaseUrl: string | undefined;
  pgliteDataDir: string;
  dbPoolMax: number;
  dbConnectTimeoutMs: number;
  dbStatementTimeoutMs: number;
  /** Idle pooled connections are closed after this long. */
  dbIdleTimeoutMs: number;
  /** application_name of the server's sessions (pg_stat_activity). */
  dbApplicationName: string;
  /** Load the fixture city into an empty embedded database at start-up. */
  autoFixtures: boolean;
  bodyLimitBytes: number;
  /** Sign-in attempts per client address per minute, before the per-account lockout. */
  loginRatePerMinute: number;
  /** Proxy hops to trust for the client address (X-Forwarded-For); 0 when exposed directly. */
  trustProxyHops: number;
  /** Send the session cookie only over HTTPS (set when served behind TLS). */
  secureCookies: boolean;
  map: { center: [number, number]; zoom: number; clusterBelowZoom: number; tileLayer: TileLayerConfig | null };
  /** Explicit service area; when null it is the districts' extent widened by the margin. */
  serviceAreaBbox: Bbox | null;
  serviceAreaMarginM: number;
  poles: { defaultLimit: number; maxLimit: number };
  ownership: {
    /** Days an orphan pole stays under public notice before it is presumed abandoned. */
    noticeDays: number;
    /** Most poles one polygon may claim at once; each claim still needs an officer. */
    bulkClaimCap: number;
    /** Poles closer than this (metres, on the ellipsoid) are double-pole candidates. */
    doublePoleMaxM: number;
    /** "Orphan poles near my network": distance from the firm's attached poles, metres. */
    orphansNearM: number;
  };
  photos: { dir: string; maxBytes: number; maxPixels: number };
  /** Survey imports: upload size, rows per file, and the zip-bomb limits checked before extraction. */
  imports: { maxBytes: number; maxRows: number; maxUnzippedBytes: number; maxZipEntries: number; maxZipRatio: number; previewTtlHours: number };
  /** Most poles one export file holds; the response says when it was capped. */
  exports: { maxRows: number };
  /** Idempotency-Key answers are kept this long; a key may be reused after that. */
  idempotencyTtlHours: number;
  /** Files in the photo store with no database row are removed by the jobs once this old. */
  photoOrphanAgeMinutes: number;
  /** How often the server runs its scheduled jobs; 0 turns the in-process scheduler off. */
  jobsIntervalMs: number;
  burial: {
    /** Default half-width (metres) of the strip along a route whose overhead spans go underground. */
    corridorM: number;
    /** Road works count as "lined up" with a project when they fall within this many days of its planned dates. */
    roadWorksWindowDays: number;
    /** Most vertices a drawn route or road-works geometry may have. */
    maxVertices: number;
    /** Most features one road-works import may hold. */
    importMaxFeatures: number;
  };
  /** What the enforcement documents print: the issuing authority, the regulation, the review body, numbering. */
  cases: CaseDocumentConfig;
}

export interface CaseDocumentConfig {
  /** The issuing authority named on every document (发文机关). */
  authority: string;
  /** The regulation's title with its book-title marks, e.g. 《…条例》; the article comes separately. */
  regulation: string;
  /** The article of that regulation the case rests on, e.g. 第四十一条. */
  article: string;
  /** Where an administrative review (行政复议) is applied for. */
  reviewBody: string;
  /** Document number prefix (机关代字): 责改 / 罚告 / 罚决 are appended per kind. */
  documentPrefix: string;
  /** Case number prefix, e.g. 聊线执 → 聊线执〔2026〕第0007号. */
  casePrefix: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function int(env: Env, key: string, def: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${key} must be an integer between ${min} and ${max} (got "${raw}")`);
  return n;
}

function text(env: Env, key: string, def: string, pattern: RegExp, what: string): string {
  const raw = env[key]?.trim();
  if (raw === undefined || raw === '') return def;
  if (!pattern.test(raw)) throw new ConfigError(`${key} must be ${what} (got "${raw}")`);
  return raw;
}

function numbers(env: Env, key: string, count: number): number[] | null {
  const raw = env[key];
  if (raw === undefined || raw === '') return null;
  const parts = raw.split(',').map((s) => Number(s.trim()));
  if (parts.length !== count || parts.some((n) => !Number.isFinite(n))) throw new ConfigError(`${key} must be ${count} comma-separated numbers (got "${raw}")`);
  return parts;
}

function applicationName(raw: string | undefined): string {
  if (raw === undefined || raw === '') return 'polewatch';
  // It ends up in a connection string parameter and in operators' queries: keep it plain.
  if (!/^[A-Za-z0-9_.-]{1,63}$/.test(raw)) throw new ConfigError(`DB_APPLICATION_NAME must be 1–63 letters, digits, "_", "." or "-" (got "${raw}")`);
  return raw;
}

export function loadConfig(env: Env): Config {
  const center = numbers(env, 'MAP_CENTER', 2) ?? [115.985, 36.457];
  if (Math.abs(center[0]!) > 180 || Math.abs(center[1]!) > 90) throw new ConfigError('MAP_CENTER must be "lng,lat" in WGS84');
  const bbox = numbers(env, 'SERVICE_AREA_BBOX', 4);
  if (bbox && (bbox[0]! >= bbox[2]! || bbox[1]! >= bbox[3]!)) throw new ConfigError('SERVICE_AREA_BBOX must be minLng,minLat,maxLng,maxLat with min < max');
  const tileUrl = env.TILE_URL?.trim();
  if (tileUrl && !/^https?:\/\/.+\{z\}.+\{x\}.+\{y\}/.test(tileUrl)) throw new ConfigError('TILE_URL must be an http(s) template containing {z}, {x} and {y}');
  const defaultLimit = int(env, 'POLES_DEFAULT_LIMIT', 2000, 1, 50000);
  const maxLimit = int(env, 'POLES_MAX_LIMIT', 5000, defaultLimit, 50000);
  return {
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 3000, 0, 65535),
    logLevel: env.LOG_LEVEL || 'info',
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDataDir: env.PGLITE_DATA_DIR || './data/pgdata',
    dbPoolMax: int(env, 'DB_POOL_MAX', 10, 1, 200),
    dbConnectTimeoutMs: int(env, 'DB_CONNECT_TIMEOUT_MS', 5000, 100, 120000),
    dbStatementTimeoutMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', 15000, 100, 600000),
    dbIdleTimeoutMs: int(env, 'DB_IDLE_TIMEOUT_MS', 30000, 1000, 3600000),
    dbApplicationName: applicationName(env.DB_APPLICATION_NAME),
    autoFixtures: (env.AUTO_FIXTURES ?? 'true') !== 'false',
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    loginRatePerMinute: int(env, 'LOGIN_RATE_PER_MINUTE', 20, 1, 10000),
    secureCookies: env.SECURE_COOKIES === 'true',
    trustProxyHops: int(env, 'TRUST_PROXY_HOPS', 0, 0, 10),
    map: {
      center: [center[0]!, center[1]!],
      zoom: int(env, 'MAP_ZOOM', 13, 3, 19),
      clusterBelowZoom: int(env, 'CLUSTER_BELOW_ZOOM', 16, 3, 20),
      tileLayer: tileUrl
        ? { url: tileUrl, attribution: env.TILE_ATTRIBUTION ?? '', maxZoom: int(env, 'TILE_MAX_ZOOM', 19, 1, 22) }
        : null,
    },
    serviceAreaBbox: bbox ? [bbox[0]!, bbox[1]!, bbox[2]!, bbox[3]!] : null,
    serviceAreaMarginM: int(env, 'SERVICE_AREA_MARGIN_M', 2000, 0, 100000),
    poles: { defaultLimit, maxLimit },
    ownership: {
      noticeDays: int(env, 'NOTICE_DAYS', 30, 1, 365),
      bulkClaimCap: int(env, 'BULK_CLAIM_CAP', 50, 1, 10000),
      doublePoleMaxM: int(env, 'DOUBLE_POLE_MAX_M', 3, 1, 50),
      orphansNearM: int(env, 'ORPHANS_NEAR_M', 50, 1, 1000),
    },
    photos: {
      dir: env.PHOTO_DIR || './data/photos',
      maxBytes: int(env, 'PHOTO_MAX_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
      maxPixels: int(env, 'PHOTO_MAX_PIXELS', 40_000_000, 10_000, 400_000_000),
    },
    imports: {
      maxBytes: int(env, 'IMPORT_MAX_BYTES', 50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      maxRows: int(env, 'IMPORT_MAX_ROWS', 100_000, 1, 1_000_000),
      maxUnzippedBytes: int(env, 'IMPORT_MAX_UNZIPPED_BYTES', 200 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024),
      maxZipEntries: int(env, 'IMPORT_MAX_ZIP_ENTRIES', 1000, 1, 100_000),
      maxZipRatio: int(env, 'IMPORT_MAX_ZIP_RATIO', 100, 2, 10_000),
      // A dry run holds every row of its file; one nobody committed is dropped after this long.
      previewTtlHours: int(env, 'IMPORT_PREVIEW_TTL_HOURS', 168, 1, 24 * 90),
    },
    exports: { maxRows: int(env, 'EXPORT_MAX_ROWS', 50_000, 1, 1_000_000) },
    idempotencyTtlHours: int(env, 'IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 30),
    photoOrphanAgeMinutes: int(env, 'PHOTO_ORPHAN_AGE_MINUTES', 60, 10, 7 * 24 * 60),
    jobsIntervalMs: int(env, 'JOBS_INTERVAL_MS', 15 * 60 * 1000, 0, 24 * 3600 * 1000),
    cases: {
      authority: text(env, 'CASE_AUTHORITY', '聊城市综合行政执法局', /^[^<>&"]{2,60}$/, 'the authority\'s name (2–60 characters, no markup)'),
      // The title must be confirmed by the authority's legal office before real use (see README).
      regulation: text(env, 'CASE_REGULATION', '《聊城市城镇容貌和环境卫生管理条例》', /^《[^<>&"《》]{2,60}》$/, 'a title in book-title marks, e.g. 《聊城市…条例》'),
      article: text(env, 'CASE_REGULATION_ARTICLE', '第四十一条', /^第[一二三四五六七八九十百零]+条$/, 'an article written 第…条 in Chinese numerals'),
      reviewBody: text(env, 'CASE_REVIEW_BODY', '聊城市人民政府', /^[^<>&"]{2,60}$/, 'the review body\'s name (2–60 characters, no markup)'),
      documentPrefix: text(env, 'CASE_DOCUMENT_PREFIX', '聊综执线', /^[^<>&"〔〕\s]{1,12}$/, '1–12 characters without brackets or spaces'),
      casePrefix: text(env, 'CASE_NUMBER_PREFIX', '聊线执', /^[^<>&"〔〕\s]{1,12}$/, '1–12 characters without brackets or spaces'),
    },
    burial: {
      corridorM: int(env, 'BURIAL_CORRIDOR_M', 15, 1, 100),
      roadWorksWindowDays: int(env, 'BURIAL_ROAD_WORKS_WINDOW_DAYS', 180, 0, 3650),
      maxVertices: int(env, 'BURIAL_MAX_VERTICES', 10_000, 10, 100_000),
      importMaxFeatures: int(env, 'ROAD_WORKS_IMPORT_MAX_FEATURES', 1000, 1, 100_000),
    },
  };
}
