import path from "node:path";
import { defineConfig } from "prisma/config";

// The CLI validates `url` even for commands that never connect (generate); a placeholder keeps
// them working when DATABASE_URL is unset (the PGlite default).
process.env.DATABASE_URL ||= "postgresql://localhost:5432/conveyor_placeholder";
process.env.CHECKPOINT_DISABLE ||= "1";

// PostgreSQL catalog types the pg adapter cannot describe (prisma/orm#27403: `migrate deploy`
// fails with "Column type 'name' could not be deserialized"). They are text on the wire.
const CATALOG_TEXT_TYPES = new Set([18 /* "char" */, 19 /* name */]);

type Field = { dataTypeID: number };
type PgQueryableProto = { performIO(this: unknown, query: unknown): Promise<{ fields: Field[] }> };

function describeCatalogTypesAsText(adapter: object): void {
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as PgQueryableProto & { __catalogText?: true };
  if (proto.__catalogText) return;
  const performIO = proto.performIO;
  proto.performIO = async function (query) {
    const result = await performIO.call(this, query);
    for (const field of result?.fields ?? []) if (CATALOG_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = 25;
    return result;
  };
  proto.__catalogText = true;
}

export default defineConfig({
  experimental: { adapter: true },
  // The WASM schema engine over a driver adapter: nothing is downloaded at run time.
  engine: "js",
  schema: path.join("prisma", "schema"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const factory = new PrismaPg({ connectionString: process.env.DATABASE_URL });
    const connect = factory.connect.bind(factory);
    factory.connect = async () => {
      const adapter = await connect();
      describeCatalogTypesAsText(adapter);
      return adapter;
    };
    return factory;
  },
});
