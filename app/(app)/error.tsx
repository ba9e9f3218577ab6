"use client";

import { ErrorView } from "@/app/_components/ui/error-view";

/** Keeps the navigation around when a signed-in page fails. */
export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorView error={error} retry={retry} />;
}
