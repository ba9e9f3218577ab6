-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('owner', 'member');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'canceled');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT,
    "is_operator" BOOLEAN NOT NULL DEFAULT false,
    "session_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_account_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workspaces" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "workspaces_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'member',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "granted_by_api_key_id" TEXT,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invitations" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'member',
    "invited_by_id" TEXT,
    "token_hash" TEXT,
    "expires_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "accepted_at" TIMESTAMP(3),
    "api_key_id" TEXT,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "last_used_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "revoked_sessions" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "revoked_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_buckets" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "rate_limit_buckets_pkey" PRIMARY KEY ("key","window_start")
);

-- CreateTable
CREATE TABLE "eve_contracts" (
    "contract_id" BIGINT NOT NULL,
    "region_id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'outstanding',
    "issuer_id" BIGINT NOT NULL,
    "issuer_corporation_id" BIGINT NOT NULL,
    "for_corporation" BOOLEAN NOT NULL DEFAULT false,
    "price" DOUBLE PRECISION,
    "buyout" DOUBLE PRECISION,
    "reward" DOUBLE PRECISION,
    "collateral" DOUBLE PRECISION,
    "volume" DOUBLE PRECISION,
    "title" TEXT,
    "days_to_complete" INTEGER,
    "start_location_id" BIGINT,
    "end_location_id" BIGINT,
    "date_issued" TIMESTAMPTZ(3) NOT NULL,
    "date_expired" TIMESTAMPTZ(3) NOT NULL,
    "items_fetched_at" TIMESTAMPTZ(3),
    "items_gone" BOOLEAN NOT NULL DEFAULT false,
    "is_ship_contract" BOOLEAN NOT NULL DEFAULT false,
    "ship_type_id" INTEGER,
    "quantity" INTEGER,
    "is_blueprint_copy" BOOLEAN,
    "runs" INTEGER,
    "material_efficiency" INTEGER,
    "time_efficiency" INTEGER,
    "contains_additional_items" BOOLEAN NOT NULL DEFAULT false,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,
    "expired_at" TIMESTAMPTZ(3),

    CONSTRAINT "eve_contracts_pkey" PRIMARY KEY ("contract_id")
);

-- CreateTable
CREATE TABLE "eve_contract_items" (
    "record_id" BIGINT NOT NULL,
    "contract_id" BIGINT NOT NULL,
    "type_id" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "is_included" BOOLEAN NOT NULL,
    "item_id" BIGINT,
    "is_blueprint_copy" BOOLEAN NOT NULL DEFAULT false,
    "runs" INTEGER,
    "material_efficiency" INTEGER,
    "time_efficiency" INTEGER,

    CONSTRAINT "eve_contract_items_pkey" PRIMARY KEY ("record_id")
);

-- CreateTable
CREATE TABLE "eve_types" (
    "type_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "group_id" INTEGER NOT NULL,
    "category_id" INTEGER,
    "last_refreshed_at" TIMESTAMPTZ(3) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "eve_types_pkey" PRIMARY KEY ("type_id")
);

-- CreateTable
CREATE TABLE "eve_groups" (
    "group_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "category_id" INTEGER NOT NULL,
    "refreshed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "eve_groups_pkey" PRIMARY KEY ("group_id")
);

-- CreateTable
CREATE TABLE "esi_cache" (
    "url" TEXT NOT NULL,
    "etag" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "last_modified" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "esi_cache_pkey" PRIMARY KEY ("url")
);

-- CreateTable
CREATE TABLE "contract_runs" (
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "requested_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,
    "summary" JSONB,

    CONSTRAINT "contract_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract_leases" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "acquired_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contract_leases_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "documents" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "created_by_id" TEXT,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "pages" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "file_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document_configurations" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "document_configurations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document_configuration_versions" (
    "id" TEXT NOT NULL,
    "configuration_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_configuration_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document_extractions" (
    "job_id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "document_id" TEXT NOT NULL,
    "configuration_id" TEXT,
    "configuration_version" INTEGER NOT NULL,
    "settings" JSONB NOT NULL,
    "table_count" INTEGER NOT NULL DEFAULT 0,
    "warnings" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_extractions_pkey" PRIMARY KEY ("job_id")
);

-- CreateTable
CREATE TABLE "document_tables" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "document_id" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "page" INTEGER NOT NULL,
    "pages" JSONB NOT NULL,
    "index" INTEGER NOT NULL,
    "n_rows" INTEGER NOT NULL,
    "n_cols" INTEGER NOT NULL,
    "bbox" JSONB,
    "page_width" DOUBLE PRECISION,
    "page_height" DOUBLE PRECISION,
    "method" TEXT NOT NULL,
    "title" TEXT,
    "rows" JSONB NOT NULL,
    "spans" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_tables_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document_exports" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "table_id" TEXT,
    "format" TEXT NOT NULL,
    "file_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_exports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document_events" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "data" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "engine_apps" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "sdk" TEXT,
    "framework" TEXT,
    "app_version" TEXT,
    "function_count" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "engine_apps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "engine_functions" (
    "id" TEXT NOT NULL,
    "app_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "event_names" TEXT[],
    "max_attempts" INTEGER NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "engine_functions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "engine_events" (
    "internal_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "ts" BIGINT NOT NULL,
    "workspace_id" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "engine_events_pkey" PRIMARY KEY ("internal_id")
);

-- CreateTable
CREATE TABLE "engine_runs" (
    "id" TEXT NOT NULL,
    "function_id" TEXT NOT NULL,
    "app_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "workspace_id" TEXT,
    "event_id" TEXT,
    "event_name" TEXT NOT NULL,
    "event" JSONB NOT NULL,
    "events" JSONB,
    "output" JSONB,
    "error" JSONB,
    "attempt_errors" JSONB,
    "max_attempts" INTEGER NOT NULL,
    "request_version" INTEGER NOT NULL DEFAULT -1,
    "disable_immediate" BOOLEAN NOT NULL DEFAULT false,
    "retry_at" TIMESTAMPTZ(3),
    "singleton_key" TEXT,
    "ckeys" TEXT[],
    "climits" INTEGER[],
    "parent_run_id" TEXT,
    "parent_step_id" TEXT,
    "rerun_of" TEXT,
    "cancelled_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "engine_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "engine_steps" (
    "run_id" TEXT NOT NULL,
    "step_id" TEXT NOT NULL,
    "name" TEXT,
    "op" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "opts" JSONB,
    "output" JSONB,
    "errors" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "seq" BIGSERIAL NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "memoized_at" TIMESTAMPTZ(3),

    CONSTRAINT "engine_steps_pkey" PRIMARY KEY ("run_id","step_id")
);

-- CreateTable
CREATE TABLE "engine_queue" (
    "id" BIGSERIAL NOT NULL,
    "run_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "step_id" TEXT,
    "dedupe_key" TEXT NOT NULL,
    "available_at" TIMESTAMPTZ(3) NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "lease_owner" TEXT,
    "lease_token" TEXT,
    "limited" BOOLEAN NOT NULL DEFAULT false,
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "ckeys" TEXT[],
    "climits" INTEGER[],
    "payload" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "engine_queue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "engine_pauses" (
    "id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "step_id" TEXT,
    "event_name" TEXT NOT NULL,
    "expression" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "engine_pauses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "engine_crons" (
    "id" TEXT NOT NULL,
    "function_id" TEXT NOT NULL,
    "expression" TEXT NOT NULL,
    "jitter_ms" INTEGER NOT NULL DEFAULT 0,
    "next_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "engine_crons_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "engine_singletons" (
    "key" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,

    CONSTRAINT "engine_singletons_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "engine_idempotency_keys" (
    "key" TEXT NOT NULL,
    "run_id" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "engine_idempotency_keys_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "engine_workers" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "in_flight" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "engine_workers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "engine_flow_state" (
    "key" TEXT NOT NULL,
    "tat" TIMESTAMPTZ(3),
    "run_id" TEXT,
    "first_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "engine_flow_state_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "engine_rate_limit_hits" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "engine_rate_limit_hits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "engine_metadata" (
    "run_id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "step_key" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "values" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "engine_metadata_pkey" PRIMARY KEY ("run_id","scope","step_key","kind")
);

-- CreateTable
CREATE TABLE "engine_defers" (
    "run_id" TEXT NOT NULL,
    "hashed_id" TEXT NOT NULL,
    "fn_slug" TEXT NOT NULL,
    "input" JSONB,
    "meta" JSONB,
    "status" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "engine_defers_pkey" PRIMARY KEY ("run_id","hashed_id")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT,
    "created_by_id" TEXT,
    "kind" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'queued',
    "stage" TEXT,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "message" TEXT,
    "error_type" TEXT,
    "error_detail" TEXT,
    "input" JSONB,
    "result" JSONB,
    "result_file_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "expires_at" TIMESTAMP(3),
    "expired_at" TIMESTAMP(3),

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_events" (
    "id" BIGSERIAL NOT NULL,
    "job_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL,
    "stage" TEXT,
    "progress" DOUBLE PRECISION NOT NULL,
    "message" TEXT,
    "data" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stored_files" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "job_id" TEXT,
    "purpose" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stored_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "logbook_sources" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "profile_url" TEXT,
    "username" TEXT,
    "tick_count" INTEGER NOT NULL DEFAULT 0,
    "last_synced_at" TIMESTAMP(3),
    "last_job_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "logbook_sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "logbook_ticks" (
    "id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "date" DATE,
    "date_precision" TEXT,
    "route" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "url" TEXT,
    "discipline" TEXT NOT NULL,
    "route_types" TEXT NOT NULL,
    "style" TEXT NOT NULL,
    "send" BOOLEAN NOT NULL,
    "rating" TEXT NOT NULL,
    "grade_system" TEXT,
    "grade" TEXT,
    "grade_step" TEXT,
    "grade_score" DOUBLE PRECISION,
    "danger" TEXT,
    "aid" TEXT,
    "pitches" INTEGER,
    "length_ft" INTEGER,
    "length_m" DOUBLE PRECISION,
    "avg_stars" DOUBLE PRECISION,
    "your_stars" DOUBLE PRECISION,
    "notes" TEXT NOT NULL,

    CONSTRAINT "logbook_ticks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "logbook_pyramids" (
    "id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "discipline" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "top_grade" TEXT,
    "levels" JSONB NOT NULL,
    "computed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "logbook_pyramids_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "relay_jobs" (
    "job_id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "notion_database_id" TEXT NOT NULL,
    "input_file_id" TEXT,
    "callback_status" TEXT,
    "notion_page_url" TEXT,
    "result_message" TEXT,
    "callback_digest" TEXT,
    "callback_at" TIMESTAMP(3),
    "notion_file_upload_id" TEXT,
    "notion_page_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "relay_jobs_pkey" PRIMARY KEY ("job_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "accounts_user_id_idx" ON "accounts"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_provider_provider_account_id_key" ON "accounts"("provider", "provider_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "workspaces_slug_key" ON "workspaces"("slug");

-- CreateIndex
CREATE INDEX "memberships_granted_by_api_key_id_idx" ON "memberships"("granted_by_api_key_id");

-- CreateIndex
CREATE INDEX "memberships_user_id_idx" ON "memberships"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_workspace_id_user_id_key" ON "memberships"("workspace_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");

-- CreateIndex
CREATE INDEX "invitations_email_idx" ON "invitations"("email");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_workspace_id_email_key" ON "invitations"("workspace_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

-- CreateIndex
CREATE INDEX "api_keys_workspace_id_created_at_idx" ON "api_keys"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "revoked_sessions_expires_at_idx" ON "revoked_sessions"("expires_at");

-- CreateIndex
CREATE INDEX "rate_limit_buckets_window_start_idx" ON "rate_limit_buckets"("window_start");

-- CreateIndex
CREATE INDEX "eve_contracts_region_id_status_idx" ON "eve_contracts"("region_id", "status");

-- CreateIndex
CREATE INDEX "eve_contracts_status_date_issued_contract_id_idx" ON "eve_contracts"("status", "date_issued" DESC, "contract_id" DESC);

-- CreateIndex
CREATE INDEX "eve_contracts_is_ship_contract_ship_type_id_idx" ON "eve_contracts"("is_ship_contract", "ship_type_id");

-- CreateIndex
CREATE INDEX "eve_contracts_price_idx" ON "eve_contracts"("price");

-- CreateIndex
CREATE INDEX "eve_contracts_expired_at_idx" ON "eve_contracts"("expired_at");

-- CreateIndex
CREATE INDEX "eve_contract_items_contract_id_idx" ON "eve_contract_items"("contract_id");

-- CreateIndex
CREATE INDEX "eve_types_last_refreshed_at_idx" ON "eve_types"("last_refreshed_at");

-- CreateIndex
CREATE INDEX "contract_runs_created_at_idx" ON "contract_runs"("created_at" DESC);

-- CreateIndex
CREATE INDEX "contract_runs_status_idx" ON "contract_runs"("status");

-- CreateIndex
CREATE UNIQUE INDEX "documents_file_id_key" ON "documents"("file_id");

-- CreateIndex
CREATE INDEX "documents_workspace_id_created_at_id_idx" ON "documents"("workspace_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "document_configurations_workspace_id_created_at_id_idx" ON "document_configurations"("workspace_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "document_configuration_versions_configuration_id_version_key" ON "document_configuration_versions"("configuration_id", "version");

-- CreateIndex
CREATE INDEX "document_extractions_document_id_idx" ON "document_extractions"("document_id");

-- CreateIndex
CREATE INDEX "document_extractions_workspace_id_created_at_idx" ON "document_extractions"("workspace_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "document_tables_document_id_idx" ON "document_tables"("document_id");

-- CreateIndex
CREATE INDEX "document_tables_workspace_id_idx" ON "document_tables"("workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "document_tables_job_id_index_key" ON "document_tables"("job_id", "index");

-- CreateIndex
CREATE UNIQUE INDEX "document_exports_file_id_key" ON "document_exports"("file_id");

-- CreateIndex
CREATE INDEX "document_exports_table_id_idx" ON "document_exports"("table_id");

-- CreateIndex
CREATE INDEX "document_exports_job_id_idx" ON "document_exports"("job_id");

-- CreateIndex
CREATE INDEX "document_events_subject_type_subject_id_id_idx" ON "document_events"("subject_type", "subject_id", "id");

-- CreateIndex
CREATE INDEX "document_events_workspace_id_idx" ON "document_events"("workspace_id");

-- CreateIndex
CREATE INDEX "engine_functions_app_id_idx" ON "engine_functions"("app_id");

-- CreateIndex
CREATE INDEX "engine_events_processed_at_idx" ON "engine_events"("processed_at");

-- CreateIndex
CREATE INDEX "engine_events_name_received_at_idx" ON "engine_events"("name", "received_at" DESC);

-- CreateIndex
CREATE INDEX "engine_events_received_at_idx" ON "engine_events"("received_at");

-- CreateIndex
CREATE INDEX "engine_runs_created_at_id_idx" ON "engine_runs"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "engine_runs_function_id_created_at_idx" ON "engine_runs"("function_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "engine_runs_status_created_at_idx" ON "engine_runs"("status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "engine_runs_workspace_id_created_at_idx" ON "engine_runs"("workspace_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "engine_runs_parent_run_id_idx" ON "engine_runs"("parent_run_id");

-- CreateIndex
CREATE INDEX "engine_runs_ended_at_idx" ON "engine_runs"("ended_at");

-- CreateIndex
CREATE UNIQUE INDEX "engine_queue_dedupe_key_key" ON "engine_queue"("dedupe_key");

-- CreateIndex
CREATE INDEX "engine_queue_limited_available_at_id_idx" ON "engine_queue"("limited", "available_at", "id");

-- CreateIndex
CREATE INDEX "engine_queue_run_id_idx" ON "engine_queue"("run_id");

-- CreateIndex
CREATE INDEX "engine_queue_ckeys_idx" ON "engine_queue" USING GIN ("ckeys");

-- CreateIndex
CREATE INDEX "engine_pauses_event_name_expires_at_idx" ON "engine_pauses"("event_name", "expires_at");

-- CreateIndex
CREATE INDEX "engine_pauses_run_id_idx" ON "engine_pauses"("run_id");

-- CreateIndex
CREATE INDEX "engine_crons_next_at_idx" ON "engine_crons"("next_at");

-- CreateIndex
CREATE INDEX "engine_idempotency_keys_expires_at_idx" ON "engine_idempotency_keys"("expires_at");

-- CreateIndex
CREATE INDEX "engine_workers_heartbeat_at_idx" ON "engine_workers"("heartbeat_at");

-- CreateIndex
CREATE INDEX "engine_flow_state_expires_at_idx" ON "engine_flow_state"("expires_at");

-- CreateIndex
CREATE INDEX "engine_rate_limit_hits_key_at_idx" ON "engine_rate_limit_hits"("key", "at");

-- CreateIndex
CREATE UNIQUE INDEX "jobs_result_file_id_key" ON "jobs"("result_file_id");

-- CreateIndex
CREATE INDEX "jobs_workspace_id_created_at_id_idx" ON "jobs"("workspace_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "jobs_workspace_id_kind_status_idx" ON "jobs"("workspace_id", "kind", "status");

-- CreateIndex
CREATE INDEX "jobs_status_idx" ON "jobs"("status");

-- CreateIndex
CREATE INDEX "jobs_expires_at_idx" ON "jobs"("expires_at");

-- CreateIndex
CREATE INDEX "jobs_kind_created_at_id_idx" ON "jobs"("kind", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "job_events_job_id_id_idx" ON "job_events"("job_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "stored_files_storage_key_key" ON "stored_files"("storage_key");

-- CreateIndex
CREATE INDEX "stored_files_workspace_id_idx" ON "stored_files"("workspace_id");

-- CreateIndex
CREATE INDEX "stored_files_job_id_idx" ON "stored_files"("job_id");

-- CreateIndex
CREATE UNIQUE INDEX "logbook_sources_workspace_id_kind_external_id_key" ON "logbook_sources"("workspace_id", "kind", "external_id");

-- CreateIndex
CREATE INDEX "logbook_ticks_workspace_id_id_idx" ON "logbook_ticks"("workspace_id", "id");

-- CreateIndex
CREATE INDEX "logbook_ticks_source_id_discipline_send_idx" ON "logbook_ticks"("source_id", "discipline", "send");

-- CreateIndex
CREATE UNIQUE INDEX "logbook_ticks_source_id_key_key" ON "logbook_ticks"("source_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "logbook_pyramids_source_id_discipline_key" ON "logbook_pyramids"("source_id", "discipline");

-- CreateIndex
CREATE INDEX "relay_jobs_workspace_id_created_at_job_id_idx" ON "relay_jobs"("workspace_id", "created_at" DESC, "job_id" DESC);

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "eve_contract_items" ADD CONSTRAINT "eve_contract_items_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "eve_contracts"("contract_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_file_id_fkey" FOREIGN KEY ("file_id") REFERENCES "stored_files"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_configurations" ADD CONSTRAINT "document_configurations_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_configuration_versions" ADD CONSTRAINT "document_configuration_versions_configuration_id_fkey" FOREIGN KEY ("configuration_id") REFERENCES "document_configurations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_extractions" ADD CONSTRAINT "document_extractions_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_extractions" ADD CONSTRAINT "document_extractions_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_tables" ADD CONSTRAINT "document_tables_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_tables" ADD CONSTRAINT "document_tables_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_exports" ADD CONSTRAINT "document_exports_table_id_fkey" FOREIGN KEY ("table_id") REFERENCES "document_tables"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_exports" ADD CONSTRAINT "document_exports_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_exports" ADD CONSTRAINT "document_exports_file_id_fkey" FOREIGN KEY ("file_id") REFERENCES "stored_files"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_events" ADD CONSTRAINT "document_events_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_result_file_id_fkey" FOREIGN KEY ("result_file_id") REFERENCES "stored_files"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_events" ADD CONSTRAINT "job_events_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "logbook_sources" ADD CONSTRAINT "logbook_sources_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "logbook_ticks" ADD CONSTRAINT "logbook_ticks_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "logbook_sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "logbook_pyramids" ADD CONSTRAINT "logbook_pyramids_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "logbook_sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "relay_jobs" ADD CONSTRAINT "relay_jobs_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

