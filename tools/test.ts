/**
 * `npm test`: every test — unit and integration (Vitest), then end to end in Chromium
 * (Playwright against the built app). With TEST_DATABASE_URL set, everything runs on PostgreSQL
 * instead of the embedded PGlite. Extra arguments go to Vitest (e.g. a folder to narrow it).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function run(label: string, cmd: string, args: string[]): boolean {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  return result.status === 0;
}

function onPath(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

/**
 * Tests need Debian's chromium (browser tests) and qpdf (checks written PDFs). On a Debian
 * machine where we are root, install what is missing; elsewhere, say what to install.
 */
function ensureSystemPackages(): boolean {
  const missing = [
    ...(fs.existsSync(chromium) ? [] : ["chromium"]),
    ...(onPath("qpdf") ? [] : ["qpdf"]),
  ];
  if (missing.length === 0) return true;
  const canInstall = process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get");
  if (!canInstall) {
    console.error(`Missing system packages: ${missing.join(", ")}. Install them (Debian: apt-get install -y ${missing.join(" ")}); set CHROMIUM_PATH if Chromium lives elsewhere.`);
    return false;
  }
  console.log(`Installing missing Debian packages: ${missing.join(", ")} ...`);
  return run("apt-get update", "apt-get", ["update", "-qq"]) && run(`apt-get install ${missing.join(" ")}`, "apt-get", ["install", "-y", "-qq", ...missing]);
}

const database = process.env.TEST_DATABASE_URL ? "PostgreSQL (TEST_DATABASE_URL)" : "PGlite";
console.log(`Running every test on ${database}`);
const vitestArgs = process.argv.slice(2);
if (!ensureSystemPackages()) process.exit(1);
const unitOk = run("unit and integration tests (vitest)", bin("vitest"), ["run", ...vitestArgs]);
const e2eOk = vitestArgs.length > 0 || (run("end-to-end tests (playwright, chromium)", bin("playwright"), ["test"]));
if (!unitOk || !e2eOk) {
  console.error(`\n✗ tests failed on ${database}`);
  process.exit(1);
}
console.log(`\n✓ all tests passed on ${database}`);
