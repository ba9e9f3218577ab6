import { defineOperation } from "@/lib/http/operation";
import { connectRequestSchema } from "./connect/connect-request";
import {
  logbookAcceptedSchema,
  logbookSourcesSchema,
  pyramidQuerySchema,
  pyramidSchema,
  sourceIdParamsSchema,
  ticksPageSchema,
  ticksQuerySchema,
} from "./schemas";

export const connectLogbookOperation = defineOperation({
  method: "POST",
  path: "/api/v1/logbook/connect",
  summary: "Connect a climbing logbook and sync it",
  description:
    "Either `{profile_url}` (a Mountain Project profile; http, no www, a trailing slash, a query or a tab such as /ticks are " +
    "accepted and normalised) or `{username, password}` (8a.nu). Queues a sync job before any network call; follow it with " +
    "`GET /api/v1/jobs/{id}` (stages `fetching`, `cleaning`, `exporting`, `analyzing`, `saving`) and download " +
    "`<source>-ticks.csv` from `GET /api/v1/jobs/{id}/result`. Failed jobs carry `error.type` `AuthenticationError`, " +
    "`ProfileNotFoundError`, `DataSourceError` or `ReconnectRequiredError`. The 8a.nu password is used for one sign-in and " +
    "never stored; connecting the same source again re-syncs it.",
  tags: ["Logbook"],
  permission: "jobs.create",
  rateLimit: ["jobs.start.workspace", "jobs.start.key"],
  body: connectRequestSchema,
  maxBodyBytes: 16 * 1024,
  responses: {
    202: { description: "Queued; `task_id` equals `job_id`", schema: logbookAcceptedSchema },
    422: { description: "`ValidationError`: `details` names each offending field (never echoing the password)" },
    503: { description: "The sync could not be queued; try again" },
  },
});

export const listLogbookSourcesOperation = defineOperation({
  method: "GET",
  path: "/api/v1/logbook/sources",
  summary: "List connected logbooks",
  tags: ["Logbook"],
  permission: "jobs.read",
  responses: { 200: { description: "Sources: kind, profile URL or 8a.nu user name, tick count, last sync", schema: logbookSourcesSchema } },
});

export const deleteLogbookSourceOperation = defineOperation({
  method: "DELETE",
  path: "/api/v1/logbook/sources/{id}",
  summary: "Disconnect a logbook (its ticks and pyramids go too)",
  tags: ["Logbook"],
  permission: "jobs.delete",
  params: sourceIdParamsSchema,
  responses: { 204: { description: "Deleted" }, 404: { description: "No such source in this workspace" } },
});

export const listLogbookTicksOperation = defineOperation({
  method: "GET",
  path: "/api/v1/logbook/ticks",
  summary: "List cleaned ticks",
  description: "Filter by `source_id`, `discipline` and `send` (true/false); pages of `limit` with `next_cursor`.",
  tags: ["Logbook"],
  permission: "jobs.read",
  query: ticksQuerySchema,
  responses: { 200: { description: "A page of ticks", schema: ticksPageSchema }, 422: { description: "Bad filter or cursor" } },
});

export const getLogbookPyramidOperation = defineOperation({
  method: "GET",
  path: "/api/v1/logbook/pyramid",
  summary: "Get the performance pyramids",
  description:
    "One pyramid per discipline (and source): `top_grade` is the hardest clean send in the source's own grade system, " +
    "`levels` run from it down, with sends and non-send ticks per grade.",
  tags: ["Logbook"],
  permission: "jobs.read",
  query: pyramidQuerySchema,
  responses: { 200: { description: "The pyramids", schema: pyramidSchema }, 404: { description: "No such source" } },
});
