import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { resolveSession } from "./resolve-session";
import type { AuthContext } from "./types";

async function cookieHeader(): Promise<string> {
  const jar = await cookies();
  return jar
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join("; ");
}

/** The signed-in user in a server component, page or server action; null when signed out. */
export async function getPageAuth(): Promise<AuthContext | null> {
  return resolveSession(await cookieHeader());
}

/** Like getPageAuth, but sends signed-out visitors to /sign-in and back to `returnTo` after. */
export async function requirePageAuth(returnTo = "/dashboard"): Promise<AuthContext> {
  const auth = await getPageAuth();
  if (!auth) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return auth;
}
