/**
 * The subset of Inngest's dev-server GraphQL schema (inngest/inngest pkg/coreapi/gql.*.graphql)
 * that the engine serves at `POST /v0/gql`: what inngest-js's test suites and the dev-server
 * dashboard read about events, runs and their traces. Types and field names are Inngest's; fields
 * the engine has no data for are left out (a query naming one fails validation, it does not get a
 * made-up value).
 */
export const SCHEMA_SDL = /* GraphQL */ `
scalar Time
scalar ULID
scalar UUID
scalar Bytes
scalar Unknown
scalar SpanMetadataKind
scalar SpanMetadataScope
scalar SpanMetadataValues

type Query {
  apps: [App!]!
  app(id: UUID!): App
  stream(query: StreamQuery!): [StreamItem!]!
  event(query: EventQuery!): Event
  events(query: EventsQuery!): [Event!]
  eventV2(id: ULID!): EventV2!
  functionBySlug(query: FunctionQuery!): Function
  functions: [Function!]
  functionRun(query: FunctionRunQuery!): FunctionRun
  runs(first: Int! = 100, after: String, orderBy: [RunsV2OrderBy!]!, filter: RunsFilterV2!, preview: Boolean): RunsV2Connection!
  run(runID: String!): FunctionRunV2
  runTraceSpanOutputByID(outputID: String!): RunTraceSpanOutput!
  runTrigger(runID: String!): RunTraceTrigger!
  runTrace(runID: String!): RunTraceSpan!
}

input EventQuery { workspaceId: ID! = "local", eventId: ID! }
input EventsQuery { workspaceId: ID! = "local", lastEventId: ID }
input FunctionQuery { workspaceId: ID! = "local", functionSlug: String! }
input FunctionRunQuery { workspaceId: ID! = "local", functionRunId: ID! }
input StreamQuery { after: ID, before: ID, limit: Int! = 20, includeInternalEvents: Boolean }
input RunsFilterV2 {
  from: Time!
  until: Time
  timeField: RunsV2OrderByField = QUEUED_AT
  status: [FunctionRunStatus!]
  functionIDs: [UUID!]
  appIDs: [UUID!]
  isDeferred: Boolean
  query: String
}
input RunsV2OrderBy { field: RunsV2OrderByField!, direction: RunsOrderByDirection! }
enum RunsV2OrderByField { QUEUED_AT STARTED_AT ENDED_AT }
enum RunsOrderByDirection { ASC DESC }

type PageInfo { hasNextPage: Boolean!, hasPreviousPage: Boolean!, startCursor: String, endCursor: String }
type Workspace { id: ID! }

type StreamItem {
  id: ID!
  trigger: String!
  type: StreamType!
  createdAt: Time!
  runs: [FunctionRun]
  inBatch: Boolean!
}
enum StreamType { EVENT CRON }

type Event {
  id: ULID!
  externalID: String
  workspace: Workspace
  name: String
  createdAt: Time
  payload: String
  status: EventStatus
  pendingRuns: Int
  totalRuns: Int
  raw: String
  functionRuns: [FunctionRun!]
}
enum EventStatus { RUNNING COMPLETED PAUSED FAILED PARTIALLY_FAILED NO_FUNCTIONS }

type EventV2 {
  envID: UUID!
  id: ULID!
  idempotencyKey: String
  name: String!
  occurredAt: Time!
  raw: String!
  receivedAt: Time!
  runs: [FunctionRunV2!]!
  version: String
}

type App {
  id: ID!
  externalID: String!
  name: String!
  sdkLanguage: String!
  sdkVersion: String!
  framework: String
  url: String
  error: String
  functions: [Function!]!
  appVersion: String
  connected: Boolean!
  functionCount: Int!
  autodiscovered: Boolean!
}

type Function {
  id: String!
  name: String!
  slug: String!
  config: String!
  concurrency: Int!
  triggers: [FunctionTrigger!]
  url: String!
  appID: String!
  app: App!
}
enum FunctionTriggerTypes { EVENT CRON }
type FunctionTrigger { type: FunctionTriggerTypes!, value: String!, condition: String }

enum FunctionRunStatus { COMPLETED FAILED CANCELLED RUNNING QUEUED SKIPPED }

type FunctionRun {
  id: ID!
  functionID: String!
  function: Function
  workspace: Workspace
  event: Event
  events: [Event!]!
  status: FunctionRunStatus
  startedAt: Time
  finishedAt: Time
  output: String
  eventID: ID!
  cron: String
}

type FunctionRunV2 {
  id: ULID!
  appID: UUID!
  app: App!
  functionID: UUID!
  function: Function!
  traceID: String!
  queuedAt: Time!
  startedAt: Time
  endedAt: Time
  status: FunctionRunStatus!
  sourceID: String
  triggerIDs: [ULID!]!
  eventName: String
  isBatch: Boolean!
  batchCreatedAt: Time
  cronSchedule: String
  output: Bytes
  trace(preview: Boolean): RunTraceSpan
  hasAI: Boolean!
  isDeferred: Boolean!
}

type RunsV2Connection {
  edges: [FunctionRunV2Edge!]!
  pageInfo: PageInfo!
  totalCount(preview: Boolean): Int!
}
type FunctionRunV2Edge { node: FunctionRunV2!, cursor: String! }

enum RunTraceSpanStatus { FAILED QUEUED RUNNING COMPLETED WAITING CANCELLED SKIPPED }
enum StepOp { INVOKE RUN SLEEP WAIT_FOR_EVENT AI_GATEWAY WAIT_FOR_SIGNAL }

union StepInfo = InvokeStepInfo | SleepStepInfo | WaitForEventStepInfo | RunStepInfo | WaitForSignalStepInfo
type InvokeStepInfo { triggeringEventID: ULID!, functionID: String!, timeout: Time!, returnEventID: ULID, runID: ULID, timedOut: Boolean }
type SleepStepInfo { sleepUntil: Time! }
type WaitForEventStepInfo { eventName: String!, expression: String, timeout: Time!, foundEventID: ULID, timedOut: Boolean }
type WaitForSignalStepInfo { signal: String!, timeout: Time!, timedOut: Boolean }
type RunStepInfo { type: String }

type RunTraceSpan {
  appID: UUID!
  functionID: UUID!
  runID: ULID!
  spanID: String!
  traceID: String!
  groupID: String
  name: String!
  status: RunTraceSpanStatus!
  attempts: Int
  duration: Int
  outputID: String
  queuedAt: Time!
  startedAt: Time
  endedAt: Time
  childrenSpans: [RunTraceSpan!]!
  stepOp: StepOp
  stepID: String
  stepInfo: StepInfo
  stepType: String!
  isRoot: Boolean!
  parentSpanID: String
  isUserland: Boolean!
  debugPaused: Boolean!
  skipReason: String
  metadata: [SpanMetadata!]!
}

type SpanMetadata {
  scope: SpanMetadataScope!
  kind: SpanMetadataKind!
  values: SpanMetadataValues!
  updatedAt: Time!
}

type RunTraceSpanOutput { input: Bytes, data: Bytes, error: StepError }
type StepError { message: String!, name: String, stack: String, cause: Unknown }

type RunTraceTrigger {
  eventName: String
  IDs: [ULID!]!
  payloads: [Bytes!]!
  timestamp: Time!
  isBatch: Boolean!
  batchID: ULID
  cron: String
}
`;
