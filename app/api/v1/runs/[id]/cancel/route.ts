// POST /api/v1/runs/{id}/cancel – stop a queued or running run at once
import { apiRoute } from "@/lib/api";
import { cancelRunAs } from "@/lib/runs";
import { cancelRunOperation } from "@/lib/runs/operations";

export const POST = apiRoute(cancelRunOperation, async ({ auth, params }) => cancelRunAs(auth, params.id));
