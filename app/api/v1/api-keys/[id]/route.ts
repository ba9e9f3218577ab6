// DELETE /api/v1/api-keys/{id} – revoke a key; the next request with it gets 401
import { deleteApiKey } from "@/lib/auth/api-keys";
import { deleteApiKeyOperation } from "@/lib/auth/operations";
import { apiRoute } from "@/lib/api";
import { noContent } from "@/lib/http";

export const DELETE = apiRoute(deleteApiKeyOperation, async ({ auth, params }) => {
  await deleteApiKey(auth, params.id);
  return noContent();
});
