import type { Metadata } from "next";
import { Alert } from "@/app/_components/ui/alert";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requirePageAuth } from "@/lib/auth/page-auth";
import { canSeeRuns, listFunctionsFor, listRunsFor } from "@/lib/runs";
import type { AuthContext } from "@/lib/auth/types";
import { filtersToApiQuery, PAGE_SIZE, parseFilters, type RunFilters } from "./_components/filters";
import { RunsBrowser } from "./_components/runs-browser";
import { inngest } from "@/inngest/client";

export const metadata: Metadata = { title: "Runs" };

/** Relative ranges ("last hour") end now, at request time. */
function firstPage(auth: AuthContext, filters: RunFilters) {
  return listRunsFor(auth, { ...filtersToApiQuery(filters, Date.now()), limit: PAGE_SIZE });
}

export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const auth = await requirePageAuth("/runs");
  if (!canSeeRuns(auth)) {
    return (
      <>
        <PageHeader title="Runs" />
        <Alert tone="warning" title="Only workspace owners can see runs">
          Runs hold the data each step returned. Ask an owner of {auth.workspace.name} if you need to look at one.
        </Alert>
      </>
    );
  }
  const filters = parseFilters(await searchParams);
  const [functions, page] = await Promise.all([listFunctionsFor(auth, inngest.id), firstPage(auth, filters)]);
  return (
    <>
      <PageHeader
        title="Runs"
        description={
          auth.user.isOperator
            ? "Every run of every app on this instance (you are an operator). Active runs update live."
            : `Runs of durable functions started for ${auth.workspace.name}. Active runs update live.`
        }
      />
      <RunsBrowser initialFilters={filters} initialPage={page} functions={functions} showWorkspace={auth.user.isOperator} />
    </>
  );
}
