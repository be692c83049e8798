import { getJson, sendJson } from './api.client.ts';
import type { LoginResponse, MeResponse } from './auth.types.ts';

export async function fetchMe(signal?: AbortSignal): Promise<MeResponse> {
  return (await getJson<MeResponse>('/api/auth/me', signal)).body;
}

export async function postLogin(username: string, password: string): Promise<LoginResponse> {
  return (await sendJson<LoginResponse>('POST', '/api/auth/login', { username, password })).body;
}

export async function postLogout(): Promise<void> {
  await sendJson<{ ok: true }>('POST', '/api/auth/logout');
}
