import { getJson, sendJson } from './api.client.ts';
import type { CreatedToken, NewToken, TokenItem } from './admin.types.ts';

export async function fetchTokens(signal?: AbortSignal): Promise<TokenItem[]> {
  return (await getJson<{ items: TokenItem[] }>('/api/tokens', signal)).body.items;
}

export async function createToken(token: NewToken): Promise<CreatedToken> {
  return (await sendJson<CreatedToken>('POST', '/api/tokens', token)).body;
}

export async function revokeToken(id: number): Promise<TokenItem> {
  return (await sendJson<{ item: TokenItem }>('DELETE', `/api/tokens/${encodeURIComponent(id)}`)).body.item;
}
