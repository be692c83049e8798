import type { Bbox } from './api.types.ts';
import { formatBbox } from './poles.query.ts';
import { getJson, sendJson } from './api.client.ts';
import type { Impact, ImpactRequest, NewProject, Project, ProjectCollection, ProjectStatus, ProjectTransition } from './burial.types.ts';

// A project moves on (approved, started, completed) while the page is open, and its live
// impact changes with every span buried elsewhere: never from the browser cache.
const FRESH = { cache: 'no-store' } as const;

const projectPath = (id: number, rest = ''): string => `/api/burial-projects/${encodeURIComponent(id)}${rest}`;

/** What burying cable along a drawn route would take down; nothing is written. */
export async function fetchImpact(request: ImpactRequest, signal?: AbortSignal): Promise<Impact> {
  return (await sendJson<Impact>('POST', '/api/burial-projects/impact', request, signal ? { signal } : {})).body;
}

export async function fetchProjects(query: { bbox?: Bbox; status?: ProjectStatus[]; district?: string }, signal?: AbortSignal): Promise<ProjectCollection> {
  const params = new URLSearchParams();
  if (query.bbox) params.set('bbox', formatBbox(query.bbox));
  if (query.status?.length) params.set('status', query.status.join(','));
  if (query.district) params.set('district', query.district);
  return (await getJson<ProjectCollection>(`/api/burial-projects?${params.toString()}`, signal, FRESH)).body;
}

export async function fetchProject(id: number, signal?: AbortSignal): Promise<Project> {
  return (await getJson<Project>(projectPath(id), signal, FRESH)).body;
}

export async function createProject(project: NewProject): Promise<Project> {
  return (await sendJson<Project>('POST', '/api/burial-projects', project)).body;
}

export async function transitionProject(id: number, transition: ProjectTransition): Promise<Project> {
  return (await sendJson<Project>('POST', projectPath(id, '/transitions'), transition)).body;
}
