"use client";

import { useEffect, useState } from "react";
import { api, errorMessage } from "@/app/_components/api";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { type Column, DataTable } from "@/app/_components/ui/data-table";
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
const priceOf = (c: Contract) => (c.type === "courier" ? c.reward : c.price);
const typeLabel = (c: Contract) => c.type.replace("_", " ");
const shipLabel = (c: Contract) => (c.is_ship_contract ? `${c.ship_name ?? c.ship_type_id}${c.contains_additional_items ? " + items" : ""}` : "");
/** EVE's clock is UTC ("EVE time"), which players read contract times in. */
const eveTime = (iso: string) => iso.slice(0, 16).replace("T", " ");

function ContractToggle({ contract, open, toggle }: { contract: Contract; open: number | null; toggle: (id: number) => void }) {
  return (
    <button type="button" className="text-left text-indigo-700 underline" aria-expanded={open === contract.contract_id} onClick={() => toggle(contract.contract_id)}>
      {contract.title || `#${contract.contract_id}`}
    </button>
  );
}

const columns = (open: number | null, toggle: (id: number) => void): Column<Contract>[] => [
  { header: "Contract", cell: (c) => <ContractToggle contract={c} open={open} toggle={toggle} /> },
  { header: "Type", className: "w-32", cell: typeLabel },
  { header: "Ship", cell: shipLabel },
  { header: "Price", className: "w-36 text-right tabular-nums", cell: (c) => formatIsk(priceOf(c)) },
  { header: "Issued", className: "w-36", cell: (c) => eveTime(c.date_issued) },
  { header: "Expires", className: "w-36", cell: (c) => eveTime(c.date_expired) },
];

export function ContractsBrowser({ regions }: { regions: number[] }) {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const [data, setData] = useState<{ items: Contract[]; next_cursor: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const toggle = (id: number) => setOpen(open === id ? null : id);
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
      <DataTable
        rows={data?.items ?? []}
        rowKey={(c) => String(c.contract_id)}
        caption="Contracts"
        breakpoint="md"
        columns={columns(open, toggle)}
        rowAttributes={(c) => ({ "data-contract-id": String(c.contract_id) })}
        card={(c) => (
          <div className="space-y-1 px-1 py-3">
            <div className="flex items-center justify-between gap-2">
              <ContractToggle contract={c} open={open} toggle={toggle} />
              <span className="tabular-nums">{formatIsk(priceOf(c))}</span>
            </div>
            <div className="flex justify-between gap-2 text-xs text-slate-600">
              <span>{typeLabel(c)}</span>
              <span>{shipLabel(c)}</span>
              <span>expires {eveTime(c.date_expired)}</span>
            </div>
          </div>
        )}
      />
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
