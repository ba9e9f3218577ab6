// GET /api/v1/me – the caller, the active workspace and role, and their workspaces
import { describeCaller } from "@/lib/workspaces/me";
import { meOperation } from "@/lib/auth/operations";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(meOperation, async ({ auth }) => describeCaller(auth));
