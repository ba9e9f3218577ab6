/** The API's contract shapes as the page reads them (lib/contracts/schemas.ts is server-side). */
export type Contract = {
  contract_id: number;
  region_id: number;
  type: string;
  price: number | null;
  reward: number | null;
  title: string | null;
  date_issued: string;
  date_expired: string;
  is_ship_contract: boolean;
  ship_type_id: number | null;
  ship_name: string | null;
  contains_additional_items: boolean;
  status: string;
};

export type ContractItem = {
  record_id: number;
  type_id: number;
  type_name: string | null;
  group_name: string | null;
  quantity: number;
  is_included: boolean;
  is_blueprint_copy: boolean;
  runs: number | null;
};

export function formatIsk(value: number | null): string {
  return value === null ? "" : `${value.toLocaleString("en-US", { maximumFractionDigits: 2 })} ISK`;
}
