"use client";

import { useEffect, useState } from "react";
import { api, errorMessage } from "@/app/_components/api";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { SelectField, TextField } from "@/app/_components/ui/field";
import { Card } from "@/app/_components/ui/page-header";
import { ContractDetail } from "./contract-detail";
import { formatIsk, type Contract } from "./types";

type Filters = { region_id: string; type: string; ships: boolean; ship_type_id: string; min_price: string; max_price: string; sort: string };
const EMPTY: Filters = { region_id: "", type: "", ships: false, ship_type_id: "", min_price: "", max_price: "", sort: "-date_issued" };

function query(f: Filters, cursor?: string): string {
  const q = new URLSearchParams({ sort: f.sort, limit: "25" });
  if (f.region_id) q.set("region_id", f.region_id);
  if (f.type) q.set("type", f.type);
  if (f.ships) q.set("is_ship_contract", "true");
  if (f.ship_type_id) q.set("ship_type_id", f.ship_type_id);
  if (f.min_price) q.set("min_price", f.min_price);
  if (f.max_price) q.set("max_price", f.max_price);
  if (cursor) q.set("cursor", cursor);
  return q.toString();
}

/** Filters, sorting and cursor pagination over /api/v1/contracts; a row opens its items. */
export function ContractsBrowser({ regions }: { regions: number[] }) {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const [data, setData] = useState<{ items: Contract[]; next_cursor: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const cursor = pages.at(-1);

  useEffect(() => {
    let current = true;
    api<{ items: Contract[]; next_cursor: string | null }>(`/api/v1/contracts?${query(applied, cursor)}`).then(
      (page) => {
        if (!current) return;
        setError(null);
        setData(page);
      },
      (e) => current && setError(errorMessage(e)),
    );
    return () => {
      current = false;
    };
  }, [applied, cursor]);

  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setFilters({ ...filters, [k]: e.target.value });
  return (
    <Card title="Browse">
      <form
        className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(filters);
          setPages([undefined]);
        }}
      >
        <SelectField label="Region" value={filters.region_id} onChange={set("region_id")}>
          <option value="">All regions</option>
          {regions.map((r) => (
            <option key={r} value={r}>{r}</option>
          ))}
        </SelectField>
        <SelectField label="Type" value={filters.type} onChange={set("type")}>
          <option value="">All types</option>
          {["item_exchange", "auction", "courier", "loan", "unknown"].map((t) => (
            <option key={t} value={t}>{t.replace("_", " ")}</option>
          ))}
        </SelectField>
        <TextField label="Ship type id" inputMode="numeric" value={filters.ship_type_id} onChange={set("ship_type_id")} />
        <SelectField label="Sort" value={filters.sort} onChange={set("sort")}>
          <option value="-date_issued">Newest first</option>
          <option value="date_issued">Oldest first</option>
          <option value="price">Price, low to high</option>
          <option value="-price">Price, high to low</option>
          <option value="date_expired">Expiring soonest</option>
        </SelectField>
        <TextField label="Min price (ISK)" inputMode="decimal" value={filters.min_price} onChange={set("min_price")} />
        <TextField label="Max price (ISK)" inputMode="decimal" value={filters.max_price} onChange={set("max_price")} />
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" checked={filters.ships} onChange={(e) => setFilters({ ...filters, ships: e.target.checked })} />
          Ships only
        </label>
        <div className="self-end">
          <Button type="submit">Apply</Button>
        </div>
      </form>
      {error && <Alert tone="error" title="Could not load contracts">{error}</Alert>}
      <table className="w-full text-left text-sm" aria-label="Contracts">
        <thead className="text-slate-500">
          <tr>
            <th className="py-2">Contract</th>
            <th>Type</th>
            <th>Ship</th>
            <th className="text-right">Price</th>
            <th>Issued</th>
            <th>Expires</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((c) => (
            <tr key={c.contract_id} className="cursor-pointer border-t hover:bg-slate-50" onClick={() => setOpen(open === c.contract_id ? null : c.contract_id)}>
              <td className="py-2">
                <button type="button" className="text-indigo-700 underline">{c.title || `#${c.contract_id}`}</button>
              </td>
              <td>{c.type.replace("_", " ")}</td>
              <td>{c.is_ship_contract ? `${c.ship_name ?? c.ship_type_id}${c.contains_additional_items ? " + items" : ""}` : ""}</td>
              <td className="text-right tabular-nums">{formatIsk(c.type === "courier" ? c.reward : c.price)}</td>
              <td>{c.date_issued.slice(0, 16).replace("T", " ")}</td>
              <td>{c.date_expired.slice(0, 16).replace("T", " ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && data.items.length === 0 && <p className="py-6 text-center text-sm text-slate-500">No contracts match.</p>}
      {open !== null && <ContractDetail contractId={open} />}
      <div className="mt-3 flex gap-2">
        <Button variant="secondary" size="sm" disabled={pages.length <= 1} onClick={() => setPages(pages.slice(0, -1))}>
          Previous
        </Button>
        <Button variant="secondary" size="sm" disabled={!data?.next_cursor} onClick={() => data?.next_cursor && setPages([...pages, data.next_cursor])}>
          Next
        </Button>
      </div>
    </Card>
  );
}
