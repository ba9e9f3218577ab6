"use client";

import { useCallback, useEffect, useState } from "react";
import { api, errorMessage } from "@/app/_components/api";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { SelectField } from "@/app/_components/ui/field";
import { Card } from "@/app/_components/ui/page-header";
import { PyramidChart } from "./pyramid-chart";
import { DISCIPLINE_LABEL, type PyramidView, type TickView } from "./types";

type TicksPage = { data: TickView[]; next_cursor: string | null };

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
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="ticks-table">
            <caption className="sr-only">Ticks</caption>
            <thead className="text-xs text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3">Date</th>
                <th scope="col" className="py-1 pr-3">Route</th>
                <th scope="col" className="py-1 pr-3">Grade</th>
                <th scope="col" className="py-1 pr-3">Discipline</th>
                <th scope="col" className="py-1 pr-3">Style</th>
                <th scope="col" className="py-1 pr-3">Send</th>
                <th scope="col" className="py-1 pr-3">Where</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {ticks.map((t) => (
                <tr key={t.id}>
                  <td className="py-1 pr-3 whitespace-nowrap">{t.date ?? "—"}</td>
                  <td className="py-1 pr-3">{t.url ? <a className="underline" href={t.url} rel="noreferrer noopener" target="_blank">{t.route}</a> : t.route}</td>
                  <td className="py-1 pr-3 font-mono">{t.grade ?? t.rating}{t.danger ? ` ${t.danger}` : ""}</td>
                  <td className="py-1 pr-3">{DISCIPLINE_LABEL[t.discipline] ?? t.discipline}</td>
                  <td className="py-1 pr-3">{t.style}</td>
                  <td className="py-1 pr-3">{t.send ? "Yes" : "No"}</td>
                  <td className="py-1 pr-3 text-slate-600">{t.location}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {ticks.length === 0 ? <p className="py-2 text-sm text-slate-600">No ticks match.</p> : null}
        </div>
        {cursor ? (
          <Button variant="secondary" size="sm" className="mt-3" onClick={() => void loadMore(cursor)}>
            Load more
          </Button>
        ) : null}
      </Card>
    </>
  );
}
