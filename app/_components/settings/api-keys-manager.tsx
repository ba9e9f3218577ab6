"use client";

import { useState, type FormEvent } from "react";
import { api, ApiError, errorMessage } from "../api";
import { Icon } from "../shell/icons";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ConfirmButton } from "../ui/confirm-button";
import { EmptyState } from "../ui/empty-state";
import { TextField } from "../ui/field";
import { Card } from "../ui/page-header";
import { DateTime, RelativeTime } from "../ui/time";
import { useToast } from "../ui/toast";
import { NewKeyPanel } from "./new-key-panel";
import type { ApiKeyView } from "./types";

type Props = { initialKeys: ApiKeyView[]; showCreator: boolean };

function CreateKeyForm({ onCreated }: { onCreated: (key: ApiKeyView, secret: string) => void }) {
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { key, ...created } = await api<ApiKeyView & { key: string }>("/api/v1/api-keys", { method: "POST", json: { name } });
      setName("");
      onCreated(created, key);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = error instanceof ApiError ? error.fieldErrors().name : undefined;
  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField
          label="Key name"
          name="name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          placeholder="e.g. CI pipeline"
          hint="Say where the key is used, so you know what breaks when you revoke it."
          maxLength={100}
          required
          error={fieldError}
          className="flex-1"
          autoComplete="off"
        />
        <Button type="submit" busy={busy} className="sm:mt-6">
          Create key
        </Button>
      </div>
      {error && !fieldError ? <Alert tone="error">{errorMessage(error)}</Alert> : null}
    </form>
  );
}

/** Create (secret shown once), list and revoke the caller's API keys. */
export function ApiKeysManager({ initialKeys, showCreator }: Props) {
  const [keys, setKeys] = useState(initialKeys);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const toast = useToast();

  const revoke = async (key: ApiKeyView) => {
    await api(`/api/v1/api-keys/${encodeURIComponent(key.id)}`, { method: "DELETE" });
    setKeys((all) => all.filter((k) => k.id !== key.id));
    toast({ title: `API key “${key.name}” revoked`, description: "Requests using it are refused from now on." });
  };

  return (
    <div className="space-y-6">
      {created ? <NewKeyPanel name={created.name} secret={created.secret} onDone={() => setCreated(null)} /> : null}
      <Card title="Create an API key" description="A key acts for you in this workspace, with your role." id="create-key">
        <CreateKeyForm
          onCreated={(key, secret) => {
            setKeys((all) => [key, ...all]);
            setCreated({ name: key.name, secret });
          }}
        />
      </Card>
      <Card title="Your keys" description={showCreator ? "Every key in this workspace (you are an owner)." : "Keys you created in this workspace."} id="keys">
        {keys.length === 0 ? (
          <EmptyState icon={<Icon name="key" className="size-10" />} title="No API keys yet" description="Create a key to call the Conveyor API from scripts and servers." />
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="API keys">
            {keys.map((key) => (
              <li key={key.id} className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center" data-testid="api-key-row">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium text-slate-900">
                    {key.name}
                    {showCreator ? <span className="font-normal text-slate-600"> · by {key.created_by.name || key.created_by.email}</span> : null}
                  </p>
                  <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
                    <div className="flex gap-1">
                      <dt className="sr-only">Key</dt>
                      <dd>
                        <code className="font-mono text-xs text-slate-700">{key.prefix}…</code>
                      </dd>
                    </div>
                    <div className="flex gap-1">
                      <dt>Created</dt>
                      <dd>
                        <DateTime value={key.created_at} />
                      </dd>
                    </div>
                    <div className="flex gap-1">
                      <dt>Last used</dt>
                      <dd>{key.last_used_at ? <RelativeTime value={key.last_used_at} /> : "never"}</dd>
                    </div>
                  </dl>
                </div>
                <ConfirmButton
                  triggerLabel={`Revoke API key ${key.name}`}
                  title={`Revoke “${key.name}”?`}
                  description="Anything using this key stops working immediately. This cannot be undone."
                  confirmLabel="Revoke key"
                  onConfirm={() => revoke(key)}
                >
                  Revoke
                </ConfirmButton>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
