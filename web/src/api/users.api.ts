import { getJson, sendJson } from './api.client.ts';
import type { NewUser, UserItem, UserPatch } from './admin.types.ts';

export async function fetchUsers(signal?: AbortSignal): Promise<UserItem[]> {
  return (await getJson<{ items: UserItem[] }>('/api/users', signal)).body.items;
}

export async function createUser(user: NewUser): Promise<UserItem> {
  return (await sendJson<UserItem>('POST', '/api/users', user)).body;
}

export async function patchUser(id: number, patch: UserPatch): Promise<UserItem> {
  return (await sendJson<UserItem>('PATCH', `/api/users/${encodeURIComponent(id)}`, patch)).body;
}
