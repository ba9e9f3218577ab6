"use client";

import { ErrorView } from "./_components/ui/error-view";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="px-4">
      <ErrorView error={error} retry={retry} />
    </main>
  );
}
