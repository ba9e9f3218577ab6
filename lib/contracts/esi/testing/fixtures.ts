/**
 * A small slice of EVE's universe and contracts for tests, shaped as ESI serves them (false flags
 * absent, public items without is_singleton). Ids are the real ones.
 */
export const TYPES = {
  rifter: { type_id: 587, name: "Rifter", group_id: 25, published: true, description: "A Minmatar frigate." },
  drake: { type_id: 24698, name: "Drake", group_id: 419, published: true, description: "A Caldari battlecruiser." },
  tritanium: { type_id: 34, name: "Tritanium", group_id: 18, published: true, description: "A mineral." },
  rifterBlueprint: { type_id: 691, name: "Rifter Blueprint", group_id: 105, published: true, description: "Blueprint." },
} as const;

export const GROUPS = {
  frigate: { group_id: 25, name: "Frigate", category_id: 6, published: true, types: [587] },
  combatBattlecruiser: { group_id: 419, name: "Combat Battlecruiser", category_id: 6, published: true, types: [24698] },
  mineral: { group_id: 18, name: "Mineral", category_id: 4, published: true, types: [34] },
  frigateBlueprint: { group_id: 105, name: "Frigate Blueprint", category_id: 9, published: true, types: [691] },
} as const;

export const SHIP_CATEGORY = { category_id: 6, name: "Ship", published: true, groups: [25, 419] };

let nextId = 200_000_000;

/** A public contract as ESI lists it; `type` item_exchange unless overridden. */
export function contract(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = nextId++;
  return {
    contract_id: id,
    issuer_id: 90_000_001,
    issuer_corporation_id: 98_000_001,
    type: "item_exchange",
    date_issued: "2026-12-01T10:00:00Z",
    date_expired: "2026-12-29T10:00:00Z",
    price: 1_500_000,
    volume: 2500,
    start_location_id: 60003760,
    end_location_id: 60003760,
    title: "",
    ...overrides,
  };
}

let nextRecord = 1_000_000_000;

/** A public contract item (no is_singleton: ESI's public items do not carry it). */
export function item(typeId: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { record_id: nextRecord++, type_id: typeId, quantity: 1, is_included: true, item_id: nextRecord + 5e9, ...overrides };
}

/** The stand-in's universe maps filled with the fixtures. */
export function universe() {
  return {
    types: new Map<number, unknown>(Object.values(TYPES).map((t) => [t.type_id, t])),
    groups: new Map<number, unknown>(Object.values(GROUPS).map((g) => [g.group_id, g])),
    categories: new Map<number, unknown>([[6, SHIP_CATEGORY]]),
  };
}

/** A region of n courier/item-exchange/auction contracts for the bench (no items needed). */
export function bigRegion(n: number, firstId = 300_000_000): Record<string, unknown>[] {
  const kinds = ["item_exchange", "auction", "courier", "item_exchange", "loan"];
  return Array.from({ length: n }, (_, i) => ({
    contract_id: firstId + i,
    issuer_id: 90_000_000 + (i % 5000),
    issuer_corporation_id: 98_000_000 + (i % 700),
    type: kinds[i % kinds.length],
    date_issued: new Date(Date.UTC(2026, 11, 1) + i * 1000).toISOString(),
    date_expired: new Date(Date.UTC(2026, 11, 29) + i * 1000).toISOString(),
    price: (i % 1000) * 10_000 + 0.5,
    ...(i % 5 === 1 ? { buyout: (i % 1000) * 20_000 } : {}),
    ...(i % 5 === 2 ? { reward: 1_000_000, collateral: 50_000_000, days_to_complete: 3, end_location_id: 60008494 } : {}),
    volume: (i % 300) + 0.01,
    start_location_id: 60003760,
    title: i % 7 === 0 ? `Contract ${i}` : "",
    ...(i % 11 === 0 ? { for_corporation: true } : {}),
  }));
}
