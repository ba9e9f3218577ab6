import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requirePageAuth } from "@/lib/auth/page-auth";
import { listConfigurations, listDocuments } from "@/lib/documents";
import { documentsConfig } from "@/lib/documents/settings";
import { DocumentsPanel } from "./_components/documents-panel";

export const metadata: Metadata = { title: "Documents" };

export default async function DocumentsPage({ searchParams }: { searchParams: Promise<{ job?: string }> }) {
  const auth = await requirePageAuth("/documents");
  const [documents, configurations, { job }] = await Promise.all([
    listDocuments(auth.workspace.id, { limit: 50 }),
    listConfigurations(auth.workspace.id, { limit: 100 }),
    searchParams,
  ]);
  return (
    <>
      <PageHeader title="Documents" description="Upload PDFs, CSV or XLSX files, extract their tables with a configuration, and download them as CSV or XLSX." />
      <DocumentsPanel
        initialDocuments={documents.items}
        initialConfigurations={configurations.items}
        maxBytes={documentsConfig().maxBytes}
        initialJobId={typeof job === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(job) ? job : null}
      />
    </>
  );
}
