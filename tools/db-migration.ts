/**
 * Regenerates the initial migration from prisma/schema/*.prisma: `npm run db:migration`.
 * `--check` fails when the committed migration does not match the schema (CI runs it).
 *
 * Conveyor has not shipped a release, so its schema is one initial migration. After the first
 * release, new migrations go beside it with `prisma migrate dev --name <change>`.
 *
 * The WASM schema engine connects through the driver adapter even for `--from-empty`, so this
 * needs a reachable PostgreSQL (MIGRATION_DATABASE_URL, default the local test server).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const target = path.join(root, "prisma", "migrations", "00000000000000_init", "migration.sql");
const check = process.argv.includes("--check");

const sql = execFileSync(
  path.join(root, "node_modules", ".bin", "prisma"),
  ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema", "--script"],
  {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: process.env.MIGRATION_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
  },
);

if (check) {
  const committed = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
  if (committed !== sql) {
    console.error(`${path.relative(root, target)} does not match prisma/schema; run \`npm run db:migration\``);
    process.exit(1);
  }
  console.log("migration matches the schema");
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, sql);
  fs.writeFileSync(path.join(root, "prisma", "migrations", "migration_lock.toml"), 'provider = "postgresql"\n');
  console.log(`wrote ${path.relative(root, target)}`);
}
