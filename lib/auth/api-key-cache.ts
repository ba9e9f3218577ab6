import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { getDatabase, type Database } from "@/lib/db";
import type { AuthContext } from "./types";

/**
 * The in-process cache of API keys: key hash -> the context the key acts in, so that a client
 * polling with one key does not join four tables on every request (docs/benchmarks.md, "API").
 * Only keys that exist are cached; an unknown or revoked key always reaches the database.
 *
 * Correctness (docs/security.md, "API keys"):
 * - Every write that can end or change what a key may do (deleting a key, removing a member,
 *   changing a role, renaming the workspace) runs through `changeApiKeyAccess`, which empties the
 *   cache of its process when the write has committed, before its caller answers, and on
 *   PostgreSQL sends `NOTIFY conveyor_api_keys` in the same transaction, which empties the cache
 *   of every other process when it arrives.
 * - A generation counter, bumped by each emptying, keeps a lookup that started before a change
 *   from storing what it read after the change has emptied the cache.
 * - On PostgreSQL the cache is used only while this process is listening: it is emptied and
 *   bypassed from the moment the listening connection is lost until `LISTEN` is back.
 * - Each entry lives at most API_KEY_CACHE_TTL_MS, which bounds whatever a notification cannot
 *   reach (a listening connection that hangs without an error, a change made by hand in SQL).
 */
export const API_KEY_CACHE_TTL_MS = 1_000;
const MAX_ENTRIES = 10_000;
export const API_KEY_CHANNEL = "conveyor_api_keys";

export type CachedKey = { auth: AuthContext; lastUsedAt: Date | null };
type Entry = CachedKey & { expires: number };

export class ApiKeyCache {
  #entries = new Map<string, Entry>();
  #generation = 0;
  /** Sent as the notification's payload, so a process does not empty its cache twice for its own change. */
  readonly origin = randomUUID();
  #usable: boolean;
  readonly ttlMs: number;
  #now: () => number;

  constructor(opts: { usable: boolean; ttlMs?: number; now?: () => number }) {
    this.#usable = opts.usable;
    this.ttlMs = opts.ttlMs ?? API_KEY_CACHE_TTL_MS;
    this.#now = opts.now ?? (() => performance.now());
  }

  /** Read before a lookup and handed back to `remember`, which drops the row if the cache was emptied since. */
  get generation(): number {
    return this.#generation;
  }

  get usable(): boolean {
    return this.#usable;
  }

  get(hash: string): CachedKey | undefined {
    if (!this.#usable) return undefined;
    const entry = this.#entries.get(hash);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(hash);
      return undefined;
    }
    return entry;
  }

  remember(hash: string, value: CachedKey, generation: number): void {
    if (!this.#usable || generation !== this.#generation) return;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(hash, { ...value, expires: this.#now() + this.ttlMs });
  }

  /** Notes the key's new last-used time so the next request does not write it again. */
  touched(hash: string, at: Date): void {
    const entry = this.#entries.get(hash);
    if (entry) entry.lastUsedAt = at;
  }

  /** Forgets every key. */
  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }

  /** Listening or not (PostgreSQL): off empties the cache and keeps it empty until on again. */
  setUsable(usable: boolean): void {
    this.clear();
    this.#usable = usable;
  }
}

const CACHES = Symbol.for("conveyor.apiKeyCaches");
type Holder = { [CACHES]?: WeakMap<Database, ApiKeyCache> };

/**
 * The cache of a database's keys in this process. Kept on globalThis because Next.js may load this
 * module in several bundles of one process (the route that revokes a key and the one that polls
 * must share one cache). On PostgreSQL it starts unusable and becomes usable once `LISTEN` is in
 * effect.
 */
export function apiKeyCache(database: Database): ApiKeyCache {
  const g = globalThis as Holder;
  const caches = (g[CACHES] ??= new WeakMap());
  let cache = caches.get(database);
  if (!cache) {
    const notifications = database.notifications;
    const created = new ApiKeyCache({ usable: notifications === null });
    notifications?.listen(API_KEY_CHANNEL, {
      onNotify: (payload) => {
        if (payload !== created.origin) created.clear();
      },
      onState: (listening) => created.setUsable(listening),
    });
    caches.set(database, (cache = created));
  }
  return cache;
}

/**
 * Runs a write that can end or change what an API key may do, in one transaction: on PostgreSQL
 * it notifies the other processes in that transaction (delivered if and only if it commits), and
 * this process's cache is emptied once it has ended, before the caller can answer anyone.
 */
export async function changeApiKeyAccess<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const database = await getDatabase();
  const cache = apiKeyCache(database);
  try {
    return await database.prisma.$transaction(async (tx) => {
      const result = await fn(tx);
      if (database.notifications) await tx.$executeRaw`SELECT pg_notify(${API_KEY_CHANNEL}, ${cache.origin})`;
      return result;
    });
  } finally {
    // Also after a failure: whether a failed commit took effect is not always known.
    cache.clear();
  }
}
