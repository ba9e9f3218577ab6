/**
 * Builds the app only when its sources changed since the last build: a hash of every input that
 * affects `next build` is stored beside the output. Used by `npm start` and the browser tests.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const INPUT_DIRS = ["app", "lib", "inngest", "public", "prisma/schema"];
const INPUT_FILES = ["next.config.ts", "package-lock.json", "postcss.config.mjs", "instrumentation.ts", "proxy.ts", "middleware.ts"];
const SKIP = /(\.test\.tsx?$)|(^|\/)(node_modules|\.next[^/]*)(\/|$)/;

function walk(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (SKIP.test(path.relative(root, full))) continue;
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
}

export function sourceHash(): string {
  const files: string[] = [];
  for (const d of INPUT_DIRS) walk(path.join(root, d), files);
  for (const f of INPUT_FILES) if (fs.existsSync(path.join(root, f))) files.push(path.join(root, f));
  const hash = createHash("sha256");
  // Only tsconfig's compiler options matter: `next build` appends its own dist folders to
  // "include", which must not make the next run rebuild.
  const tsconfig = JSON.parse(fs.readFileSync(path.join(root, "tsconfig.json"), "utf8"));
  hash.update(JSON.stringify(tsconfig.compilerOptions));
  for (const f of files.sort()) {
    hash.update(path.relative(root, f));
    hash.update(fs.readFileSync(f));
  }
  return hash.digest("hex");
}

export function distDir(): string {
  return path.join(root, process.env.NEXT_DIST_DIR || ".next");
}

/** Runs `next build` unless the output matches the sources; returns whether it built. */
export function buildIfNeeded(log: (line: string) => void = console.log): boolean {
  const marker = path.join(distDir(), "conveyor-source-hash");
  const hash = sourceHash();
  const built = fs.existsSync(path.join(distDir(), "BUILD_ID")) && fs.existsSync(marker);
  if (built && fs.readFileSync(marker, "utf8") === hash) return false;
  log("Building the app (sources changed since the last build) ...");
  const result = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  fs.writeFileSync(marker, hash);
  return true;
}

if (require.main === module) {
  try {
    buildIfNeeded();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
