"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

/**
 * The signed-in layout's answer to a signed-out visitor: off to /sign-in, back here afterwards.
 * (A server layout cannot know the path; pages also redirect themselves via requirePageAuth.)
 */
export function SignInRedirect() {
  const pathname = usePathname();
  const href = `/sign-in?callbackUrl=${encodeURIComponent(pathname || "/dashboard")}`;
  useEffect(() => {
    window.location.replace(`/sign-in?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }, []);
  return (
    <main className="p-8 text-sm text-slate-700">
      <a href={href} className="text-indigo-700 underline">
        Sign in to continue
      </a>
    </main>
  );
}
