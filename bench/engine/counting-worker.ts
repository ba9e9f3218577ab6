/**
 * `npm run worker`, instrumented for profiling (bench/engine/profile.ts): the same Engine on the
 * same settings, with every SQL statement counted and timed by its text, reported over IPC.
 */
import { getDatabase, type Sql, type SqlRunner } from "@/lib/db";
import { engineConfigFromEnv } from "@/lib/engine/embedded";
import { Engine } from "@/lib/engine/engine";
import { setMetricsDatabase } from "@/lib/engine/metrics";
import { embeddedSigningKey } from "@/lib/engine/signing-key";
import { getEnv } from "@/lib/env";
import { handleProfilerMessage } from "./profiler";

type Stat = { count: number; ms: number };
const stats = new Map<string, Stat>();
let transactions = 0;

function record(text: string, ms: number): void {
  const key = text.replace(/\s+/g, " ").trim().slice(0, 140);
  const s = stats.get(key) ?? { count: 0, ms: 0 };
  s.count++;
  s.ms += ms;
  stats.set(key, s);
}

function counted<T extends SqlRunner>(runner: T): SqlRunner {
  return {
    async query(text, params) {
      const t0 = performance.now();
      try {
        return await runner.query(text, params);
      } finally {
        record(text, performance.now() - t0);
      }
    },
    exec: (script) => runner.exec(script),
  };
}

function countingSql(sql: Sql): Sql {
  return {
    ...counted(sql),
    dialect: sql.dialect,
    transaction: (fn) => {
      transactions++;
      return sql.transaction((tx) => fn(counted(tx)));
    },
    close: () => sql.close(),
  } as Sql;
}

async function main(): Promise<void> {
  const database = await getDatabase();
  const sql = countingSql(database.sql);
  setMetricsDatabase(sql);
  const engine = new Engine({ sql, kind: "worker", signingKey: embeddedSigningKey(), appUrls: "any", config: engineConfigFromEnv(), listenUrl: getEnv().DATABASE_URL });
  await engine.start();
  process.on("message", async (raw) => {
    const msg = raw as { type: string; id: number };
    if (handleProfilerMessage(msg)) return;
    if (msg.type === "queries") {
      process.send?.({ type: "reply", id: msg.id, transactions, statements: [...stats.entries()].map(([text, s]) => ({ text, ...s })) });
      stats.clear();
      transactions = 0;
    } else if (msg.type === "stop") {
      await engine.stop();
      process.send?.({ type: "reply", id: msg.id });
      process.exit(0);
    }
  });
  process.stdout.write("ready\n");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
