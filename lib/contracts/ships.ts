import type { ContractType } from "./esi/schemas";

/** The item fields ship detection reads (public ESI items carry no is_singleton). */
export type ShipCandidateItem = {
  type_id: number;
  quantity: number;
  is_included: boolean;
  is_blueprint_copy: boolean;
  runs?: number | null;
  material_efficiency?: number | null;
  time_efficiency?: number | null;
};

export type ShipFields = {
  is_ship_contract: boolean;
  ship_type_id: number | null;
  quantity: number | null;
  is_blueprint_copy: boolean | null;
  runs: number | null;
  material_efficiency: number | null;
  time_efficiency: number | null;
  contains_additional_items: boolean;
};

export const NOT_A_SHIP: ShipFields = {
  is_ship_contract: false,
  ship_type_id: null,
  quantity: null,
  is_blueprint_copy: null,
  runs: null,
  material_efficiency: null,
  time_efficiency: null,
  contains_additional_items: false,
};

/**
 * A ship contract sells one ship: an item_exchange whose included items hold exactly one item of a
 * ship group, with quantity 1 and not a blueprint copy. Public items have no is_singleton, so
 * quantity and is_included stand in for "one assembled hull offered". Requested (not included)
 * items never make a ship contract; two ships, or one stack of two, are a bundle, not a ship sale.
 */
export function detectShip(
  type: ContractType,
  items: ShipCandidateItem[],
  groupOfType: (typeId: number) => number | undefined,
  shipGroupIds: ReadonlySet<number>,
): ShipFields {
  if (type !== "item_exchange") return NOT_A_SHIP;
  const isShip = (i: ShipCandidateItem) => {
    const group = groupOfType(i.type_id);
    return group !== undefined && shipGroupIds.has(group);
  };
  const ships = items.filter((i) => i.is_included && isShip(i));
  if (ships.length !== 1) return NOT_A_SHIP;
  const [ship] = ships;
  if (ship.quantity !== 1 || ship.is_blueprint_copy) return NOT_A_SHIP;
  return {
    is_ship_contract: true,
    ship_type_id: ship.type_id,
    quantity: ship.quantity,
    is_blueprint_copy: ship.is_blueprint_copy,
    runs: ship.runs ?? null,
    material_efficiency: ship.material_efficiency ?? null,
    time_efficiency: ship.time_efficiency ?? null,
    contains_additional_items: items.length > 1,
  };
}
