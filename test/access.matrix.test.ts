import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { routeTable, type Policy } from '../server/http/policy.ts';
import type { Role } from '../server/auth/principal.ts';
import { login, startTestApp, type TestContext } from './support/test.app.ts';
import { TINY_PNG, multipartFile, multipartForm } from './support/multipart.ts';
import { insertCase } from './support/case.rows.ts';

/**
 * Every registered route × every kind of caller → the status the policy promises. The route
 * list comes from the server itself, so a new route without a sample here fails this test,
 * and a route without a policy never gets this far (the server refuses to start).
 */
let t: TestContext;

interface Who {
  name: string;
  role: Role | null;
  /** The firm a carrier acts for; its "own" objects belong to it. */
  org: string | null;
  orgAdmin: boolean;
  headers(): Promise<Record<string, string>>;
}

interface Req {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

interface Sample {
  /** The request against an object the caller may touch (for carriers: their own firm's). */
  own(who: Who): Promise<Req>;
  /** For carrier-scoped routes: the same request against another firm's object. */
  other?(who: Who): Promise<Req>;
  /** Object-level refusals beyond the role list, e.g. token routes for non-admin carriers. */
  refuses?(who: Who): boolean;
}

const one = async <T extends object>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows[0]!;
const poleOf = (org: string) => one<{ id: number; version: number }>(
  `SELECT p.id, p.version FROM poles p JOIN organisations o ON o.id = p.owner_org_id WHERE o.code = $1 AND p.status = 'in_service' ORDER BY p.id LIMIT 1`, [org]);
const otherFirm = (org: string | null) => (org === 'telecom' ? 'mobile' : 'telecom');
let serial = 0;
const unique = () => `${Date.now().toString(36)}${serial++}`;
async function freshToken(org: string): Promise<number> {
  const r = await one<{ id: number }>(
    `INSERT INTO api_tokens (name, secret_hash, org_id, role, created_by)
     SELECT 'matrix', repeat('0', 64), o.id, 'carrier', (SELECT id FROM users WHERE username = 'admin') FROM organisations o WHERE o.code = $1 RETURNING id`, [org]);
  return r.id;
}

/** An orphan pole nobody has claimed yet, with a claim by `org` filed directly in the table. */
async function freshClaim(org: string): Promise<number> {
  const r = await one<{ id: number }>(
    `INSERT INTO claims (pole_id, org_id, kind, evidence_text, created_by)
     SELECT (SELECT p.id FROM poles p WHERE p.owner_org_id IS NULL AND p.status <> 'removed'
               AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.pole_id = p.id) ORDER BY p.id LIMIT 1),
            o.id, 'claim', 'matrix evidence', 'matrix' FROM organisations o WHERE o.code = $1 RETURNING id`, [org]);
  return r.id;
}
const unclaimedOrphan = async () => (await one<{ id: number }>(
  `SELECT p.id FROM poles p WHERE p.owner_org_id IS NULL AND p.ownership_status = 'unknown' AND p.status <> 'removed'
     AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.pole_id = p.id)
     AND NOT EXISTS (SELECT 1 FROM ownership_notices n WHERE n.pole_id = p.id) ORDER BY p.id DESC LIMIT 1`)).id;
/** A claim of `org` carrying one photo, uploaded through the API by an officer. */
async function claimWithPhoto(org: string): Promise<string> {
  const id = await freshClaim(org);
  const mp = multipartFile(TINY_PNG);
  const res = await t.app.inject({ method: 'POST', url: `/api/claims/${id}/photos`, headers: { ...(await login(t.app, 'officer')).headers, ...mp.headers }, payload: mp.payload });
  return res.json().url as string;
}
const photoUpload = async (org: string): Promise<Req> => {
  const mp = multipartFile(TINY_PNG);
  return { url: `/api/claims/${await freshClaim(org)}/photos`, payload: mp.payload, headers: mp.headers };
};

/** A standing pole of `org` that nobody has recorded as removed (ownership decides a carrier's right to record). */
const livePoleOf = (org: string) => one<{ id: number }>(
  `SELECT p.id FROM poles p JOIN organisations o ON o.id = p.owner_org_id WHERE o.code = $1 AND p.status <> 'removed' ORDER BY p.id DESC LIMIT 1`, [org]);
/** A removal recorded straight into the tables, done by `org`. */
async function freshRemoval(org = 'unicom'): Promise<number> {
  const pole = await livePoleOf(org);
  await t.db.query(`UPDATE poles SET status = 'removed', removed_at = now() WHERE id = $1`, [pole.id]);
  return (await one<{ id: number }>(
    `INSERT INTO removals (pole_id, removed_on, org_id, previous_status, recorded_by) SELECT $1, '2026-11-01', o.id, 'in_service', 'matrix' FROM organisations o WHERE o.code = $2 RETURNING id`,
    [pole.id, org])).id;
}

/** A stored dry run with no rows, straight into the table: committing it is allowed and writes no pole. */
const freshImport = async () => (await one<{ id: number }>(
  `INSERT INTO imports (sha256, format, crs, columns, counts, rows, created_by)
   VALUES (repeat('a', 64), 'csv', 'wgs84', '[]', '{"new":0,"update":0,"unchanged":0,"error":0}', '[]', 'matrix') RETURNING id`)).id;
const importUpload = (): Req => {
  const mp = multipartForm({ encoding: 'utf-8' }, Buffer.from('code,lng,lat\nMATRIX-001,115.985,36.457\n'), 'matrix.csv', 'text/csv');
  return { url: '/api/imports/preview', payload: mp.payload, headers: mp.headers };
};

/** A case of `org` whose order has been served, so its firm may see it and send proof of the fix. */
const orderedCase = async (org: string) => insertCase(t.db, { state: 'ordered', org, poleIds: [(await poleOf(org)).id] });
/** Officers add evidence; a carrier may only add proof of its correction. */
const casePhotoUpload = async (org: string, proof: boolean): Promise<Req> => {
  const mp = multipartForm(proof ? { purpose: 'correction_proof' } : {}, TINY_PNG, 'photo.png', 'image/png');
  return { url: `/api/cases/${await orderedCase(org)}/photos`, payload: mp.payload, headers: mp.headers };
};
/** A photo on a case of `org`, uploaded through the API by an officer. */
async function casePhoto(org: string): Promise<{ url: string; thumb_url: string }> {
  const req = await casePhotoUpload(org, false);
  const res = await t.app.inject({ method: 'POST', url: req.url, headers: { ...(await login(t.app, 'officer')).headers, ...req.headers }, payload: req.payload as Buffer });
  return res.json();
}

/**
 * A case of `org` put straight into the tables in `state`; from `ordered` on it carries a served
 * order, which is what lets the firm see it. Returns the case and that order's id.
 */
async function freshCase(org: string, state: 'found' | 'investigating' | 'ordered'): Promise<{ id: number; doc: number | null }> {
  const c = await one<{ id: number }>(
    `INSERT INTO cases (number, category, state, description, location, responsible_org_id, created_by)
     SELECT 'M-' || $3, 'other', $2, 'matrix', ST_SetSRID(ST_MakePoint(115.985, 36.457), 4326), o.id, 'matrix' FROM organisations o WHERE o.code = $1 RETURNING id`,
    [org, state, unique()]);
  if (state !== 'ordered') return { id: c.id, doc: null };
  const d = await one<{ id: number }>(
    `INSERT INTO case_documents (case_id, kind, number, content_html, sha256, issued_by, service_method, served_on)
     VALUES ($1, 'order', 'M-DOC-' || $2, '<p>matrix</p>', encode(sha256(convert_to('<p>matrix</p>', 'UTF8')), 'hex'), 'matrix', 'in_person', '2026-10-12') RETURNING id`,
    [c.id, unique()]);
  return { id: c.id, doc: d.id };
}
/** A pole that no open case holds, for a new case. */
const casePole = async () => (await one<{ id: number }>(
  `SELECT p.id FROM poles p WHERE p.status <> 'removed' AND NOT EXISTS (
     SELECT 1 FROM case_poles cp JOIN cases c ON c.id = cp.case_id WHERE cp.pole_id = p.id AND c.state NOT IN ('closed', 'withdrawn'))
   ORDER BY p.id DESC LIMIT 1`)).id;
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

/** A burial proposal and a road works entry straight into the tables, version 1, for edits and moves. */
const freshProject = async () => (await one<{ id: number }>(
  `INSERT INTO burial_projects (name, route, planned_start, planned_end, created_by)
   VALUES ('matrix', ST_GeomFromText('LINESTRING(115.99 36.4611, 115.995 36.4612)', 4326), '2027-05-01', '2027-06-30', 'matrix') RETURNING id`)).id;
const freshRoadWorks = async () => (await one<{ id: number }>(
  `INSERT INTO road_works (name, geom, planned_start, planned_end, created_by)
   VALUES ('matrix', ST_GeomFromText('LINESTRING(115.99 36.4611, 115.995 36.4612)', 4326), '2027-05-01', '2027-06-30', 'matrix') RETURNING id`)).id;
const ROUTE = { type: 'LineString', coordinates: [[115.99, 36.4611], [115.995, 36.4612]] };
const ROAD_WORKS = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: ROUTE, properties: { name: '矩阵道路', planned_start: '2027-05-01', planned_end: '2027-06-30' } }] };

const samples: Record<string, Sample> = {
  'POST /api/burial-projects/impact': { own: async () => ({ url: '/api/burial-projects/impact', payload: { route: ROUTE } }) },
  'GET /api/burial-projects': { own: async () => ({ url: '/api/burial-projects?limit=5' }) },
  'POST /api/burial-projects': { own: async () => ({ url: '/api/burial-projects', payload: { name: '矩阵工程', route: ROUTE, firms: ['unicom'], planned_start: '2027-05-01', planned_end: '2027-06-30' } }) },
  'GET /api/burial-projects/:id': { own: async () => ({ url: `/api/burial-projects/${await freshProject()}` }) },
  'PATCH /api/burial-projects/:id': { own: async () => ({ url: `/api/burial-projects/${await freshProject()}`, payload: { version: 1, name: '矩阵工程（改）' } }) },
  'POST /api/burial-projects/:id/transitions': { own: async () => ({ url: `/api/burial-projects/${await freshProject()}/transitions`, payload: { action: 'approve', version: 1 } }) },
  'GET /api/road-works': { own: async () => ({ url: '/api/road-works?bbox=115.98,36.45,116.0,36.47&limit=5' }) },
  'GET /api/road-works/ranking': { own: async () => ({ url: '/api/road-works/ranking?from=2027-08-01&to=2027-12-31' }) },
  'POST /api/road-works': { own: async () => ({ url: '/api/road-works', payload: { name: '矩阵道路', geometry: ROUTE, planned_start: '2027-05-01', planned_end: '2027-06-30' } }) },
  'PATCH /api/road-works/:id': { own: async () => ({ url: `/api/road-works/${await freshRoadWorks()}`, payload: { version: 1, status: 'in_progress' } }) },
  'POST /api/road-works/import': { own: async () => ({ url: '/api/road-works/import?dry_run=true', payload: ROAD_WORKS }) },
  'POST /api/cases/:id/photos': {
    own: (who) => casePhotoUpload(who.org ?? 'unicom', who.role === 'carrier'),
    other: (who) => casePhotoUpload(otherFirm(who.org), true),
  },
  'GET /api/cases/:id/photos': {
    own: async (who) => ({ url: `/api/cases/${await orderedCase(who.org ?? 'unicom')}/photos` }),
    other: async (who) => ({ url: `/api/cases/${await orderedCase(otherFirm(who.org))}/photos` }),
  },
  'GET /api/cases/:id/photos/:photoId': {
    own: async (who) => ({ url: (await casePhoto(who.org ?? 'unicom')).url }),
    other: async (who) => ({ url: (await casePhoto(otherFirm(who.org))).url }),
  },
  'GET /api/cases/:id/photos/:photoId/thumb': {
    own: async (who) => ({ url: (await casePhoto(who.org ?? 'unicom')).thumb_url }),
    other: async (who) => ({ url: (await casePhoto(otherFirm(who.org))).thumb_url }),
  },
  'POST /api/imports/preview': { own: async () => importUpload() },
  'GET /api/imports/:id': { own: async () => ({ url: `/api/imports/${await freshImport()}` }) },
  'POST /api/imports/:id/commit': { own: async () => ({ url: `/api/imports/${await freshImport()}/commit`, payload: {} }) },
  'GET /api/exports/poles.geojson': { own: async () => ({ url: '/api/exports/poles.geojson?bbox=115.98,36.45,115.99,36.46' }) },
  'GET /api/exports/poles.csv': { own: async () => ({ url: '/api/exports/poles.csv?bbox=115.98,36.45,115.99,36.46' }) },
  'GET /api/exports/poles.kml': { own: async () => ({ url: '/api/exports/poles.kml?bbox=115.98,36.45,115.99,36.46' }) },
  'GET /api/poles/:id/responsibility': { own: async () => ({ url: `/api/poles/${(await poleOf('unicom')).id}/responsibility` }) },
  'GET /api/poles/doubles': { own: async () => ({ url: '/api/poles/doubles?bbox=115.97,36.44,116.0,36.47' }) },
  'GET /api/poles/:id/attachments': { own: async () => ({ url: `/api/poles/${(await poleOf('unicom')).id}/attachments` }) },
  'POST /api/poles/:id/attachments': {
    own: async (who) => ({
      url: `/api/poles/${(await poleOf('unicom')).id}/attachments`,
      payload: { ...(who.role === 'carrier' ? {} : { org: 'mobile' }), kind: 'fibre', cable_count: 2, status: 'active' },
    }),
    other: async (who) => ({ url: `/api/poles/${(await poleOf('unicom')).id}/attachments`, payload: { org: otherFirm(who.org), kind: 'fibre', cable_count: 1, status: 'active' } }),
  },
  'GET /api/claims': { own: async () => ({ url: '/api/claims?status=open&limit=5' }) },
  'GET /api/claims/:id': {
    own: async (who) => ({ url: `/api/claims/${await freshClaim(who.org ?? 'unicom')}` }),
    other: async (who) => ({ url: `/api/claims/${await freshClaim(otherFirm(who.org))}` }),
  },
  'POST /api/claims': { own: async () => ({ url: '/api/claims', payload: { pole_id: await unclaimedOrphan(), kind: 'claim', evidence_text: '杆上有本单位标牌' } }) },
  'POST /api/claims/bulk': {
    own: async () => ({ url: '/api/claims/bulk', payload: { area: { type: 'Polygon', coordinates: [[[115.9, 36.3], [115.9001, 36.3], [115.9001, 36.3001], [115.9, 36.3]]] }, evidence_text: 'bulk' } }),
  },
  'POST /api/claims/:id/decision': { own: async () => ({ url: `/api/claims/${await freshClaim('mobile')}/decision`, payload: { decision: 'reject', reason: '证据不足' } }) },
  'POST /api/claims/:id/withdraw': {
    own: async (who) => ({ url: `/api/claims/${await freshClaim(who.org ?? 'unicom')}/withdraw` }),
    other: async (who) => ({ url: `/api/claims/${await freshClaim(otherFirm(who.org))}/withdraw` }),
  },
  'POST /api/claims/:id/photos': { own: (who) => photoUpload(who.org ?? 'unicom'), other: (who) => photoUpload(otherFirm(who.org)) },
  'GET /api/claims/:id/photos/:photoId': {
    own: async (who) => ({ url: await claimWithPhoto(who.org ?? 'unicom') }),
    other: async (who) => ({ url: await claimWithPhoto(otherFirm(who.org)) }),
  },
  'POST /api/notices': { own: async () => ({ url: '/api/notices', payload: { pole_ids: [await unclaimedOrphan()] } }) },
  'GET /api/notices': { own: async () => ({ url: '/api/notices?status=active&limit=5' }) },
  'POST /api/jobs/notices/run': { own: async () => ({ url: '/api/jobs/notices/run' }) },
  'GET /api/spans': { own: async () => ({ url: '/api/spans?bbox=115.98,36.45,115.99,36.46&limit=10' }) },
  'GET /api/removals': { own: async () => ({ url: '/api/removals?limit=5' }) },
  'GET /api/removals/:id': { own: async () => ({ url: `/api/removals/${(await one<{ id: number }>('SELECT min(id) AS id FROM removals')).id}` }) },
  'POST /api/removals': {
    own: async (who) => ({ url: '/api/removals', payload: { pole_id: (await livePoleOf(who.org ?? 'unicom')).id, removed_on: '2026-11-01', ...(who.role === 'carrier' ? {} : { org: 'unicom' }) } }),
    other: async (who) => ({ url: '/api/removals', payload: { pole_id: (await livePoleOf(who.org ?? 'unicom')).id, removed_on: '2026-11-01', org: otherFirm(who.org) } }),
  },
  'POST /api/removals/:id/verify': { own: async () => ({ url: `/api/removals/${await freshRemoval()}/verify` }) },
  'POST /api/removals/:id/void': { own: async () => ({ url: `/api/removals/${await freshRemoval()}/void`, payload: { reason: '误报，线杆仍在' } }) },
  'POST /api/removals/:id/photos': {
    own: async (who) => { const mp = multipartFile(TINY_PNG); return { url: `/api/removals/${await freshRemoval(who.org ?? 'unicom')}/photos`, payload: mp.payload, headers: mp.headers }; },
    other: async (who) => { const mp = multipartFile(TINY_PNG); return { url: `/api/removals/${await freshRemoval(otherFirm(who.org))}/photos`, payload: mp.payload, headers: mp.headers }; },
  },
  'GET /api/removals/:id/photos/:photoId': {
    own: async () => {
      const id = await freshRemoval();
      const mp = multipartFile(TINY_PNG);
      const res = await t.app.inject({ method: 'POST', url: `/api/removals/${id}/photos`, headers: { ...(await login(t.app, 'officer')).headers, ...mp.headers }, payload: mp.payload });
      return { url: res.json().url as string };
    },
  },
  'GET /api/dashboard': { own: async () => ({ url: '/api/dashboard' }) },
  'GET /api/dashboard/export.csv': { own: async () => ({ url: '/api/dashboard/export.csv?table=firms' }) },
  'GET /api/public/progress': { own: async () => ({ url: '/api/public/progress' }) },
  'GET /api/public/removed-poles': { own: async () => ({ url: '/api/public/removed-poles?bbox=115.97,36.44,116.0,36.47&limit=10' }) },
  'GET /ogc': { own: async () => ({ url: '/ogc' }) },
  'GET /ogc/conformance': { own: async () => ({ url: '/ogc/conformance' }) },
  'GET /ogc/api': { own: async () => ({ url: '/ogc/api' }) },
  'GET /ogc/collections': { own: async () => ({ url: '/ogc/collections' }) },
  'GET /ogc/collections/:collectionId': { own: async () => ({ url: '/ogc/collections/poles' }) },
  'GET /ogc/collections/:collectionId/items': { own: async () => ({ url: '/ogc/collections/poles/items?limit=5&bbox=115.98,36.45,115.99,36.46' }) },
  'GET /ogc/collections/:collectionId/items/:featureId': { own: async () => ({ url: '/ogc/collections/spans/items/1' }) },
  'GET /api/portal/poles': { own: async () => ({ url: '/api/portal/poles?scope=owned&limit=5' }) },
  'GET /api/health': { own: async () => ({ url: '/api/health' }) },
  'GET /api/health/live': { own: async () => ({ url: '/api/health/live' }) },
  'GET /api/health/ready': { own: async () => ({ url: '/api/health/ready' }) },
  'GET /api/config': { own: async () => ({ url: '/api/config' }) },
  'GET /api/organisations': { own: async () => ({ url: '/api/organisations' }) },
  'POST /api/organisations': { own: async () => ({ url: '/api/organisations', payload: { code: `o${unique()}`.slice(0, 30), name_zh: '测试单位', name_en: 'Test', kind: 'other' } }) },
  'PATCH /api/organisations/:id': { own: async () => ({ url: '/api/organisations/5', payload: { name_en: `Liaocheng Urban Management ${unique()}` } }) },
  'GET /api/districts': { own: async () => ({ url: '/api/districts' }) },
  'GET /api/roads': { own: async () => ({ url: '/api/roads' }) },
  'GET /api/poles': { own: async () => ({ url: '/api/poles?bbox=115.98,36.45,115.99,36.46&limit=10' }) },
  'GET /api/poles/summary': { own: async () => ({ url: '/api/poles/summary?zoom=12' }) },
  'GET /api/poles/:id': { own: async () => ({ url: `/api/poles/${(await poleOf('unicom')).id}` }) },
  'GET /api/poles/:id/history': { own: async () => ({ url: `/api/poles/${(await poleOf('unicom')).id}/history` }) },
  'POST /api/poles': {
    own: async () => ({ url: '/api/poles', payload: { geometry: { type: 'Point', coordinates: [115.985, 36.457] }, note: 'matrix' } }),
    other: async (who) => ({ url: '/api/poles', payload: { geometry: { type: 'Point', coordinates: [115.985, 36.457] }, owner: otherFirm(who.org) } }),
  },
  'PATCH /api/poles/:id': {
    own: async (who) => {
      const p = await poleOf(who.org ?? 'unicom');
      return { url: `/api/poles/${p.id}`, payload: { note: `matrix ${unique()}` }, headers: { 'if-match': `"pole-${p.id}-v${p.version}"` } };
    },
    other: async (who) => {
      const p = await poleOf(otherFirm(who.org));
      return { url: `/api/poles/${p.id}`, payload: { note: 'not yours' }, headers: { 'if-match': `"pole-${p.id}-v${p.version}"` } };
    },
  },
  'POST /api/auth/login': { own: async () => ({ url: '/api/auth/login', payload: { username: 'viewer', password: 'dev-viewer-2026' } }) },
  'POST /api/auth/logout': { own: async () => ({ url: '/api/auth/logout' }) },
  'GET /api/auth/me': { own: async () => ({ url: '/api/auth/me' }) },
  'GET /api/users': { own: async () => ({ url: '/api/users' }) },
  'POST /api/users': {
    own: async () => ({ url: '/api/users', payload: { username: `m${unique()}`, display_name: 'Matrix', role: 'viewer', password: 'long-enough-password' } }),
  },
  'PATCH /api/users/:id': {
    own: async () => ({ url: `/api/users/${(await one<{ id: number }>("SELECT id FROM users WHERE username = 'viewer'")).id}`, payload: { display_name: `访客 ${unique()}` } }),
  },
  'GET /api/tokens': { own: async () => ({ url: '/api/tokens' }), refuses: (who) => who.role === 'carrier' && !who.orgAdmin },
  'POST /api/tokens': {
    own: async (who) => ({ url: '/api/tokens', payload: { name: 'matrix', org: who.org ?? 'unicom', role: 'carrier' } }),
    other: async (who) => ({ url: '/api/tokens', payload: { name: 'matrix', org: otherFirm(who.org), role: 'carrier' } }),
    // Tokens are issued by people: an API token cannot mint another.
    refuses: (who) => who.role === 'carrier' && (!who.orgAdmin || who.name === 'token'),
  },
  'DELETE /api/tokens/:id': {
    own: async (who) => ({ url: `/api/tokens/${await freshToken(who.org ?? 'unicom')}` }),
    other: async (who) => ({ url: `/api/tokens/${await freshToken(otherFirm(who.org))}` }),
    refuses: (who) => who.role === 'carrier' && !who.orgAdmin,
  },
  'GET /api/calendar': { own: async () => ({ url: '/api/calendar?year=2026' }) },
  'PUT /api/calendar/:year': { own: async () => ({ url: '/api/calendar/2099', payload: { days: [] } }) },
  'GET /api/calendar/add-working-days': { own: async () => ({ url: '/api/calendar/add-working-days?from=2026-09-30&days=1' }) },
  'GET /api/cases/stats': { own: async () => ({ url: '/api/cases/stats?year=2026' }) },
  'GET /api/cases/settings': { own: async () => ({ url: '/api/cases/settings' }) },
  'PATCH /api/cases/settings': { own: async () => ({ url: '/api/cases/settings', payload: { statement_days: 3 } }) },
  'GET /api/cases/officers': { own: async () => ({ url: '/api/cases/officers' }) },
  'GET /api/cases/map': { own: async () => ({ url: '/api/cases/map?bbox=115.97,36.44,116.0,36.47' }) },
  'GET /api/cases': { own: async () => ({ url: '/api/cases?limit=5' }) },
  'POST /api/cases': { own: async () => ({ url: '/api/cases', payload: { category: 'other', pole_ids: [await casePole()], description: 'matrix' } }) },
  'GET /api/cases/:id': {
    own: async (who) => ({ url: `/api/cases/${(await freshCase(who.org ?? 'unicom', 'ordered')).id}` }),
    other: async (who) => ({ url: `/api/cases/${(await freshCase(otherFirm(who.org), 'ordered')).id}` }),
  },
  'POST /api/cases/:id/transitions': {
    // Officers open a found case; the responsible firm reports its correction on an ordered one.
    own: async (who) => (who.role === 'carrier'
      ? { url: `/api/cases/${(await freshCase(who.org!, 'ordered')).id}/transitions`, payload: { action: 'submit_correction', version: 1 } }
      : { url: `/api/cases/${(await freshCase('unicom', 'found')).id}/transitions`, payload: { action: 'open', version: 1 } }),
    other: async (who) => ({ url: `/api/cases/${(await freshCase(otherFirm(who.org), 'ordered')).id}/transitions`, payload: { action: 'submit_correction', version: 1 } }),
  },
  'POST /api/cases/:id/documents': {
    own: async () => ({ url: `/api/cases/${(await freshCase('unicom', 'investigating')).id}/documents`, payload: { kind: 'order', correction_deadline: inAWeek(), correction_required: '拆除' } }),
  },
  'GET /api/cases/:id/documents/:docId': {
    own: async (who) => { const c = await freshCase(who.org ?? 'unicom', 'ordered'); return { url: `/api/cases/${c.id}/documents/${c.doc}` }; },
    other: async (who) => { const c = await freshCase(otherFirm(who.org), 'ordered'); return { url: `/api/cases/${c.id}/documents/${c.doc}` }; },
  },
  'PUT /api/cases/:id/officers': {
    own: async () => ({ url: `/api/cases/${(await freshCase('unicom', 'found')).id}/officers`, payload: { user_ids: [(await one<{ id: number }>("SELECT id FROM users WHERE username = 'officer2'")).id] } }),
  },
  'POST /api/cases/:id/responsible': { own: async () => ({ url: `/api/cases/${(await freshCase('unicom', 'found')).id}/responsible`, payload: { org: 'telecom', reason: '实际使用人为电信' } }) },
  'GET /api/audit': { own: async () => ({ url: '/api/audit?limit=5' }) },
  'GET /api/audit/verify': { own: async () => ({ url: '/api/audit/verify' }) },
};

const session = (username: string) => async () => (await login(t.app, username)).headers;
let tokenHeader: Record<string, string>;
const callers: Who[] = [
  { name: 'anonymous', role: null, org: null, orgAdmin: false, headers: async () => ({}) },
  { name: 'admin', role: 'admin', org: null, orgAdmin: false, headers: session('admin') },
  { name: 'officer', role: 'officer', org: null, orgAdmin: false, headers: session('officer') },
  { name: 'planner', role: 'planner', org: null, orgAdmin: false, headers: session('planner') },
  { name: 'viewer', role: 'viewer', org: null, orgAdmin: false, headers: session('viewer') },
  { name: 'carrier telecom', role: 'carrier', org: 'telecom', orgAdmin: false, headers: session('telecom') },
  { name: 'carrier unicom (firm admin)', role: 'carrier', org: 'unicom', orgAdmin: true, headers: session('unicom') },
  { name: 'token', role: 'carrier', org: 'unicom', orgAdmin: false, headers: async () => tokenHeader },
];

before(async () => {
  t = await startTestApp({ LOGIN_RATE_PER_MINUTE: '10000' });
  const admin = await login(t.app, 'admin');
  const res = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: admin.headers, payload: { name: 'unicom system', org: 'unicom', role: 'carrier' } });
  tokenHeader = { authorization: `Bearer ${res.json().token}` };
});
after(() => t.close());

function allowedByRole(policy: Policy, who: Who): boolean {
  return 'public' in policy || (who.role !== null && policy.roles.includes(who.role));
}

test('every route has a sample in this matrix', () => {
  const missing = routeTable(t.app)
    .filter((r) => /^\/(api|ogc)/.test(r.url) && r.method !== 'HEAD')
    .map((r) => `${r.method} ${r.url}`)
    .filter((k) => !samples[k]);
  assert.deepEqual(missing, [], 'add these routes to the access matrix');
});

test('documentation routes are public by one explicit decision', () => {
  const docs = routeTable(t.app).filter((r) => !/^\/(api|ogc)/.test(r.url));
  assert.ok(docs.length > 0);
  for (const r of docs) assert.ok('public' in r.policy && r.url.startsWith('/docs'), `${r.method} ${r.url}`);
});

for (const who of callers) {
  test(`access matrix: ${who.name}`, async () => {
    const rows: string[] = [];
    for (const route of routeTable(t.app)) {
      if (!/^\/(api|ogc)/.test(route.url) || route.method === 'HEAD') continue;
      const sample = samples[`${route.method} ${route.url}`]!;
      const variants: ['own' | 'other', Sample['own']][] = [['own', sample.own]];
      if (sample.other && who.role === 'carrier') variants.push(['other', sample.other]);
      for (const [variant, make] of variants) {
        const req = await make(who);
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: req.url,
          headers: { ...(await who.headers()), ...req.headers },
          ...(req.payload === undefined ? {} : { payload: req.payload as Buffer }),
        });
        const s = res.statusCode;
        let ok: boolean;
        let expect: string;
        if (!allowedByRole(route.policy, who)) {
          expect = who.role === null ? '401' : '403';
          ok = s === Number(expect);
        } else if (sample.refuses?.(who) || variant === 'other') {
          expect = '403/404';
          ok = s === 403 || s === 404;
        } else {
          expect = 'allowed (<400)';
          ok = s < 400;
        }
        if (!ok) rows.push(`${route.method} ${route.url} [${variant}] → ${s}, expected ${expect}: ${res.body.slice(0, 160)}`);
      }
    }
    assert.deepEqual(rows, []);
  });
}
