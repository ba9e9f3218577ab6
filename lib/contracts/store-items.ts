import type { SqlRunner } from "@/lib/db";
import type { ContractItem } from "./esi/schemas";
import type { ShipFields } from "./ships";

/**
 * Stores a contract's items and its ship fields in one transaction. Items never change for a
 * contract, so existing rows are kept (DO NOTHING); the ship fields are written only here, from a
 * complete item list, never from a skipped or 304 fetch.
 */
export async function storeItems(
  tx: SqlRunner,
  contractId: number,
  items: ContractItem[],
  ship: ShipFields,
): Promise<void> {
  if (items.length > 0) {
    const col = <T>(pick: (i: ContractItem) => T) => items.map(pick);
    await tx.query(
      `INSERT INTO eve_contract_items (record_id, contract_id, type_id, quantity, is_included, item_id, is_blueprint_copy,
         runs, material_efficiency, time_efficiency)
       SELECT u.record_id, $1, u.type_id, u.quantity, u.is_included, u.item_id, u.bpc, u.runs, u.me, u.te
       FROM unnest($2::bigint[], $3::int[], $4::int[], $5::boolean[], $6::bigint[], $7::boolean[], $8::int[], $9::int[], $10::int[])
         AS u(record_id, type_id, quantity, is_included, item_id, bpc, runs, me, te)
       ON CONFLICT (record_id) DO NOTHING`,
      [
        String(contractId),
        col((i) => String(i.record_id)),
        col((i) => i.type_id),
        col((i) => i.quantity),
        col((i) => i.is_included),
        col((i) => (i.item_id === undefined ? null : String(i.item_id))),
        col((i) => i.is_blueprint_copy),
        col((i) => i.runs ?? null),
        col((i) => i.material_efficiency ?? null),
        col((i) => i.time_efficiency ?? null),
      ],
    );
  }
  await tx.query(
    `UPDATE eve_contracts SET items_fetched_at = now(), is_ship_contract = $2, ship_type_id = $3, quantity = $4,
       is_blueprint_copy = $5, runs = $6, material_efficiency = $7, time_efficiency = $8, contains_additional_items = $9
     WHERE contract_id = $1`,
    [
      String(contractId),
      ship.is_ship_contract,
      ship.ship_type_id,
      ship.quantity,
      ship.is_blueprint_copy,
      ship.runs,
      ship.material_efficiency,
      ship.time_efficiency,
      ship.contains_additional_items,
    ],
  );
}

/** ESI answered 204: accepted or expired meanwhile. Not an error; the items are not asked again. */
export async function markItemsGone(sql: SqlRunner, contractId: number): Promise<void> {
  await sql.query("UPDATE eve_contracts SET items_fetched_at = now(), items_gone = true WHERE contract_id = $1", [String(contractId)]);
}
