import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCompress from '@fastify/compress';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Db } from './db/db.types.ts';
import type { Config } from './config/config.ts';
import { installErrorHandler } from './http/error.handler.ts';
import { DomainError } from './http/errors.ts';
import { installJsonParser } from './http/json.parser.ts';
import { installPolicy } from './http/policy.ts';
import { installIdempotency } from './idempotency/idempotency.http.ts';
import { IdempotencyService } from './idempotency/idempotency.service.ts';
import { AuthService, SESSION_COOKIE } from './auth/auth.service.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { healthRoutes } from './health/health.routes.ts';
import { basemapRoutes } from './basemap/basemap.routes.ts';
import { PoleService } from './poles/poles.service.ts';
import { AuditService } from './audit/audit.service.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { UserService } from './users/users.service.ts';
import { usersRoutes } from './users/users.routes.ts';
import { TokenService } from './tokens/tokens.service.ts';
import fastifyMultipart from '@fastify/multipart';
import { OrganisationService } from './organisations/organisations.service.ts';
import { PhotoStore } from './photos/photos.store.ts';
import { ClaimService } from './claims/claims.service.ts';
import { claimsRoutes } from './claims/claims.routes.ts';
import { AttachmentService } from './attachments/attachments.service.ts';
import { attachmentsRoutes } from './attachments/attachments.routes.ts';
import { NoticeService } from './notices/notices.service.ts';
import { noticesRoutes } from './notices/notices.routes.ts';
import { OwnershipService } from './ownership/ownership.service.ts';
import { ownershipRoutes } from './ownership/ownership.routes.ts';
import { portalRoutes } from './portal/portal.routes.ts';
import { spansRoutes } from './spans/spans.routes.ts';
import { SpanService } from './spans/spans.service.ts';
import { OgcService } from './ogc/ogc.service.ts';
import { ogcRoutes } from './ogc/ogc.routes.ts';
import { ImportService } from './imports/imports.service.ts';
import { importsRoutes } from './imports/imports.routes.ts';
import { ExportService } from './exports/exports.service.ts';
import { exportsRoutes } from './exports/exports.routes.ts';
import { RemovalService } from './removals/removals.service.ts';
import { removalsRoutes } from './removals/removals.routes.ts';
import { DashboardService } from './dashboard/dashboard.service.ts';
import { dashboardRoutes } from './dashboard/dashboard.routes.ts';
import { organisationsRoutes } from './organisations/organisations.routes.ts';
import { tokensRoutes } from './tokens/tokens.routes.ts';
import { polesRoutes } from './poles/poles.routes.ts';
import { CalendarService } from './calendar/calendar.service.ts';
import { calendarRoutes } from './calendar/calendar.routes.ts';
import { CaseService } from './cases/cases.service.ts';
import { CaseWorkflow } from './cases/cases.workflow.ts';
import { CaseDocumentService } from './cases/cases.documents.service.ts';
import { CaseSettingsService } from './cases/cases.settings.ts';
import { casesRoutes } from './cases/cases.routes.ts';
import { EvidenceService } from './evidence/evidence.service.ts';
import { evidenceRoutes } from './evidence/evidence.routes.ts';

export interface AppDeps {
  db: Db;
  config: Config;
  logger?: FastifyServerOptions['logger'];
  /** Where the built web client lives; omitted in API-only tests. */
  webDir?: string | null;
  /** The clock for time-driven rules (notice periods); tests move it. */
  now?: () => Date;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../web/dist', import.meta.url));

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { db, config } = deps;
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: config.bodyLimitBytes,
    // The audit log and rate limits key on the client address; only trust proxies we were told about.
    trustProxy: config.trustProxyHops > 0 ? (_addr: string, hop: number) => hop < config.trustProxyHops : false,
    // Bad input must be refused, not repaired: no coercion, no silent dropping of fields.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false } },
    genReqId: () => crypto.randomUUID(),
  });

  installErrorHandler(app);
  installJsonParser(app);
  // Cookies must be parsed before the policy hook reads the session.
  await app.register(fastifyCookie);
  // Before any plugin registers routes, so that every route passes the policy check.
  const auth = new AuthService(db);
  installPolicy(app, async (req) => {
    const caller = await auth.resolve({ sessionToken: req.cookies[SESSION_COOKIE], authorization: req.headers.authorization });
    req.csrfToken = caller.csrfToken;
    req.sessionId = caller.sessionId;
    // Cookies ride along on cross-site requests; a header the page sets cannot.
    if (UNSAFE.has(req.method)) {
      const given = req.headers['x-csrf-token'];
      auth.checkCsrf(caller.csrfToken, Array.isArray(given) ? given[0] : given);
    }
    return caller.principal;
  });
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionId', null);
  // Before any route (it wraps their handlers) and before compression (it stores plain answers).
  installIdempotency(app, new IdempotencyService(db, { ttlHours: config.idempotencyTtlHours }));

  // Only routes that ask for it are limited (sign-in); the error keeps our error shape.
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => new DomainError('rate_limited', 429, `Too many attempts from your address; wait ${Math.ceil(ctx.ttl / 1000)} seconds and try again.`, { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) }),
  });
  // One photo per request, capped before it is buffered.
  await app.register(fastifyMultipart, { limits: { fileSize: config.photos.maxBytes, files: 1, fields: 5, parts: 6 } });
  await app.register(fastifyCompress, { threshold: 2048, encodings: ['br', 'gzip', 'deflate'] });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'polewatch API', version: '0.1.0', description: 'Telecom pole and overhead-cable registry (聊城通信线杆治理)' },
      tags: [{ name: 'ogc', description: 'OGC API – Features at /ogc' }, { name: 'poles' }, { name: 'cases' }, { name: 'reference' }, { name: 'auth' }, { name: 'admin' }, { name: 'health' }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });


  healthRoutes(app, db);
  basemapRoutes(app, db, config);
  authRoutes(app, auth, { secureCookies: config.secureCookies, loginRatePerMinute: config.loginRatePerMinute });
  const poleService = new PoleService(db, config);
  polesRoutes(app, poleService);
  organisationsRoutes(app, new OrganisationService(db));
  usersRoutes(app, new UserService(db));
  tokensRoutes(app, new TokenService(db));
  auditRoutes(app, new AuditService(db));
  ownershipRoutes(app, new OwnershipService(db, config));
  attachmentsRoutes(app, new AttachmentService(db));
  const photos = new PhotoStore(config.photos.dir);
  claimsRoutes(app, new ClaimService(db, config, photos));
  removalsRoutes(app, new RemovalService(db, config, photos, deps.now));
  evidenceRoutes(app, new EvidenceService(db, config, photos, deps.now), config.photos.maxBytes);
  dashboardRoutes(app, new DashboardService(db, deps.now));
  noticesRoutes(app, new NoticeService(db, config, deps.now));
  portalRoutes(app, db, config);
  const spanService = new SpanService(db, config);
  spansRoutes(app, spanService);
  ogcRoutes(app, new OgcService(db, config, poleService, spanService));
  importsRoutes(app, new ImportService(db, config));
  exportsRoutes(app, new ExportService(db, config));
  const calendar = new CalendarService(db, deps.now);
  calendarRoutes(app, calendar);
  casesRoutes(app, {
    cases: new CaseService(db, config, deps.now),
    workflow: new CaseWorkflow(db, calendar, deps.now),
    documents: new CaseDocumentService(db, config, calendar, deps.now),
    settings: new CaseSettingsService(db, deps.now),
  });

  const webDir = deps.webDir === undefined ? DEFAULT_WEB_DIR : deps.webDir;
  if (webDir && existsSync(webDir)) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: true, maxAge: '1h' });
  }
  return app;
}
