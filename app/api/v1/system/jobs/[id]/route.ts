// GET /api/v1/system/jobs/{id} – one system job, for operators
import { apiRoute } from "@/lib/api";
import { getSystemJob, toJobResponse } from "@/lib/jobs";
import { getSystemJobOperation } from "@/lib/jobs/operations";

export const GET = apiRoute(getSystemJobOperation, async ({ auth, params }) => toJobResponse(await getSystemJob(auth, params.id)));
