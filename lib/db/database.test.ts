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
