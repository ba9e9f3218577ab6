"use client";

import { useRouter } from "next/navigation";
import { Card } from "@/app/_components/ui/page-header";
import type { FormsLimits } from "./types";
import { UploadPanel } from "./upload-panel";

/** The upload box; once the job is queued the page follows it at /forms?job=<id> (a link that survives reloads). */
export function NewForm({ limits }: { limits: FormsLimits }) {
  const router = useRouter();
  return (
    <Card title="Upload a PDF" description="Fields are detected on every page, named from their labels and added as a fillable form.">
      <UploadPanel limits={limits} onQueued={(id) => router.push(`/forms?job=${encodeURIComponent(id)}`)} />
    </Card>
  );
}
