// GET /api/v1/forms/{id}/fields – the detected fields with page sizes and preview URLs
// PUT /api/v1/forms/{id}/fields – an edited field list; the PDF is rebuilt from it
import { sendEvent } from "@/inngest/send";
import { editFormsFields, getFormsFields } from "@/lib/forms/jobs";
import { editFormFieldsOperation, getFormFieldsOperation } from "@/lib/forms/operations";
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";

export const GET = apiRoute(getFormFieldsOperation, async ({ auth, params }) => getFormsFields(auth.workspace.id, params.id));

export const PUT = apiRoute(editFormFieldsOperation, async ({ auth, params, body }) => {
  const editor = { workspaceId: auth.workspace.id, userId: auth.user.id, name: auth.user.name, email: auth.user.email };
  return json(await editFormsFields(editor, params.id, body, sendEvent), 202);
});
