import { getDatabase } from "@/lib/db";

/** What ESI said about a URL last time: enough to skip it until Expires and revalidate after. */
export type EsiCacheEntry = {
  url: string;
  etag: string | null;
  expiresAt: Date | null;
  lastModified: string | null;
};

export interface EsiCacheStore {
  get(url: string): Promise<EsiCacheEntry | undefined>;
  put(entry: EsiCacheEntry): Promise<void>;
}

/** The per-URL cache in the database (`esi_cache`), shared by every process of the instance. */
export const databaseEsiCache: EsiCacheStore = {
  async get(url) {
    const { sql } = await getDatabase();
    const [row] = await sql.query<{ etag: string | null; expires_at: Date | string | null; last_modified: string | null }>(
      "SELECT etag, expires_at, last_modified FROM esi_cache WHERE url = $1",
      [url],
    );
    if (!row) return undefined;
    return {
      url,
      etag: row.etag,
      expiresAt: row.expires_at ? new Date(row.expires_at) : null,
      lastModified: row.last_modified,
    };
  },
  async put(entry) {
    const { sql } = await getDatabase();
    await sql.query(
      `INSERT INTO esi_cache (url, etag, expires_at, last_modified, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (url) DO UPDATE SET etag = EXCLUDED.etag, expires_at = EXCLUDED.expires_at,
         last_modified = EXCLUDED.last_modified, updated_at = now()`,
      [entry.url, entry.etag, entry.expiresAt?.toISOString() ?? null, entry.lastModified],
    );
  },
};

/** An in-memory cache (tests, the bench). */
export function memoryEsiCache(): EsiCacheStore & { entries: Map<string, EsiCacheEntry> } {
  const entries = new Map<string, EsiCacheEntry>();
  return {
    entries,
    async get(url) {
      return entries.get(url);
    },
    async put(entry) {
      entries.set(entry.url, entry);
    },
  };
}
