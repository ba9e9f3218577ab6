// GET /api/v1/api-keys – list keys without secrets; POST – create one and show its secret once
import { apiKeyJson, createApiKey, listApiKeys } from "@/lib/auth/api-keys";
import { createApiKeyOperation, listApiKeysOperation } from "@/lib/auth/operations";
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";

export const GET = apiRoute(listApiKeysOperation, async ({ auth }) => ({
  api_keys: (await listApiKeys(auth)).map(apiKeyJson),
}));

export const POST = apiRoute(createApiKeyOperation, async ({ auth, body }) => {
  const { row, secret } = await createApiKey(auth, body.name);
  return json({ ...apiKeyJson(row), key: secret }, 201, { "cache-control": "no-store" });
});
