import os from "node:os";
import pg from "pg";

/** What the numbers were measured on: cores, load, memory, versions. */
export async function machineInfo(adminUrl: string, redis: { host: string; port: number }) {
  let postgres = "unknown";
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    postgres = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0].server_version;
  } finally {
    await client.end().catch(() => {});
  }
  let redisVersion = "unknown";
  try {
    const { default: IORedis } = await import("ioredis");
    const r = new IORedis({ ...redis, lazyConnect: true, maxRetriesPerRequest: 1 });
    await r.connect();
    redisVersion = /redis_version:(\S+)/.exec(await r.info("server"))?.[1] ?? "unknown";
    r.disconnect();
  } catch {
    // BullMQ's configurations will fail loudly if Redis is really missing.
  }
  const cpus = os.cpus();
  return {
    hostname_hash: Buffer.from(os.hostname()).toString("base64url").slice(0, 8),
    cpus: cpus.length,
    cpu_model: cpus[0]?.model ?? "unknown",
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres,
    redis: redisVersion,
    loadavg_start: os.loadavg().map((v) => Number(v.toFixed(2))),
  };
}

export type MachineInfo = Awaited<ReturnType<typeof machineInfo>>;
