/**
 * The 8a.nu password's only home: this process's memory, keyed by job id, for a few minutes.
 * The connect request puts it here and the job's sign-in step takes it out (once: `take` deletes
 * it), so it never travels in an Inngest event or step output and is never written to the
 * database, a file or a log. The session cookies the sign-in yields live here too, only until the
 * job's last page is fetched. A job that runs on another process, after a restart or past the
 * TTL finds nothing and fails asking the climber to connect again (docs/logbook.md).
 */
type Entry<T> = { value: T; timer: NodeJS.Timeout };

class ExpiringMap<T> {
  private readonly entries = new Map<string, Entry<T>>();
  constructor(private readonly onDrop?: (value: T) => void) {}

  put(key: string, value: T, ttlMs: number): void {
    this.drop(key);
    const timer = setTimeout(() => this.drop(key), ttlMs);
    timer.unref();
    this.entries.set(key, { value, timer });
  }

  get(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  take(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.entries.delete(key);
    return entry.value;
  }

  drop(key: string): void {
    const value = this.take(key);
    if (value !== undefined) this.onDrop?.(value);
  }

  get size(): number {
    return this.entries.size;
  }
}

export type EightACredentials = { username: string; password: string };

type Store = { credentials: ExpiringMap<EightACredentials>; sessions: ExpiringMap<{ end(): void }> };
const KEY = Symbol.for("conveyor.logbook.hand-off");

/** One store per process (Next.js may load this module more than once). */
function store(): Store {
  const g = globalThis as { [KEY]?: Store };
  return (g[KEY] ??= {
    credentials: new ExpiringMap<EightACredentials>(),
    sessions: new ExpiringMap<{ end(): void }>((session) => session.end()),
  });
}

export const credentialHandOff = {
  put: (jobId: string, credentials: EightACredentials, ttlMs: number) => store().credentials.put(jobId, credentials, ttlMs),
  /** Looks without taking: a sign-in that failed because the site was down may be retried. */
  peek: (jobId: string) => store().credentials.get(jobId),
  /** Single use: the password is gone from memory once taken. */
  take: (jobId: string) => store().credentials.take(jobId),
  discard: (jobId: string) => store().credentials.take(jobId),
  size: () => store().credentials.size,
};

export const sessionHandOff = {
  put: <S extends { end(): void }>(jobId: string, session: S, ttlMs: number) => store().sessions.put(jobId, session, ttlMs),
  get: <S extends { end(): void }>(jobId: string) => store().sessions.get(jobId) as S | undefined,
  /** Ends the session (its cookies are cleared) and forgets it. */
  end: (jobId: string) => store().sessions.drop(jobId),
  size: () => store().sessions.size,
};
