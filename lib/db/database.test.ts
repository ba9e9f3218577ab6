import { describe, expect, it } from "vitest";
import { readMigrations } from "./migrate";
import { useTestDatabase } from "./testing";
import { applyMigrations } from "./migrate";

const database = useTestDatabase();

describe("test database", () => {
  it("has every migration applied and Prisma working over the adapter", async () => {
    const { prisma, sql } = database();
    const applied = await sql.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(applied.map((r) => r.migration_name)).toEqual(readMigrations().map((m) => m.name));
    const user = await prisma.user.create({ data: { email: "a@example.com" } });
    expect(await prisma.user.findUnique({ where: { id: user.id } })).toMatchObject({ email: "a@example.com" });
  });

  it("re-applying migrations is a no-op", async () => {
    expect(await applyMigrations(database().sql)).toEqual([]);
  });

  it("rolls a failed transaction back", async () => {
    const { sql } = database();
    await expect(
      sql.transaction(async (tx) => {
        await tx.query(`INSERT INTO workspaces (id, name, slug, updated_at) VALUES ('w1', 'W', 'w', now())`);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await sql.query(`SELECT id FROM workspaces WHERE id = 'w1'`)).toEqual([]);
  });
});

describe("named (prepared) statements", () => {
  const TEXT = `SELECT $1::text AS t, $2::int AS n, $3::timestamptz AS at, $4::boolean AS b, $5::text AS missing, $6::jsonb AS j`;
  const params = ["x'; --", 42, new Date("2030-01-02T03:04:05.678Z"), true, null, { a: [1, "b"] }];

  it("return what the same text returns unprepared, call after call, with any parameters", async () => {
    const { sql } = database();
    const plain = await sql.query(TEXT, params);
    expect(plain).toEqual([{ t: "x'; --", n: 42, at: new Date("2030-01-02T03:04:05.678Z"), b: true, missing: null, j: { a: [1, "b"] } }]);
    for (let i = 0; i < 3; i++) expect(await sql.query(TEXT, params, { name: "test_prepared_types" })).toEqual(plain);
    expect(await sql.query(TEXT, ["y", 1, new Date(0), false, "m", { k: null }], { name: "test_prepared_types" })).toEqual([
      { t: "y", n: 1, at: new Date(0), b: false, missing: "m", j: { k: null } },
    ]);
    expect(await sql.query(`SELECT 1 AS one WHERE $1::int > 1`, [0], { name: "test_prepared_empty" })).toEqual([]);
  });

  it("surface errors and keep working after one, and after the statement was deallocated", async () => {
    const { sql } = database();
    await expect(sql.query(`SELECT 1 / $1::int AS q`, [0], { name: "test_prepared_error" })).rejects.toThrow(/division by zero/);
    expect(await sql.query(`SELECT 1 / $1::int AS q`, [1], { name: "test_prepared_error" })).toEqual([{ q: 1 }]);
    await expect(sql.query(`SELEC nonsense`, [], { name: "test_prepared_syntax" })).rejects.toThrow(/syntax/);
    await sql.exec("DEALLOCATE ALL");
    expect(await sql.query(`SELECT 1 / $1::int AS q`, [1], { name: "test_prepared_error" })).toEqual([{ q: 1 }]);
  });

  it("never run inside another caller's open transaction", async () => {
    const { sql } = database();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const tx = sql.transaction(async (t) => {
      await t.query(`INSERT INTO workspaces (id, name, slug, updated_at) VALUES ('w2', 'W', 'w2', now())`);
      await held;
      throw new Error("rolled back");
    });
    const seen = sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM workspaces WHERE id = $1`, ["w2"], { name: "test_prepared_isolation" });
    await new Promise((r) => setTimeout(r, 50));
    release();
    await expect(tx).rejects.toThrow("rolled back");
    expect(await seen).toEqual([{ n: 0 }]);
  });
});
