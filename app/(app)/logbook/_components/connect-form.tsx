"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type KeyboardEvent } from "react";
import { api, ApiError } from "@/app/_components/api";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { TextField } from "@/app/_components/ui/field";

const TABS = [
  { id: "mp", label: "Mountain Project" },
  { id: "8a", label: "8a.nu" },
] as const;
type Tab = (typeof TABS)[number]["id"];

/**
 * Connect a logbook: a Mountain Project profile URL, or an 8a.nu user name and password. The
 * password field is uncontrolled and cleared after every submit, so it is never refilled.
 */
export function ConnectForm() {
  const router = useRouter();
  const [tab, setTab] = useState<Tab>("mp");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const password = useRef<HTMLInputElement>(null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  function onTabKey(e: KeyboardEvent, index: number) {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const next = (index + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length;
    setTab(TABS[next].id);
    tabRefs.current[next]?.focus();
  }

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const body = tab === "mp" ? { profile_url: String(data.get("profile_url") ?? "") } : { username: String(data.get("username") ?? ""), password: String(data.get("password") ?? "") };
    if (password.current) password.current.value = "";
    setBusy(true);
    setError(null);
    try {
      const accepted = await api<{ job_id: string }>("/api/v1/logbook/connect", { method: "POST", json: body });
      router.push(`/logbook?job=${encodeURIComponent(accepted.job_id)}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "Error", (e as Error).message));
      setBusy(false);
    }
  }

  const fields = error?.fieldErrors() ?? {};
  return (
    <div>
      <div role="tablist" aria-label="Logbook source" className="mb-4 flex gap-2 border-b border-slate-200">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => void (tabRefs.current[i] = el)}
            role="tab"
            type="button"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onKeyDown={(e) => onTabKey(e, i)}
            onClick={() => {
              setTab(t.id);
              setError(null);
            }}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab === t.id ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <form
        role="tabpanel"
        id={`panel-${tab}`}
        aria-labelledby={`tab-${tab}`}
        className="space-y-4"
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(e.currentTarget);
        }}
      >
        {tab === "mp" ? (
          <TextField
            key="mp"
            label="Mountain Project profile URL"
            name="profile_url"
            type="url"
            required
            placeholder="https://www.mountainproject.com/user/123456789/your-name"
            hint="Your public profile; the tick export is read from it. No password needed."
            error={fields.profile_url}
          />
        ) : (
          <>
            <TextField key="8a-user" label="8a.nu user name" name="username" required autoComplete="username" error={fields.username} />
            <TextField
              key="8a-password"
              ref={password}
              label="8a.nu password"
              name="password"
              type="password"
              required
              autoComplete="off"
              hint="Used once to sign in and fetch your ascents; never stored. Refreshing later asks for it again."
              error={fields.password}
            />
          </>
        )}
        {error && Object.keys(fields).length === 0 ? <Alert tone="error" title={error.type}>{error.message}</Alert> : null}
        {error && Object.keys(fields).length > 0 && !fields.profile_url && !fields.username && !fields.password ? (
          <Alert tone="error" title="The request is not valid">{Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join("; ")}</Alert>
        ) : null}
        <Button type="submit" busy={busy} data-testid="logbook-connect">
          {tab === "mp" ? "Connect Mountain Project" : "Connect 8a.nu"}
        </Button>
      </form>
    </div>
  );
}
