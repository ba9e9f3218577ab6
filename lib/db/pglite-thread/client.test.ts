/**
 * The database thread as the server uses it (PGLITE_THREAD): the same SQL, transactions, prepared
 * statements, errors and Prisma behaviour as PGlite in process, across the thread boundary, and
 * the app's event loop free while a query runs. (`TEST_PGLITE_THREAD=1 npm test` runs the whole
 * suite on it.)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../database";
import { PgliteThread } from "./client";

let database: Database;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-pglite-thread-"));
  database = await openDatabase({ pgliteDir: path.join(dir, "pgdata"), pgliteThread: true });
}, 60_000);

afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const workspace = (id: string) => database.sql.query(`INSERT INTO workspaces (id, name, slug, updated_at) VALUES ($1, 'W', $1, now())`, [id]);

describe("PGlite on its own thread", () => {
  it("answers SQL with the same values as in process, prepared or not", async () => {
    const text = `SELECT $1::text AS t, $2::int AS n, $3::timestamptz AS at, $4::boolean AS b, $5::text AS missing, $6::jsonb AS j, $7::bytea AS raw`;
    const params = ["x'; --", 42, new Date("2030-01-02T03:04:05.678Z"), true, null, { a: [1, "b"] }, new Uint8Array([0, 255])];
    const want = [{ t: "x'; --", n: 42, at: new Date("2030-01-02T03:04:05.678Z"), b: true, missing: null, j: { a: [1, "b"] }, raw: new Uint8Array([0, 255]) }];
    expect(await database.sql.query(text, params)).toEqual(want);
    expect(await database.sql.query(text, params, { name: "thread_types" })).toEqual(want);
  });

  it("commits a transaction, rolls a failed one back, and gives PostgreSQL's error fields to the caller", async () => {
    const { sql } = database;
    await sql.transaction(async (tx) => {
      await tx.query(`INSERT INTO workspaces (id, name, slug, updated_at) VALUES ('t1', 'W', 't1', now())`);
      // Inside the transaction its own writes are visible.
      expect(await tx.query(`SELECT id FROM workspaces WHERE id = 't1'`)).toEqual([{ id: "t1" }]);
    });
    await expect(
      sql.transaction(async (tx) => {
        await tx.query(`INSERT INTO workspaces (id, name, slug, updated_at) VALUES ('t2', 'W', 't2', now())`);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await sql.query(`SELECT id FROM workspaces WHERE id IN ('t1', 't2') ORDER BY id`)).toEqual([{ id: "t1" }]);
    const duplicate = await workspace("t1").catch((e: unknown) => e);
    expect(duplicate).toMatchObject({ code: "23505", constraint: expect.stringContaining("workspaces") });
  });

  it("serves Prisma: queries, interactive and batch transactions, and the unique-violation error", async () => {
    const { prisma } = database;
    const user = await prisma.user.create({ data: { email: "thread@example.com" } });
    expect(await prisma.user.findUnique({ where: { id: user.id } })).toMatchObject({ email: "thread@example.com" });
    // As in process: the driver's error reaches the caller with PostgreSQL's code in its cause.
    const duplicate = await prisma.user.create({ data: { email: "thread@example.com" } }).catch((e: unknown) => e);
    expect(duplicate).toMatchObject({ name: "DriverAdapterError", cause: { kind: "postgres", code: "23505" } });
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { name: "Renamed" } });
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBeNull();
    await prisma.$transaction([prisma.user.update({ where: { id: user.id }, data: { name: "Kept" } })]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Kept");
  });

  it("keeps the app's event loop free while a query runs", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    // Half a second of PostgreSQL work: in process this would block every timer until it ended.
    await database.sql.query(`SELECT pg_sleep(0.5)`);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(20);
  });

  it("keeps its data across a close and a reopen of the directory", async () => {
    await workspace("kept");
    await database.close();
    database = await openDatabase({ pgliteDir: path.join(dir, "pgdata"), pgliteThread: true });
    expect(await database.sql.query(`SELECT id FROM workspaces WHERE id = 'kept'`)).toEqual([{ id: "kept" }]);
  }, 60_000);

  it("reports a thread that ended without being closed, and fails every call after it", async () => {
    const lost: Error[] = [];
    const thread = await PgliteThread.open(undefined, undefined, (error) => lost.push(error));
    const sql = thread.sql();
    expect(await sql.query(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
    // The thread dies under a call in flight (as on a crash of PGlite's WebAssembly).
    const inFlight = sql.query(`SELECT pg_sleep(1)`);
    await (thread as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(inFlight).rejects.toThrow(/database thread exited/);
    await expect(sql.query(`SELECT 1`)).rejects.toThrow(/database thread exited/);
    expect(lost).toHaveLength(1);
    await thread.close();
    expect(lost).toHaveLength(1);
  }, 60_000);

  it("fails an open it cannot do with the database's error, without reporting a lost thread", async () => {
    const lost: Error[] = [];
    const notADirectory = path.join(dir, "a-file");
    fs.writeFileSync(notADirectory, "x");
    await expect(PgliteThread.open(notADirectory, undefined, (error) => lost.push(error))).rejects.toThrow();
    expect(lost).toEqual([]);
  }, 60_000);

  it("refuses a value that cannot cross threads, and keeps answering", async () => {
    await expect(database.sql.query(`SELECT $1::text AS t`, [() => "a function"])).rejects.toThrow(/could not be cloned/);
    expect(await database.sql.query(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });
});
