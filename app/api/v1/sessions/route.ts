// DELETE /api/v1/sessions – sign out every browser session of the caller (copied cookies included)
import { clearedSessionCookies } from "@/lib/auth/cookies";
import { signOutEverywhereOperation } from "@/lib/auth/operations";
import { signOutEverywhere } from "@/lib/auth/sessions";
import { apiRoute } from "@/lib/api";

export const DELETE = apiRoute(signOutEverywhereOperation, async ({ auth }) => {
  await signOutEverywhere(auth);
  const headers = new Headers();
  for (const cookie of clearedSessionCookies()) headers.append("set-cookie", cookie);
  return new Response(null, { status: 204, headers });
});
