import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/db/testing";
import { parseEnv } from "@/lib/env";
import { contractsConfig } from "./config";
import { contractsHealth, cronIntervalMs } from "./health";

const db = useTestDatabase();
const base = contractsConfig(parseEnv({}));

describe("scheduler health", () => {
  it("reads the interval from the cron, timezone included", () => {
    expect(cronIntervalMs("*/30 * * * *")).toBe(30 * 60_000);
    expect(cronIntervalMs("TZ=Europe/Paris 0 * * * *")).toBe(60 * 60_000);
  });

  it("is off without regions", async () => {
    expect(await contractsHealth({ ...base, regionIds: [] })).toMatchObject({ status: "off" });
  });

  it("is degraded when no run succeeded within two intervals, ok after a recent success", async () => {
    const config = { ...base, regionIds: [10000002] };
    const now = new Date();
    await db().sql.query(
      "INSERT INTO contract_runs (id, status, trigger, created_at, ended_at) VALUES ('old', 'succeeded', 'cron', now() - interval '3 hours', now() - interval '3 hours')",
    );
    await db().sql.query("INSERT INTO contract_runs (id, status, trigger, created_at, ended_at) VALUES ('f', 'failed', 'cron', now(), now())");
    expect(await contractsHealth(config, now)).toMatchObject({ status: "degraded" });
    await db().sql.query(
      "INSERT INTO contract_runs (id, status, trigger, created_at, ended_at) VALUES ('new', 'succeeded', 'cron', now() - interval '40 minutes', now() - interval '40 minutes')",
    );
    expect(await contractsHealth(config, now)).toMatchObject({ status: "ok" });
  });
});
