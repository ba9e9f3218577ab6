"use client";

import { useCallback, useEffect, useState } from "react";
import { api, errorMessage } from "@/app/_components/api";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { type Column, DataTable } from "@/app/_components/ui/data-table";
import { SelectField } from "@/app/_components/ui/field";
import { Card } from "@/app/_components/ui/page-header";
import { PyramidChart } from "./pyramid-chart";
import { DISCIPLINE_LABEL, type PyramidView, type TickView } from "./types";

type TicksPage = { data: TickView[]; next_cursor: string | null };

function TickRoute({ tick }: { tick: TickView }) {
  return tick.url ? (
    <a className="underline" href={tick.url} rel="noreferrer noopener" target="_blank">
      {tick.route}
    </a>
  ) : (
    <span>{tick.route}</span>
  );
}

function TickGrade({ tick }: { tick: TickView }) {
  return (
    <span className="font-mono">
      {tick.grade ?? tick.rating}
      {tick.danger ? ` ${tick.danger}` : ""}
    </span>
  );
}

const TICK_COLUMNS: Column<TickView>[] = [
  { header: "Date", className: "w-28 whitespace-nowrap", cell: (t) => t.date ?? "—" },
  { header: "Route", cell: (t) => <TickRoute tick={t} /> },
  { header: "Grade", className: "w-24", cell: (t) => <TickGrade tick={t} /> },
  { header: "Discipline", className: "w-28", cell: (t) => DISCIPLINE_LABEL[t.discipline] ?? t.discipline },
  { header: "Style", className: "w-24", cell: (t) => t.style },
  { header: "Send", className: "w-16", cell: (t) => (t.send ? "Yes" : "No") },
  { header: "Where", cell: (t) => <span className="text-slate-600">{t.location}</span> },
];

/** The pyramids and the ticks table (filters, load more) of one source, or of every source. */
export function LogbookData({ sourceId }: { sourceId?: string }) {
  const [pyramids, setPyramids] = useState<PyramidView[] | null>(null);
  const [ticks, setTicks] = useState<TickView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [discipline, setDiscipline] = useState("");
  const [send, setSend] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const q = sourceId ? `?source_id=${encodeURIComponent(sourceId)}` : "";
    api<{ disciplines: PyramidView[] }>(`/api/v1/logbook/pyramid${q}`).then((r) => setPyramids(r.disciplines), (e) => setError(errorMessage(e)));
  }, [sourceId]);

  const urlFor = useCallback(
    (after: string | null) => {
      const params = new URLSearchParams({ limit: "50" });
      if (sourceId) params.set("source_id", sourceId);
      if (discipline) params.set("discipline", discipline);
      if (send) params.set("send", send);
      if (after) params.set("cursor", after);
      return `/api/v1/logbook/ticks?${params}`;
    },
    [sourceId, discipline, send],
  );
  useEffect(() => {
    const controller = new AbortController();
    api<TicksPage>(urlFor(null), { signal: controller.signal }).then(
      (page) => {
        setTicks(page.data);
        setCursor(page.next_cursor);
      },
      (e) => {
        if ((e as Error).name !== "AbortError") setError(errorMessage(e));
      },
    );
    return () => controller.abort();
  }, [urlFor]);
  const loadMore = (after: string) =>
    api<TicksPage>(urlFor(after)).then(
      (page) => {
        setTicks((prev) => [...prev, ...page.data]);
        setCursor(page.next_cursor);
      },
      (e) => setError(errorMessage(e)),
    );

  return (
    <>
      {error ? <Alert tone="error" title="Could not load the logbook">{error}</Alert> : null}
      <Card title="Performance pyramids" description="Clean sends per grade from your hardest send down; other ticks (attempts, top-rope, follows) lighter." id="pyramids">
        {pyramids === null ? (
          <p className="text-sm text-slate-600">Loading…</p>
        ) : pyramids.length === 0 ? (
          <p className="text-sm text-slate-600">No graded ticks yet.</p>
        ) : (
          <div className="grid gap-4 md:grid-cols-2">
            {pyramids.map((p) => (
              <PyramidChart key={`${p.source_id}-${p.discipline}`} pyramid={p} />
            ))}
          </div>
        )}
      </Card>
      <Card title="Ticks" id="ticks">
        <div className="mb-3 flex flex-wrap gap-4">
          <SelectField label="Discipline" value={discipline} onChange={(e) => setDiscipline(e.target.value)}>
            <option value="">All</option>
            {Object.entries(DISCIPLINE_LABEL).map(([id, label]) => (
              <option key={id} value={id}>{label}</option>
            ))}
          </SelectField>
          <SelectField label="Outcome" value={send} onChange={(e) => setSend(e.target.value)}>
            <option value="">All ticks</option>
            <option value="true">Clean sends</option>
            <option value="false">Not sends</option>
          </SelectField>
        </div>
        <DataTable
          rows={ticks}
          rowKey={(t) => t.id}
          caption="Ticks"
          breakpoint="md"
          testId="ticks-table"
          columns={TICK_COLUMNS}
          card={(t) => (
            <div className="space-y-1 px-1 py-2">
              <div className="flex items-baseline justify-between gap-2">
                <TickRoute tick={t} />
                <TickGrade tick={t} />
              </div>
              <div className="flex flex-wrap justify-between gap-x-3 text-xs text-slate-600">
                <span>{t.date ?? "—"}</span>
                <span>{DISCIPLINE_LABEL[t.discipline] ?? t.discipline}</span>
                <span>{t.style}</span>
                <span>{t.send ? "Send" : "Not a send"}</span>
              </div>
              {t.location ? <div className="text-xs text-slate-500">{t.location}</div> : null}
            </div>
          )}
        />
        {ticks.length === 0 ? <p className="py-2 text-sm text-slate-600">No ticks match.</p> : null}
        {cursor ? (
          <Button variant="secondary" size="sm" className="mt-3" onClick={() => void loadMore(cursor)}>
            Load more
          </Button>
        ) : null}
      </Card>
    </>
  );
}
