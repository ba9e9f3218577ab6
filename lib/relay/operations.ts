import { defineOperation } from "@/lib/http/operation";
import {
  callbackAnswerSchema,
  relayAcceptedSchema,
  relayJobListSchema,
  relayJobParamsSchema,
  relayJobSchema,
  relayListQuerySchema,
} from "./schemas";

const off = {
  description:
    "`RelayNotConfiguredError`: the relay is off (RELAY_MODE=n8n without RELAY_N8N_WEBHOOK_URL and RELAY_SIGNING_SECRET, or RELAY_MODE=notion without NOTION_TOKEN)",
};

export const uploadRelayImageOperation = defineOperation({
  method: "POST",
  path: "/api/v1/relay/jobs",
  summary: "Send an image to Notion",
  description:
    "Uploads an image and queues a relay job: a page with the image is created in the Notion database " +
    "(`notion_database_id`, else RELAY_NOTION_DATABASE_ID), by the n8n workflow, which calls back (RELAY_MODE=n8n), or by " +
    "Conveyor itself through Notion's API (RELAY_MODE=notion). The image is recognised by its bytes (JPEG, PNG, " +
    "WebP, GIF, HEIC/HEIF, AVIF), else 415; empty 422 `EmptyFileError`; larger than RELAY_MAX_BYTES 413 while it streams. " +
    "Nothing is kept when it is refused.",
  tags: ["Relay"],
  permission: "jobs.create",
  rateLimit: ["jobs.start.workspace", "jobs.start.key"],
  multipart: {
    description: "The image in `file`; optionally `notion_database_id`",
    fields: {
      file: { type: "file", description: "The image (exactly one)", required: true },
      notion_database_id: { type: "string", description: "The Notion database (32 hex digits); default RELAY_NOTION_DATABASE_ID" },
    },
  },
  responses: {
    202: { description: "Queued. `Location` is the job's URL", schema: relayAcceptedSchema },
    413: { description: "The file is larger than RELAY_MAX_BYTES" },
    415: { description: "Not multipart/form-data, or the file is not an image by its bytes" },
    422: { description: "`ValidationError` (missing or extra parts, a bad database id), `EmptyFileError`" },
    503: off,
  },
});

export const getRelayJobOperation = defineOperation({
  method: "GET",
  path: "/api/v1/relay/jobs/{id}",
  summary: "Get a relay job's log",
  description: "Status `queued`, `processing`, `success` or `failure`, with the Notion page URL or the failure message. The shared jobs API shows the same job with its stage and timeline.",
  tags: ["Relay"],
  permission: "jobs.read",
  params: relayJobParamsSchema,
  responses: { 200: { description: "The job log", schema: relayJobSchema }, 404: { description: "No such relay job in this workspace" } },
});

export const listRelayJobsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/relay/jobs",
  summary: "List relay jobs",
  description: "The workspace's relay jobs, newest first, optionally of one status; follow `next_cursor` for more.",
  tags: ["Relay"],
  permission: "jobs.read",
  query: relayListQuerySchema,
  responses: { 200: { description: "A page of jobs", schema: relayJobListSchema }, 422: { description: "A bad status, limit or cursor" } },
});

export const relayCallbackOperation = defineOperation({
  method: "POST",
  path: "/api/v1/relay/jobs/{id}/callback",
  summary: "The n8n workflow's callback",
  description:
    "Called by the workflow, not by people: no user credentials, only the signature (`X-Conveyor-Timestamp`, " +
    "`X-Conveyor-Signature: sha256=<hex HMAC-SHA256(RELAY_SIGNING_SECRET, timestamp + \".\" + raw body)>`). Body " +
    "`{status: \"success\" | \"failure\", notion_page_url?, message?}`. The same callback again: 200, nothing changes; " +
    "a different one once the job has a result: 409. Every callback, accepted or refused, is on the job's timeline. " +
    "In direct mode (RELAY_MODE=notion) there is no workflow and every callback answers 503.",
  tags: ["Relay"],
  auth: "none",
  params: relayJobParamsSchema,
  responses: {
    200: { description: "Accepted (`changed: false` for a repeat)", schema: callbackAnswerSchema },
    401: { description: "`InvalidSignatureError`: a bad, missing or stale (over 5 minutes) signature" },
    404: { description: "No such relay job" },
    409: { description: "`CallbackConflictError`: the job already has a different result" },
    422: { description: "An invalid body (a success without an https Notion URL, an unknown status)" },
    503: { description: "`RelayNotConfiguredError`: n8n mode is not configured, or RELAY_MODE=notion (no callbacks)" },
  },
});
