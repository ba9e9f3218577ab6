// POST /api/v1/signup – create an account with email and password, and its personal workspace.
// The answer does not say whether the email already had an account (lib/auth/README.md).
import { signUpOperation } from "@/lib/auth/operations";
import { signUp } from "@/lib/auth/sign-up";
import { getEnv } from "@/lib/env";
import { apiRoute, json } from "@/lib/http";

export const POST = apiRoute(signUpOperation, async ({ body }) => {
  const { email } = await signUp(body);
  return json({ email, sign_in_url: new URL("/sign-in", getEnv().appUrl).toString() }, 202);
});
