import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "./_components/ui/button";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-4 py-24 text-center">
      <p className="text-sm font-semibold text-indigo-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">
        It may have been deleted, or it belongs to a workspace you are not using right now. Check the workspace switcher, or go back to the dashboard.
      </p>
      <div className="mt-6">
        <Link href="/dashboard" className={buttonClasses("primary")}>
          Go to the dashboard
        </Link>
      </div>
    </main>
  );
}
