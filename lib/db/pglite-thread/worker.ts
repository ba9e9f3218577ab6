/**
 * The database thread: owns the PGlite instance and answers the app's thread (./client.ts). Runs
 * on a worker thread so PostgreSQL's work (PGlite is PostgreSQL compiled to WebAssembly, run
 * synchronously) never holds the app's event loop: HTTP is served while a query runs, as with a
 * PostgreSQL server in a process of its own.
 */
import { parentPort } from "node:worker_threads";
import type { PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapter, Transaction } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { openPglite, pgliteSql } from "../pglite";
import type { Sql, SqlRunner } from "../sql";
import { type ThreadReply, type ThreadRequest, toThreadError } from "./protocol";

type OpenTx = { runner: SqlRunner; finish: (commit: boolean) => void; done: Promise<unknown> };

/** Thrown inside a transaction the app's thread rolled back: PGlite rolls back on any throw. */
const ROLLBACK = Symbol("rollback");

let pg: PGlite | undefined;
let sql: Sql | undefined;
let adapter: SqlDriverAdapter | undefined;
const transactions = new Map<number, OpenTx>();
const prismaTransactions = new Map<number, Transaction>();
let nextTx = 1;

function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("the database is not open");
  return value;
}

const runnerFor = (tx?: number): SqlRunner => {
  if (tx === undefined) return need(sql);
  const open = transactions.get(tx);
  if (!open) throw new Error(`transaction ${tx} is not open`);
  return open.runner;
};

const prismaFor = (tx?: number) => {
  if (tx === undefined) return need(adapter);
  const open = prismaTransactions.get(tx);
  if (!open) throw new Error(`transaction ${tx} is not open`);
  return open;
};

async function begin(): Promise<number> {
  const id = nextTx++;
  let finish!: (commit: boolean) => void;
  const decided = new Promise<boolean>((resolve) => (finish = resolve));
  let started!: () => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const done = need(sql).transaction(async (runner) => {
    transactions.set(id, { runner, finish, done });
    started();
    if (!(await decided)) throw ROLLBACK;
  });
  // A BEGIN that fails rejects `done` before the callback ran.
  await Promise.race([ready, done]);
  return id;
}

async function end(tx: number, commit: boolean): Promise<void> {
  const open = transactions.get(tx);
  if (!open) throw new Error(`transaction ${tx} is not open`);
  open.finish(commit);
  try {
    await open.done;
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  } finally {
    transactions.delete(tx);
  }
}

async function handle(req: ThreadRequest): Promise<unknown> {
  switch (req.op) {
    case "open": {
      pg = await openPglite(req.dataDir, req.image);
      sql = pgliteSql(pg);
      adapter = await new PrismaPGlite(pg).connect();
      return null;
    }
    case "query":
      return runnerFor(req.tx).query(req.text, req.params, req.name ? { name: req.name } : undefined);
    case "exec":
      return runnerFor(req.tx).exec(req.script);
    case "begin":
      return begin();
    case "end":
      return end(req.tx, req.commit);
    case "prisma.query":
      return prismaFor(req.tx).queryRaw(req.query);
    case "prisma.execute":
      return prismaFor(req.tx).executeRaw(req.query);
    case "prisma.script":
      return need(adapter).executeScript(req.script);
    case "prisma.begin": {
      const tx = await need(adapter).startTransaction(req.isolationLevel);
      const id = nextTx++;
      prismaTransactions.set(id, tx);
      return { id, options: tx.options };
    }
    case "prisma.end": {
      const tx = prismaTransactions.get(req.tx);
      if (!tx) throw new Error(`transaction ${req.tx} is not open`);
      prismaTransactions.delete(req.tx);
      return req.commit ? tx.commit() : tx.rollback();
    }
    case "close": {
      await pg?.close();
      pg = sql = adapter = undefined;
      return null;
    }
  }
}

const port = parentPort;
if (!port) throw new Error("lib/db/pglite-thread/worker.ts runs on a worker thread");
const reply = (message: ThreadReply) => {
  try {
    port.postMessage(message);
  } catch (error) {
    // A value that cannot be copied to the other thread must still answer the call.
    port.postMessage({ id: message.id, ok: false, error: toThreadError(error) } satisfies ThreadReply);
  }
};
port.on("message", ({ id, req }: { id: number; req: ThreadRequest }) => {
  handle(req).then(
    (value) => reply({ id, ok: true, value: value ?? null }),
    (error: unknown) => reply({ id, ok: false, error: toThreadError(error) }),
  );
});
