import Link from "next/link";
import { buttonClasses } from "@/app/_components/ui/button";

/** notFound() inside the signed-in shell (an unknown or other workspace's job) keeps the navigation. */
export default function AppNotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-indigo-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">
        It may have been deleted, or it belongs to another workspace. Check the workspace switcher, or go back to the dashboard.
      </p>
      <div className="mt-6">
        <Link href="/dashboard" className={buttonClasses("primary")}>
          Go to the dashboard
        </Link>
      </div>
    </div>
  );
}
