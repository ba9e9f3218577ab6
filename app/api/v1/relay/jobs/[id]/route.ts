// GET /api/v1/relay/jobs/{id} – a relay job's log
import { apiRoute } from "@/lib/api";
import { getRelayJob } from "@/lib/relay";
import { getRelayJobOperation } from "@/lib/relay/operations";

export const GET = apiRoute(getRelayJobOperation, async ({ auth, params }) => getRelayJob(auth.workspace.id, params.id));
