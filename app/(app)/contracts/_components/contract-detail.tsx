"use client";

import { useEffect, useState } from "react";
import { api, errorMessage } from "@/app/_components/api";
import type { Contract, ContractItem } from "./types";

/** A contract's items with type names and groups (requested items marked). */
export function ContractDetail({ contractId }: { contractId: number }) {
  const [detail, setDetail] = useState<(Contract & { items: ContractItem[]; items_gone: boolean; items_fetched_at: string | null }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<typeof detail>(`/api/v1/contracts/${contractId}`).then(setDetail, (e) => setError(errorMessage(e)));
  }, [contractId]);
  if (error) return <p className="text-sm text-red-700">{error}</p>;
  if (!detail) return <p className="text-sm text-slate-500">Loading items…</p>;
  return (
    <section aria-label={`Items of contract ${contractId}`} className="mt-3 rounded-md border bg-slate-50 p-3 text-sm">
      <h3 className="mb-2 font-medium">Items of {detail.title || `#${contractId}`}</h3>
      {detail.items_gone && <p>Accepted or expired before its items were read.</p>}
      {!detail.items_gone && detail.items.length === 0 && (
        <p>{detail.items_fetched_at ? "No items." : "Items not fetched yet (couriers and loans have none)."}</p>
      )}
      <ul>
        {detail.items.map((i) => (
          <li key={i.record_id}>
            {i.quantity} × {i.type_name ?? `type ${i.type_id}`}
            {i.group_name ? ` (${i.group_name})` : ""}
            {i.is_blueprint_copy ? `, copy, ${i.runs} runs` : ""}
            {i.is_included ? "" : " — requested"}
          </li>
        ))}
      </ul>
    </section>
  );
}
