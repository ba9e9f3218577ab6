"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api, ApiError } from "@/app/_components/api";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { TextField } from "@/app/_components/ui/field";

type Props = { returnTo: string; inviteOnly: boolean; passwordMin: number; passwordMax: number };

function waitText(seconds: number | undefined): string {
  if (!seconds || seconds < 90) return "a minute";
  return `${Math.ceil(seconds / 60)} minutes`;
}

export function SignUpForm({ returnTo, inviteOnly, passwordMin, passwordMax }: Props) {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "").trim();
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setError(undefined);
    setFieldErrors({});
    try {
      await api("/api/v1/signup", { method: "POST", json: { email, password, ...(name ? { name } : {}) } });
    } catch (e) {
      setBusy(false);
      if (!(e instanceof ApiError)) return setError("Something went wrong; try again.");
      if (e.status === 422) return setFieldErrors(e.fieldErrors());
      if (e.status === 429) {
        const details = e.details as { retry_after_seconds?: number } | undefined;
        return setError(`Too many accounts were created from your network. Try again in ${waitText(details?.retry_after_seconds)}.`);
      }
      return setError(e.message);
    }
    const result = await signIn("credentials", { redirect: false, email, password, callbackUrl: returnTo }).catch(() => undefined);
    if (!result || result.error) {
      // Sign-up never says whether the email had an account (so strangers cannot probe emails);
      // if it had one, its own password signs in on the sign-in page.
      router.replace(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}&from=sign-up`);
      return;
    }
    router.replace(returnTo);
  }

  return (
    <div className="mt-6 space-y-6">
      {inviteOnly ? (
        <Alert tone="info">Sign-up is by invitation on this instance: use the email address you were invited with.</Alert>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <form onSubmit={onSubmit} className="space-y-4">
        <TextField label="Name" name="name" autoComplete="name" maxLength={100} error={fieldErrors.name} hint="Optional; shown to people in your workspaces." />
        <TextField label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={passwordMin}
          maxLength={passwordMax}
          error={fieldErrors.password}
          hint={`At least ${passwordMin} characters, hard to guess, not your email or name. A passphrase of four unrelated words works well.`}
        />
        <Button type="submit" className="w-full" busy={busy}>
          Create account
        </Button>
      </form>
    </div>
  );
}
