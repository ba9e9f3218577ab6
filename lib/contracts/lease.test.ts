import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import type { Sql } from "@/lib/db";
import { acquireLease, currentLeaseHolder, LeaseLostError, releaseLease, renewLease, whileHoldingLease } from "./lease";
import { beginRun } from "./runs";
import { contractsConfig } from "./config";
import { parseEnv } from "@/lib/env";

const db = useTestDatabase();
const config = { ...contractsConfig(parseEnv({})), leaseTtlMs: 60_000 };

describe("the aggregation lease", () => {
  it("lets exactly one of two runs triggered together start; the other is recorded skipped", async () => {
    const results = await Promise.all([beginRun("run-a", "cron", { config }), beginRun("run-b", "manual", { config })]);
    expect(results.map((r) => r.started).sort()).toEqual([false, true]);
    const rows = await db().sql.query<{ id: string; status: string }>("SELECT id, status FROM contract_runs ORDER BY id");
    expect(rows.map((r) => r.status).sort()).toEqual(["running", "skipped"]);
    const winner = rows.find((r) => r.status === "running")!.id;
    expect(await currentLeaseHolder(db().sql)).toBe(winner);
    await releaseLease(db().sql, winner);
  });

  it("lets a new run take a crashed run's lease once it expired, not before", async () => {
    const sql = db().sql;
    expect(await acquireLease(sql, "crashed", 60_000)).toBe(true);
    expect(await acquireLease(sql, "next", 60_000)).toBe(false);
    await sql.query("UPDATE contract_leases SET expires_at = now() - interval '1 second' WHERE holder = 'crashed'");
    expect(await acquireLease(sql, "next", 60_000)).toBe(true);
    // the crashed run cannot renew what it lost
    expect(await renewLease(sql, "crashed", 60_000)).toBe(false);
    await releaseLease(sql, "next");
  });

  it("is renewed while a run lives, so a run longer than the lease is never joined", async () => {
    const sql = db().sql;
    expect(await acquireLease(sql, "long", 1500)).toBe(true);
    const joined = await whileHoldingLease(sql, "long", 1500, async () => {
      await new Promise((r) => setTimeout(r, 2600));
      return acquireLease(sql, "intruder", 1500);
    });
    expect(joined).toBe(false);
    await releaseLease(sql, "long");
  });

  it("reports a lost lease to the run", async () => {
    const sql = db().sql;
    await expect(whileHoldingLease(sql, "never-held", 60_000, async () => 1)).rejects.toBeInstanceOf(LeaseLostError);
  });

  it("fails closed: a run that cannot check the lock does not start", async () => {
    const broken = {
      ...db().sql,
      query: async () => {
        throw new Error("connection refused");
      },
    } as unknown as Sql;
    await expect(acquireLease(broken, "x", 1000)).rejects.toThrow("connection refused");
  });
});
