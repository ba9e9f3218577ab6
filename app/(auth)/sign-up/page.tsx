import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getPageAuth } from "@/lib/auth/page-auth";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/schemas";
import { getEnv } from "@/lib/env";
import { safeReturnPath } from "../return-to";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  const params = await searchParams;
  const env = getEnv();
  const returnTo = safeReturnPath(params.callbackUrl, env.appUrl);
  if (await getPageAuth()) redirect(returnTo);
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Create an account</h1>
      <p className="mt-1 text-sm text-slate-600">
        Already have one?{" "}
        <Link href={`/sign-in${returnTo === "/dashboard" ? "" : `?callbackUrl=${encodeURIComponent(returnTo)}`}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          Sign in
        </Link>
      </p>
      <SignUpForm returnTo={returnTo} inviteOnly={!env.SIGNUP_ENABLED} passwordMin={PASSWORD_MIN} passwordMax={PASSWORD_MAX} />
    </>
  );
}
