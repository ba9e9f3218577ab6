"use client";

import { useState, type FormEvent } from "react";
import { api, ApiError, errorMessage } from "../api";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { SelectField, TextField } from "../ui/field";
import type { InviteResult, Role } from "./types";

/** Invites a person by email; the result carries the link to send them. */
export function InviteForm({ onDone }: { onDone: (result: InviteResult) => void }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await api<InviteResult>("/api/v1/members", { method: "POST", json: { email, role } });
      setEmail("");
      setRole("member");
      onDone(result);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const general = error && !fields.email && !fields.role ? errorMessage(error) : null;
  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField
          label="Email address"
          type="email"
          name="email"
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            setError(null);
          }}
          placeholder="name@example.com"
          autoComplete="off"
          required
          error={fields.email}
          className="flex-1"
        />
        <SelectField label="Role" name="role" value={role} onChange={(e) => setRole(e.target.value as Role)} error={fields.role} className="sm:w-40">
          <option value="member">Member</option>
          <option value="owner">Owner</option>
        </SelectField>
        <Button type="submit" busy={busy} className="sm:mt-6">
          Invite
        </Button>
      </div>
      <p className="text-xs text-slate-600">
        You get a link to send them. They join by opening it, signed in with this email address (or signing up with it); people who sign in with SSO
        join as soon as they do. Members run jobs and manage their own API keys; owners also manage members and the workspace.
      </p>
      {general ? <Alert tone="error">{general}</Alert> : null}
    </form>
  );
}
