import type { Metadata } from "next";
import { getEnv } from "@/lib/env";
import { buildDocsModel } from "@/lib/openapi/docs-model";
import { getOpenApiDocument } from "@/lib/openapi/document";
import { MethodBadge, OperationCard } from "./_components/operation-card";

export const metadata: Metadata = { title: "API reference", description: "The Conveyor REST API" };

// The base URL in the examples is this deployment's APP_URL, read at request time.
export const dynamic = "force-dynamic";

const ERROR_EXAMPLE = `{
  "error": {
    "type": "ValidationError",
    "message": "Invalid query",
    "details": [{ "path": "query.limit", "message": "Too big: expected number to be <=100", "code": "too_big" }]
  },
  "request_id": "3f1c9a2e-8d4b-4f5e-9a61-0c2b7d1e4a55"
}`;

export default function ApiDocsPage() {
  const baseUrl = getEnv().appUrl;
  const sections = buildDocsModel(getOpenApiDocument(), baseUrl);
  return (
    <div className="mx-auto flex max-w-7xl gap-8 px-4 py-8 lg:px-8">
      <nav aria-label="API operations" className="sticky top-8 hidden max-h-[calc(100vh-4rem)] w-72 shrink-0 overflow-y-auto lg:block">
        <a href="#overview" className="text-sm font-semibold text-slate-900 hover:text-indigo-600">Overview</a>
        {sections.map((s) => (
          <div key={s.tag} className="mt-5">
            <a href={`#tag-${s.tag}`} className="text-xs font-semibold tracking-wide text-slate-500 uppercase hover:text-indigo-600">{s.tag}</a>
            <ul className="mt-2 space-y-1">
              {s.operations.map((op) => (
                <li key={op.id}>
                  <a href={`#${op.id}`} className="flex items-center gap-2 rounded px-1 py-0.5 text-sm text-slate-700 hover:bg-slate-100">
                    <MethodBadge method={op.method} />
                    <span className="truncate">{op.summary}</span>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>

      <main className="min-w-0 flex-1 space-y-10">
        <section id="overview" className="space-y-4">
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">Conveyor API reference</h1>
          <p className="text-slate-600">
            Start background jobs, follow their progress and download their results. Every endpoint below is also described
            by the machine-readable <a className="text-indigo-700 underline" href="/api/v1/openapi.json">OpenAPI 3.1 document</a>.
          </p>
          <div className="grid gap-4 md:grid-cols-2">
            <div className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="font-semibold text-slate-900">Authentication</h2>
              <p className="mt-1 text-sm text-slate-600">
                Create an API key in your workspace settings and send it as <code className="font-mono">X-API-Key</code> or{" "}
                <code className="font-mono">Authorization: Bearer</code>. A key acts for its workspace; resources of other
                workspaces answer 404.
              </p>
              <pre className="mt-3 overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">
                <code>{`export CONVEYOR_API_KEY=cvk_...\ncurl -H "X-API-Key: $CONVEYOR_API_KEY" "${baseUrl}/api/v1/jobs"`}</code>
              </pre>
            </div>
            <div className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="font-semibold text-slate-900">Pagination</h2>
              <p className="mt-1 text-sm text-slate-600">
                Lists return <code className="font-mono">next_cursor</code>; pass it back as <code className="font-mono">cursor</code>{" "}
                until it is <code className="font-mono">null</code>. Pages stay stable while new items are created.
              </p>
            </div>
          </div>
          <div id="errors" className="scroll-mt-6 rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="font-semibold text-slate-900">Errors</h2>
            <p className="mt-1 text-sm text-slate-600">
              Every error has the same shape. <code className="font-mono">type</code> is stable for programs,{" "}
              <code className="font-mono">message</code> is for people, validation errors list each invalid field in{" "}
              <code className="font-mono">details</code>, and <code className="font-mono">request_id</code> (also the{" "}
              <code className="font-mono">X-Request-Id</code> header) identifies the request in our logs. Status codes: 400
              malformed body, 401 no credentials, 403 role not allowed, 404 not found, 409 conflicting state, 413 too large,
              415 wrong content type, 422 invalid input, 429 rate limited (see <code className="font-mono">Retry-After</code>).
            </p>
            <pre className="mt-3 overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">
              <code>{ERROR_EXAMPLE}</code>
            </pre>
          </div>
        </section>

        {sections.map((s) => (
          <section key={s.tag} id={`tag-${s.tag}`} className="scroll-mt-6 space-y-4">
            <h2 className="border-b border-slate-200 pb-2 text-2xl font-semibold text-slate-900">{s.tag}</h2>
            {s.operations.map((op) => (
              <OperationCard key={op.id} op={op} />
            ))}
          </section>
        ))}
      </main>
    </div>
  );
}
