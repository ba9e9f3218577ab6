/**
 * bench:contracts: rows/s of the contracts aggregation's batched upserts
 * (`INSERT ... ON CONFLICT DO UPDATE`, CONTRACTS_BATCH_SIZE rows per statement) on PostgreSQL and
 * PGlite, with a 100,000-contract region served by the stand-in ESI (100 pages of 1,000).
 *
 * Per database: a first pass (every row new), then a second pass where every 10th price changed
 * (every row conflicts: updated or seen-again), then the expiry sweep. Items are not part of it:
 * they are fetched once per new contract and limited by ESI, not by the database.
 *
 *   npm run bench:contracts [-- --contracts 100000 --batch 1000 --postgres URL]
 *
 * PostgreSQL: BENCH_DATABASE_URL or TEST_DATABASE_URL (an admin URL; a fresh database is made and
 * dropped), default postgresql://postgres@127.0.0.1:5432/postgres. Results: bench/results/contracts.json.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createTestDatabase } from "@/lib/db/test-databases";
import { memoryEsiCache } from "@/lib/contracts/esi/cache";
import { EsiClient } from "@/lib/contracts/esi/client";
import { publicContractSchema, type PublicContract } from "@/lib/contracts/esi/schemas";
import { bigRegion } from "@/lib/contracts/esi/testing/fixtures";
import { startEsiStandIn } from "@/lib/contracts/esi/testing/stand-in";
import { upsertContracts } from "@/lib/contracts/upsert-contracts";
import { markExpired } from "@/lib/contracts/expire-contracts";

const { values } = parseArgs({
  options: {
    contracts: { type: "string", default: "100000" },
    batch: { type: "string", default: "1000" },
    postgres: { type: "string" },
    only: { type: "string" },
  },
});
const N = Number(values.contracts);
const BATCH = Number(values.batch);
const REGION = 10000002;

async function fetchRegion(): Promise<{ contracts: PublicContract[]; fetchMs: number; pages: number }> {
  const esi = await startEsiStandIn();
  esi.data.regions.set(REGION, bigRegion(N));
  try {
    const client = new EsiClient({
      baseUrl: esi.url,
      userAgent: "Conveyor-bench/1 (+http://localhost)",
      compatibilityDate: "2025-08-26",
      timeoutMs: 30_000,
      cache: memoryEsiCache(),
    });
    const started = performance.now();
    const result = await client.getPaged(`/contracts/public/${REGION}`, publicContractSchema, { conditional: true, idKey: "contract_id" });
    if (result.status !== "ok") throw new Error(`stand-in answered ${result.status}`);
    return { contracts: result.items, fetchMs: performance.now() - started, pages: result.pages };
  } finally {
    await esi.close();
  }
}

async function benchOn(kind: "postgres" | "pglite", contracts: PublicContract[]) {
  if (kind === "postgres") process.env.TEST_DATABASE_URL = values.postgres ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  else delete process.env.TEST_DATABASE_URL;
  const db = await createTestDatabase();
  try {
    const seen1 = new Date();
    let t = performance.now();
    const first = await upsertContracts(db.sql, REGION, contracts, seen1, BATCH);
    const insertMs = performance.now() - t;

    const changed = contracts.map((c, i) => (i % 10 === 0 ? { ...c, price: (c.price ?? 0) + 1 } : c));
    const seen2 = new Date(seen1.getTime() + 1000);
    t = performance.now();
    const second = await upsertContracts(db.sql, REGION, changed, seen2, BATCH);
    const updateMs = performance.now() - t;

    t = performance.now();
    const expired = await markExpired(db.sql, REGION, seen2);
    const expireMs = performance.now() - t;
    return {
      database: kind,
      rows: contracts.length,
      batch_size: BATCH,
      insert: { ms: Math.round(insertMs), rows_per_s: Math.round(contracts.length / (insertMs / 1000)), counts: first },
      upsert_existing: { ms: Math.round(updateMs), rows_per_s: Math.round(contracts.length / (updateMs / 1000)), counts: second },
      expiry_sweep_ms: Math.round(expireMs),
      expired,
    };
  } finally {
    await db.close();
  }
}

async function main() {
  const { contracts, fetchMs, pages } = await fetchRegion();
  console.log(`stand-in region: ${contracts.length} contracts in ${pages} pages, fetched and validated in ${Math.round(fetchMs)} ms`);
  const results = [];
  for (const kind of ["postgres", "pglite"] as const) {
    if (values.only && values.only !== kind) continue;
    const r = await benchOn(kind, contracts);
    console.log(
      `${kind}: insert ${r.insert.rows_per_s} rows/s (${r.insert.ms} ms), upsert of existing ${r.upsert_existing.rows_per_s} rows/s (${r.upsert_existing.ms} ms), expiry sweep ${r.expiry_sweep_ms} ms`,
    );
    results.push(r);
  }
  const out = {
    bench: "contracts",
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 1e9), node: process.version, load_average_1m: os.loadavg()[0] },
    fetch: { contracts: contracts.length, pages, ms: Math.round(fetchMs) },
    results,
  };
  const file = path.join(process.cwd(), "bench", "results", "contracts.json");
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`results: ${path.relative(process.cwd(), file)}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
