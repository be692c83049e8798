import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { ValueStore } from '../state/value.store.ts';
import { isTempRef, type OutboxItem, type Ref } from './outbox.types.ts';

/**
 * The outbox in IndexedDB: the items still to send, in order, and the server ids that
 * records made offline were given (so a photo queued for a case made offline finds its case).
 */
interface OutboxSchema extends DBSchema {
  items: { key: number; value: OutboxItem };
  /** client id → server id, kept after the item itself is gone */
  ids: { key: string; value: { ref: string; id: number; kind: string } };
}

const DB_NAME = 'polewatch-offline';

let opening: Promise<IDBPDatabase<OutboxSchema>> | null = null;

function db(): Promise<IDBPDatabase<OutboxSchema>> {
  opening ??= openDB<OutboxSchema>(DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore('items', { keyPath: 'seq', autoIncrement: true });
      database.createObjectStore('ids', { keyPath: 'ref' });
    },
  });
  return opening;
}

/** What the page shows: every item still in the outbox, oldest first. */
export const outboxItems = new ValueStore<readonly OutboxItem[]>([]);

async function publish(): Promise<readonly OutboxItem[]> {
  const items = await (await db()).getAll('items');
  outboxItems.set(items);
  return items;
}

/** Reads the outbox into `outboxItems` (at start, and when another tab may have changed it). */
export function loadOutbox(): Promise<readonly OutboxItem[]> {
  return publish();
}

/** Adds items in one transaction: a case and its photos are queued together or not at all. */
export async function enqueue(items: readonly OutboxItem[]): Promise<void> {
  const tx = (await db()).transaction('items', 'readwrite');
  for (const item of items) await tx.store.add(item);
  await tx.done;
  await publish();
}

export async function saveItem(item: OutboxItem): Promise<void> {
  await (await db()).put('items', item);
  await publish();
}

/** An item is gone from the outbox once the server has it; its server id is kept for its children. */
export async function completeItem(item: OutboxItem, serverId: number | null): Promise<void> {
  const tx = (await db()).transaction(['items', 'ids'], 'readwrite');
  if (serverId !== null) await tx.objectStore('ids').put({ ref: item.ref, id: serverId, kind: item.kind });
  if (item.seq !== undefined) await tx.objectStore('items').delete(item.seq);
  await tx.done;
  await publish();
}

export async function discardItems(seqs: readonly number[]): Promise<void> {
  const tx = (await db()).transaction('items', 'readwrite');
  for (const seq of seqs) await tx.store.delete(seq);
  await tx.done;
  await publish();
}

/** The server id of a record; null while a temp ref is still waiting in the outbox. */
export async function resolveRef(ref: Ref): Promise<number | null> {
  if (!isTempRef(ref)) return typeof ref === 'number' ? ref : Number(ref);
  return (await (await db()).get('ids', ref))?.id ?? null;
}
