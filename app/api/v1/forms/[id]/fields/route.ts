// GET /api/v1/forms/{id}/fields – the detected fields with page sizes and preview URLs
import { getFormsFields } from "@/lib/forms/jobs";
import { getFormFieldsOperation } from "@/lib/forms/operations";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(getFormFieldsOperation, async ({ auth, params }) => getFormsFields(auth.workspace.id, params.id));
