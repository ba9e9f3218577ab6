import type { DocOperation } from "@/lib/openapi/docs-model";
import { InlineText } from "./inline-text";
import { SchemaTable } from "./schema-table";

const METHOD_STYLE: Record<string, string> = {
  GET: "bg-sky-100 text-sky-800",
  POST: "bg-emerald-100 text-emerald-800",
  PUT: "bg-amber-100 text-amber-800",
  PATCH: "bg-amber-100 text-amber-800",
  DELETE: "bg-rose-100 text-rose-800",
};

const AUTH_TEXT: Record<DocOperation["auth"], string> = {
  required: "API key (X-API-Key or Authorization: Bearer) or a signed-in session",
  optional: "Works without credentials; uses them when present",
  none: "Public: no credentials needed",
};

export function MethodBadge({ method }: { method: string }) {
  return (
    <span className={`inline-block w-16 rounded px-2 py-0.5 text-center font-mono text-xs font-semibold ${METHOD_STYLE[method] ?? "bg-slate-100"}`}>
      {method}
    </span>
  );
}

function statusColor(status: string): string {
  return status.startsWith("2") ? "text-emerald-700" : status.startsWith("4") ? "text-amber-700" : "text-rose-700";
}

export function OperationCard({ op }: { op: DocOperation }) {
  return (
    <article id={op.id} className="scroll-mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <header className="flex flex-wrap items-center gap-3">
        <MethodBadge method={op.method} />
        <code className="font-mono text-sm font-semibold break-all text-slate-900">{op.path}</code>
        <a href={`#${op.id}`} className="ml-auto text-xs text-slate-400 hover:text-indigo-600" aria-label={`Link to ${op.summary}`}>
          #{op.id}
        </a>
      </header>
      <h3 className="mt-3 text-lg font-semibold text-slate-900">{op.summary}</h3>
      {op.description && (
        <p className="mt-1 text-sm text-slate-600">
          <InlineText text={op.description} />
        </p>
      )}
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="font-medium text-slate-500">Auth</dt>
        <dd className="text-slate-700">{AUTH_TEXT[op.auth]}</dd>
        {op.permission && (
          <>
            <dt className="font-medium text-slate-500">Permission</dt>
            <dd className="font-mono text-xs leading-5 text-slate-700">{op.permission}</dd>
          </>
        )}
      </dl>

      {op.parameters.length > 0 && (
        <section className="mt-4 space-y-2">
          <h4 className="text-sm font-semibold text-slate-800">Parameters</h4>
          <SchemaTable rows={op.parameters} caption={`Parameters of ${op.summary}`} showIn />
        </section>
      )}

      {op.body && (
        <section className="mt-4 space-y-2">
          <h4 className="text-sm font-semibold text-slate-800">
            Request body <span className="font-mono text-xs font-normal text-slate-500">{op.body.contentType}</span>
          </h4>
          {op.body.description && (
            <p className="text-sm text-slate-600">
              <InlineText text={op.body.description} />
            </p>
          )}
          <SchemaTable rows={op.body.rows} caption={`Request body of ${op.summary}`} />
        </section>
      )}

      <section className="mt-4 space-y-2">
        <h4 className="text-sm font-semibold text-slate-800">Responses</h4>
        <ul className="space-y-3">
          {op.responses.map((r) => (
            <li key={r.status}>
              <p className="text-sm">
                <span className={`font-mono font-semibold ${statusColor(r.status)}`}>{r.status}</span>{" "}
                <span className="text-slate-700">
                  <InlineText text={r.description} />
                </span>
                {r.schemaName === "Error" ? (
                  <a href="#errors" className="ml-2 font-mono text-xs text-slate-500 hover:text-indigo-600">
                    Error
                  </a>
                ) : (
                  r.schemaName && <span className="ml-2 font-mono text-xs text-slate-500">{r.schemaName}</span>
                )}
                {r.contentType && !r.contentType.includes("json") && <span className="ml-2 font-mono text-xs text-slate-500">{r.contentType}</span>}
              </p>
              {r.rows.length > 0 && (
                <div className="mt-2">
                  <SchemaTable rows={r.rows} caption={`${r.status} response of ${op.summary}`} />
                </div>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section className="mt-4 space-y-2">
        <h4 className="text-sm font-semibold text-slate-800">Example</h4>
        <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">
          <code>{op.curl}</code>
        </pre>
      </section>
    </article>
  );
}
