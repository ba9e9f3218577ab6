import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert } from "@/app/_components/ui/alert";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requirePageAuth } from "@/lib/auth/page-auth";
import { isAppError } from "@/lib/errors";
import { canSeeRuns, getRunFor } from "@/lib/runs";
import type { AuthContext } from "@/lib/auth/types";
import { RunView } from "../_components/run-view";
import { PAGE_MAX_VALUE_BYTES } from "../_components/types";

export const metadata: Metadata = { title: "Run" };

async function load(auth: AuthContext, id: string) {
  try {
    return await getRunFor(auth, id, { maxValueBytes: PAGE_MAX_VALUE_BYTES });
  } catch (error) {
    // Malformed ids, unknown runs and other workspaces' runs all look the same: not found.
    if (isAppError(error) && (error.status === 404 || error.status === 422)) notFound();
    throw error;
  }
}

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const auth = await requirePageAuth(`/runs/${encodeURIComponent(id)}`);
  if (!canSeeRuns(auth)) {
    return (
      <>
        <PageHeader title="Run" />
        <Alert tone="warning" title="Only workspace owners can see runs" />
      </>
    );
  }
  const run = await load(auth, id);
  return <RunView initialRun={run} showWorkspace={auth.user.isOperator} />;
}
