import type { Queryable } from '../db/db.types.ts';
import type { RequestContext } from '../http/request.context.ts';
import { actorLabel } from '../auth/principal.ts';
import { recordAuditMany } from '../audit/audit.service.ts';
import { appendHistoryMany } from '../poles/poles.batch.ts';
import type { ProjectRow } from './burial.repo.ts';
import * as impactRepo from './burial.impact.repo.ts';
import { appliedImpact, type Impact } from './burial.impact.ts';

/**
 * What completing a project does to the registry, inside the caller's transaction: the spans
 * along the route go underground (dated `on`, so the campaign's buried kilometres move by
 * exactly their length), and poles left with no overhead span become removal candidates, each
 * with a history row. Every changed span and pole is audited. Returns the impact as applied.
 */
export async function completeProject(q: Queryable, project: ProjectRow, on: string, ctx: RequestContext): Promise<Impact> {
  const buried = await impactRepo.buryAlong(q, project.id, on);
  const spanIds = buried.map((s) => s.id);
  const touched = [...new Set(buried.flatMap((s) => [s.from_pole_id, s.to_pole_id]))];
  const freed = await impactRepo.flagFreedPoles(q, touched, project.id, on);
  const flagged = freed.filter((p) => p.flagged);
  const by = actorLabel(ctx.principal);
  const change = { removal_candidate: [false, true], burial_project_id: project.id, since: on };
  await appendHistoryMany(q, flagged.map((p) => ({ poleId: p.id, version: p.version, action: 'removal_candidate', actor: by, requestId: ctx.requestId, changes: change })));
  await recordAuditMany(q, ctx, [
    ...buried.map((s) => ({
      action: 'span.bury', entityType: 'span', entityId: s.id,
      before: { status: 'overhead' }, after: { status: 'buried', buried_at: on, burial_project_id: project.id },
    })),
    ...flagged.map((p) => ({
      action: 'pole.removal_candidate', entityType: 'pole', entityId: p.id,
      before: { removal_candidate: false }, after: { removal_candidate: true, burial_project_id: project.id, since: on },
    })),
  ]);
  return appliedImpact(project.length_m, project.corridor_m, spanIds, await impactRepo.appliedSpans(q, spanIds), freed);
}
