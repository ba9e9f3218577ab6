import { badRequest } from "@/lib/errors";
import { getDatabase } from "@/lib/db";
import type { ContractView, ListContractsQuery } from "./schemas";

/** The columns every contract view reads (the ship's name from the type cache). */
export const CONTRACT_COLUMNS = `c.contract_id::float8 AS contract_id, c.region_id, c.type, c.price, c.buyout, c.reward, c.collateral,
  c.volume, c.title, c.date_issued, c.date_expired, c.start_location_id::float8 AS start_location_id,
  c.end_location_id::float8 AS end_location_id, c.is_ship_contract, c.ship_type_id, t.name AS ship_name, c.quantity,
  c.is_blueprint_copy, c.runs, c.material_efficiency, c.time_efficiency, c.contains_additional_items, c.status`;

const SORT_COLUMN = { date_issued: "c.date_issued", price: "COALESCE(c.price, 0)", date_expired: "c.date_expired" } as const;

type Cursor = [string | number, number];

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(text: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && ["string", "number"].includes(typeof value[0]) && Number.isSafeInteger(value[1])) {
      return value as Cursor;
    }
  } catch {
    // fall through
  }
  throw badRequest("The cursor is not one this API returned");
}

export function toContractView(row: Record<string, unknown>): ContractView {
  const date = (v: unknown) => new Date(v as string).toISOString();
  return {
    ...(row as ContractView),
    contract_id: Number(row.contract_id),
    start_location_id: row.start_location_id === null ? null : Number(row.start_location_id),
    end_location_id: row.end_location_id === null ? null : Number(row.end_location_id),
    date_issued: date(row.date_issued),
    date_expired: date(row.date_expired),
  };
}

/**
 * Contracts with filters, sorted by one column and cursor-paginated on (column, contract_id), so a
 * page never repeats or skips rows while the aggregation writes.
 */
export async function listContracts(q: ListContractsQuery): Promise<{ items: ContractView[]; next_cursor: string | null }> {
  const { sql } = await getDatabase();
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (q.status !== "all") add((p) => `c.status = ${p}`, q.status);
  if (q.region_id !== undefined) add((p) => `c.region_id = ${p}`, q.region_id);
  if (q.type) add((p) => `c.type = ${p}`, q.type);
  if (q.is_ship_contract !== undefined) add((p) => `c.is_ship_contract = ${p}`, q.is_ship_contract);
  if (q.ship_type_id !== undefined) add((p) => `c.ship_type_id = ${p}`, q.ship_type_id);
  if (q.min_price !== undefined) add((p) => `c.price >= ${p}`, q.min_price);
  if (q.max_price !== undefined) add((p) => `c.price <= ${p}`, q.max_price);

  const desc = q.sort.startsWith("-");
  const key = q.sort.replace(/^-/, "") as keyof typeof SORT_COLUMN;
  const column = SORT_COLUMN[key];
  const op = desc ? "<" : ">";
  if (q.cursor) {
    const [value, id] = decodeCursor(q.cursor);
    params.push(value, id);
    const v = `$${params.length - 1}`;
    const cast = key === "price" ? "::float8" : "::timestamptz";
    where.push(`(${column}, c.contract_id) ${op} (${v}${cast}, $${params.length}::bigint)`);
  }
  params.push(q.limit + 1);
  const rows = await sql.query<Record<string, unknown>>(
    `SELECT ${CONTRACT_COLUMNS}, ${column} AS sort_value FROM eve_contracts c LEFT JOIN eve_types t ON t.type_id = c.ship_type_id
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY ${column} ${desc ? "DESC" : "ASC"}, c.contract_id ${desc ? "DESC" : "ASC"} LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const next =
    rows.length > q.limit && last
      ? encodeCursor([
          key === "price" ? Number(last.sort_value) : new Date(last.sort_value as string).toISOString(),
          Number(last.contract_id),
        ])
      : null;
  return { items: page.map(({ sort_value: _s, ...row }) => toContractView(row)), next_cursor: next };
}
