import { describe, expect, it } from "vitest";
import { detectShip, NOT_A_SHIP, type ShipCandidateItem } from "./ships";

const RIFTER = 587;
const DRAKE = 24698;
const TRITANIUM = 34;
const RIFTER_BLUEPRINT = 691;
const groups = new Map([
  [RIFTER, 25],
  [DRAKE, 419],
  [TRITANIUM, 18],
  [RIFTER_BLUEPRINT, 105],
]);
const shipGroups = new Set([25, 419]);
const item = (type_id: number, over: Partial<ShipCandidateItem> = {}): ShipCandidateItem => ({
  type_id,
  quantity: 1,
  is_included: true,
  is_blueprint_copy: false,
  ...over,
});
const detect = (items: ShipCandidateItem[], type: "item_exchange" | "auction" = "item_exchange") =>
  detectShip(type, items, (t) => groups.get(t), shipGroups);

describe("ship contract detection", () => {
  it("one included ship of quantity 1 is a ship contract", () => {
    expect(detect([item(RIFTER)])).toEqual({ ...NOT_A_SHIP, is_ship_contract: true, ship_type_id: RIFTER, quantity: 1, is_blueprint_copy: false });
  });

  it("a ship with other items is a ship contract with additional items", () => {
    expect(detect([item(RIFTER), item(TRITANIUM, { quantity: 5000 })])).toMatchObject({
      is_ship_contract: true,
      ship_type_id: RIFTER,
      contains_additional_items: true,
    });
  });

  it("a ship with a requested item counts the request as an additional item", () => {
    expect(detect([item(RIFTER), item(TRITANIUM, { is_included: false })])).toMatchObject({ is_ship_contract: true, contains_additional_items: true });
  });

  it("two different ships are not a ship contract", () => {
    expect(detect([item(RIFTER), item(DRAKE)])).toEqual(NOT_A_SHIP);
  });

  it("two of one ship (quantity 2, or two lines) are not a ship contract", () => {
    expect(detect([item(RIFTER, { quantity: 2 })])).toEqual(NOT_A_SHIP);
    expect(detect([item(RIFTER), item(RIFTER)])).toEqual(NOT_A_SHIP);
  });

  it("a requested (not included) ship is not a ship contract", () => {
    expect(detect([item(RIFTER, { is_included: false })])).toEqual(NOT_A_SHIP);
    expect(detect([item(TRITANIUM), item(RIFTER, { is_included: false })])).toEqual(NOT_A_SHIP);
  });

  it("a blueprint of a ship is not a ship contract", () => {
    expect(detect([item(RIFTER_BLUEPRINT, { is_blueprint_copy: true, runs: 10, material_efficiency: 10, time_efficiency: 20 })])).toEqual(NOT_A_SHIP);
    expect(detect([item(RIFTER_BLUEPRINT, { runs: -1 })])).toEqual(NOT_A_SHIP);
  });

  it("an auction of a ship is not a ship contract", () => {
    expect(detect([item(RIFTER)], "auction")).toEqual(NOT_A_SHIP);
  });

  it("an unknown type (no group yet) is not taken for a ship", () => {
    expect(detect([item(999_999)])).toEqual(NOT_A_SHIP);
  });
});
