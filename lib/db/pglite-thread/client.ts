import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlResultSet, Transaction, TransactionOptions } from "@prisma/driver-adapter-utils";
import type { Sql, SqlRunner } from "../sql";
import { fromThreadError, type ThreadReply, type ThreadRequest } from "./protocol";

const ADAPTER_NAME = "conveyor-pglite-thread";

/**
 * PGlite on a thread of its own (./worker.ts), for the app's server: PGlite runs PostgreSQL
 * synchronously on the thread that calls it, so in the app's process every query held the event
 * loop that serves HTTP (docs/benchmarks.md, "API"). Here the app's thread only sends a message
 * and awaits the answer, as it would with a PostgreSQL server. `sql` and the Prisma adapter
 * behave as their in-process counterparts (lib/db/pglite.ts, pglite-prisma-adapter): the same
 * code runs them, on the other thread.
 */
export class PgliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private exited: Error | undefined;

  // Found from the app's root at run time, as the PDF workers are: a path the bundler cannot
  // follow, so Next.js leaves the thread's files (and tsx) out of its bundles.
  private readonly dir = path.join(process.cwd(), "lib", "db", "pglite-thread");

  private closing = false;

  private constructor(private readonly onLost?: (error: Error) => void) {
    const bootstrap = this.fileOf("bootstrap.mjs");
    if (!fs.existsSync(bootstrap)) throw new Error(`the database thread's script is not at ${bootstrap} (the app must run from its root)`);
    this.worker = new Worker(bootstrap, { workerData: { entry: this.fileOf("worker.ts") } });
    // Only calls in flight keep the process alive, as sockets to a database server would.
    this.worker.unref();
    this.worker.on("message", (reply: ThreadReply) => {
      const call = this.pending.get(reply.id);
      if (!call) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if (reply.ok) call.resolve(reply.value);
      else call.reject(fromThreadError(reply.error));
    });
    const gone = (error: Error) => {
      const first = !this.exited;
      this.exited ??= error;
      for (const call of this.pending.values()) call.reject(this.exited);
      this.pending.clear();
      if (first && !this.closing) this.onLost?.(this.exited);
    };
    this.worker.on("error", (error) => gone(new Error(`the database thread failed: ${error.message}`)));
    this.worker.on("exit", (code) => gone(new Error(`the database thread exited (code ${code})`)));
  }

  private fileOf(name: string): string {
    return path.join(this.dir, name);
  }

  /**
   * Starts the thread and opens PGlite in `dataDir` (memory when undefined), optionally from a
   * dumped image. `onLost` hears of a thread that ended without being closed (every call after
   * it fails).
   */
  static async open(dataDir: string | undefined, image?: Blob, onLost?: (error: Error) => void): Promise<PgliteThread> {
    const thread = new PgliteThread(onLost);
    try {
      await thread.call({ op: "open", dataDir, image });
    } catch (error) {
      // A thread that could not open its database was never in use: its end is no loss to report.
      await thread.close();
      throw error;
    }
    return thread;
  }

  call<T>(req: ThreadRequest): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      try {
        // Throws (DataCloneError) for a value that cannot cross threads, before anything is pending.
        this.worker.postMessage({ id, req });
      } catch (error) {
        return reject(error as Error);
      }
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    });
  }

  private runner(tx?: number): SqlRunner {
    return {
      // Inside a transaction the database thread ignores a name, as in process (lib/db/pglite.ts).
      query: <T>(text: string, params?: unknown[], options?: { name?: string }) => this.call<T[]>({ op: "query", tx, text, params, name: options?.name }),
      exec: async (script: string) => {
        await this.call({ op: "exec", tx, script });
      },
    };
  }

  sql(): Sql {
    return {
      dialect: "pglite",
      ...this.runner(),
      transaction: async <T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> => {
        const tx = await this.call<number>({ op: "begin" });
        let result: T;
        try {
          result = await fn(this.runner(tx));
        } catch (error) {
          await this.call({ op: "end", tx, commit: false }).catch(() => {});
          throw error;
        }
        await this.call({ op: "end", tx, commit: true });
        return result;
      },
      close: () => this.close(),
    };
  }

  /** Prisma's driver adapter, answered by pglite-prisma-adapter on the database thread. */
  prismaAdapter(): SqlDriverAdapterFactory {
    const queryable = (tx?: number) => ({
      provider: "postgres" as const,
      adapterName: ADAPTER_NAME,
      queryRaw: (query: SqlQuery) => this.call<SqlResultSet>({ op: "prisma.query", tx, query }),
      executeRaw: (query: SqlQuery) => this.call<number>({ op: "prisma.execute", tx, query }),
    });
    const adapter: SqlDriverAdapter = {
      ...queryable(),
      executeScript: async (script: string) => {
        await this.call({ op: "prisma.script", script });
      },
      startTransaction: async (isolationLevel?: IsolationLevel): Promise<Transaction> => {
        const { id, options } = await this.call<{ id: number; options: TransactionOptions }>({ op: "prisma.begin", isolationLevel });
        return {
          ...queryable(id),
          options,
          commit: async () => {
            await this.call({ op: "prisma.end", tx: id, commit: true });
          },
          rollback: async () => {
            await this.call({ op: "prisma.end", tx: id, commit: false });
          },
        };
      },
      getConnectionInfo: () => ({ supportsRelationJoins: true }),
      dispose: async () => {},
    };
    return { provider: "postgres", adapterName: ADAPTER_NAME, connect: async () => adapter };
  }

  /** Closes PGlite (it writes what it holds) and ends the thread. */
  async close(): Promise<void> {
    this.closing = true;
    if (!this.exited) await this.call({ op: "close" }).catch(() => {});
    await this.worker.terminate();
  }
}
