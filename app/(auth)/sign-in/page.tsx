import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getPageAuth } from "@/lib/auth/page-auth";
import { getEnv } from "@/lib/env";
import { safeReturnPath, signInErrorMessage } from "../return-to";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const env = getEnv();
  const returnTo = safeReturnPath(params.callbackUrl, env.appUrl);
  if (await getPageAuth()) redirect(returnTo);
  const code = Array.isArray(params.error) ? params.error[0] : params.error;
  const sso = env.OIDC_ISSUER ? { name: env.OIDC_NAME } : null;
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">
        New to Conveyor?{" "}
        <Link href={`/sign-up${returnTo === "/dashboard" ? "" : `?callbackUrl=${encodeURIComponent(returnTo)}`}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          Create an account
        </Link>
      </p>
      {params.from === "sign-up" ? (
        <p className="mt-3 text-sm text-slate-600">
          Signing you in after sign-up did not work. If this email already had an account, sign in with that account&apos;s password.
        </p>
      ) : null}
      <SignInForm returnTo={returnTo} sso={sso} initialError={signInErrorMessage(code, env.OIDC_NAME)} />
    </>
  );
}
