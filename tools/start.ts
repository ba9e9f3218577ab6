/**
 * `npm start`: checks the settings, builds when the sources changed, applies migrations, then
 * serves the app on PORT with the embedded engine (unless Inngest is configured).
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { parseEnv, SettingsError } from "../lib/env";
import { loadDotenvFiles } from "../lib/env/dotenv";
import { buildIfNeeded } from "./build-if-needed";

const root = path.resolve(__dirname, "..");

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

loadDotenvFiles(root);

let env;
try {
  env = parseEnv(process.env);
} catch (error) {
  if (error instanceof SettingsError) fail(error.message);
  throw error;
}

try {
  buildIfNeeded();
} catch (error) {
  fail((error as Error).message);
}

if (env.DATABASE_URL) {
  // PostgreSQL gets Prisma's own migrator; PGlite is migrated by the app when it opens it.
  const migrate = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: root,
    stdio: "inherit",
    env: process.env,
  });
  if (migrate.status !== 0) fail("prisma migrate deploy failed; is DATABASE_URL reachable?");
}

const server = spawn(
  path.join(root, "node_modules", ".bin", "next"),
  ["start", "--port", String(env.PORT), "--hostname", env.HOST],
  { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" } },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
