import { notFound } from "@/lib/errors";
import { getDatabase } from "@/lib/db";
import { CONTRACT_COLUMNS, toContractView } from "./list-contracts";
import type { z } from "zod";
import type { contractDetailSchema } from "./schemas";

/** One contract with its items, their type names and groups. */
export async function getContract(contractId: string): Promise<z.output<typeof contractDetailSchema>> {
  // ESI contract ids are positive integers; anything else names no contract.
  if (!/^[1-9]\d{0,18}$/.test(contractId)) throw notFound("Contract");
  const { sql } = await getDatabase();
  const [row] = await sql.query<Record<string, unknown>>(
    `SELECT ${CONTRACT_COLUMNS}, c.issuer_id::float8 AS issuer_id, c.issuer_corporation_id::float8 AS issuer_corporation_id,
       c.for_corporation, c.days_to_complete, c.items_fetched_at, c.items_gone
     FROM eve_contracts c LEFT JOIN eve_types t ON t.type_id = c.ship_type_id WHERE c.contract_id = $1`,
    [contractId],
  );
  if (!row) throw notFound("Contract");
  const items = await sql.query<Record<string, unknown>>(
    `SELECT i.record_id::float8 AS record_id, i.type_id, t.name AS type_name, t.group_id, g.name AS group_name, t.category_id,
       i.quantity, i.is_included, i.is_blueprint_copy, i.runs, i.material_efficiency, i.time_efficiency
     FROM eve_contract_items i LEFT JOIN eve_types t ON t.type_id = i.type_id LEFT JOIN eve_groups g ON g.group_id = t.group_id
     WHERE i.contract_id = $1 ORDER BY i.is_included DESC, i.record_id`,
    [String(contractId)],
  );
  const { issuer_id, issuer_corporation_id, for_corporation, days_to_complete, items_fetched_at, items_gone, ...view } = row;
  return {
    ...toContractView(view),
    issuer_id: Number(issuer_id),
    issuer_corporation_id: Number(issuer_corporation_id),
    for_corporation: Boolean(for_corporation),
    days_to_complete: (days_to_complete as number | null) ?? null,
    items_fetched_at: items_fetched_at ? new Date(items_fetched_at as string).toISOString() : null,
    items_gone: Boolean(items_gone),
    items: items.map((i) => ({ ...(i as never as z.output<typeof contractDetailSchema>["items"][number]), record_id: Number(i.record_id) })),
  };
}
