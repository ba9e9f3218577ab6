"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { TextField } from "@/app/_components/ui/field";
import { signInErrorMessage } from "../return-to";

type Props = { returnTo: string; sso: { name: string } | null; initialError?: string };

export function SignInForm({ returnTo, sso, initialError }: Props) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState<"password" | "sso" | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy("password");
    setError(undefined);
    try {
      const result = await signIn("credentials", {
        redirect: false,
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        callbackUrl: returnTo,
      });
      if (!result || result.error) {
        setError(signInErrorMessage(result?.error ?? "Callback", sso?.name ?? "SSO"));
        setBusy(null);
        return;
      }
      // Pages are dynamic, so they render with the new session cookie.
      router.replace(returnTo);
    } catch {
      setError("Could not reach the server; check your connection and try again.");
      setBusy(null);
    }
  }

  return (
    <div className="mt-6 space-y-6">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <form onSubmit={onSubmit} className="space-y-4" noValidate={false}>
        <TextField label="Email" name="email" type="email" autoComplete="email" required autoFocus />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        <Button type="submit" className="w-full" busy={busy === "password"} disabled={busy !== null}>
          Sign in
        </Button>
      </form>
      {sso ? (
        <>
          <div className="flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
            <span className="h-px flex-1 bg-slate-200" />
            or
            <span className="h-px flex-1 bg-slate-200" />
          </div>
          <Button
            variant="secondary"
            className="w-full"
            busy={busy === "sso"}
            disabled={busy !== null}
            onClick={() => {
              setBusy("sso");
              setError(undefined);
              void signIn("oidc", { callbackUrl: returnTo });
            }}
          >
            Sign in with {sso.name}
          </Button>
        </>
      ) : null}
    </div>
  );
}
