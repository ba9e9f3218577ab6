import type { z } from "zod";
import type { contractItemViewSchema, ContractView } from "@/lib/contracts/schemas";

/** The API's contract shapes as the page reads them: the server's zod schemas' types, imported as types only. */
export type Contract = ContractView;
export type ContractItem = z.infer<typeof contractItemViewSchema>;

export function formatIsk(value: number | null): string {
  return value === null ? "" : `${value.toLocaleString("en-US", { maximumFractionDigits: 2 })} ISK`;
}
