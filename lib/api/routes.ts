// The API's one route table: per route (method + path pattern) who may call it, what it
// takes (path ids, query, body) and answers, and what the access log records. guard.ts
// enforces the policy, parses the ids, query and body, and writes the access log from it;
// /api/openapi.json (openapi.ts) and docs/api.md (npm run docs:api) are generated
// from it; the route-discovery test fails an app/api route missing here, and a stale entry.
// Pages have their own policy table (route-policy.ts).
import type { z } from "zod";
import { NewUserRequest, UserChangeRequest } from "../admin/manage-users.types";
import { ImportFromDirectoryRequest } from "../ehr/import/import-request.types";
import { EventsQuery, TrendsQuery } from "../ehr/queries/event-query.types";
import { ListPatientsQuery } from "../ehr/queries/list-patients.types";
import { AddQueueItemsRequest, AddQueueItemsResponse } from "../review/add-queue-items.types";
import { FinalLabelRequest } from "../review/adjudication.types";
import { CreateQueueRequest, CreateQueueResponse } from "../review/create-queue.types";
import { ExportQuery } from "../review/export/export-ratings.types";
import { GenerateQueueRunsResponse } from "../review/generate-queue-runs.types";
import { QueueProgressQuery, QueueProgressResponse } from "../review/get-queue-progress.types";
import { ListQueuesQuery, ListQueuesResponse } from "../review/list-queues.types";
import { PreviewQueueRequest, PreviewQueueResponse } from "../review/preview-queue.types";
import { QueueAgreement, QueueAgreementQuery } from "../review/queue-agreement.types";
import { FlagRequest, FlagResponse, ResolveFlagRequest, ResolveFlagResponse } from "../review/queue-flags.types";
import {
  ListRunRatingsQuery,
  ListRunRatingsResponse,
  MyRatingQuery,
  MyRatingResponse,
} from "../review/run-ratings.types";
import { SaveRatingRequest, SaveRatingResponse } from "../review/save-rating.types";
import { SkipRequest, SkipResponse } from "../review/skip-queue-item.types";
import { NextItemResponse } from "../review/take-next-item.types";
import { UpdateQueueRequest, UpdateQueueResponse } from "../review/update-queue.types";
import { CreateBatchRequest, CreateRunRequest, ListRunsQuery, TasksQuery } from "../runs/run-requests.types";
import type { AccessEntry } from "../auth/access-log";
import { AccessLogQuery } from "../auth/access-log-query.types";
import { NewTokenRequest } from "../auth/api-tokens.types";
import * as R from "./route-responses";
import { ADMIN, REVIEWERS, RUN_STARTERS, SIGNED_IN, type Policy } from "../auth/route-policy";

/** An answer that is not a JSON document: a stream (SSE, CSV, JSON lines) or a file. */
export type ContentAnswer = { contentType: string; description: string; schema?: z.ZodType };
export type Answer = z.ZodType | ContentAnswer;

/** What the access log records of a successful call (status below 400). */
export type AccessLogRule<Q> = {
  action: AccessEntry["action"];
  resourceType: AccessEntry["resourceType"];
  /** The resource's id; without it, the path's id (the route's only [param]), or none. */
  resourceId?: (call: { params: Record<string, string>; query: Q; response: Response }) => Promise<string | null>;
  /** Whether this call is logged; every successful one without it. */
  when?: (call: { query: Q }) => boolean;
};

export type RouteSpec<
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> = {
  policy: Policy;
  summary: string;
  /**
   * The path's ids are UUIDs, and a malformed one is this resource not found (404, before any
   * read). Without it the ids pass as they are (a user's id is better-auth's, not a UUID).
   */
  notFound?: string;
  query?: Q;
  /** A JSON body, parsed before the handler runs. */
  body?: B;
  /** The route also takes multipart/form-data (a file upload), which its handler reads. */
  upload?: true;
  /** Success status, 200 without it. */
  status?: number;
  /** The answer: a JSON schema, or the content type(s) of a stream or file. */
  response: Answer | readonly Answer[];
  log?: AccessLogRule<Q extends z.ZodType ? z.output<Q> : undefined>;
  /** Served by a library's handler (better-auth) or answering everyone, outside guardedRoute. */
  unguarded?: true;
};

function route<Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<Q, B>,
): RouteSpec<Q, B> {
  return spec;
}

/** An id in the JSON answer, at a dotted path ("user.id"). */
const answered =
  (path: string) =>
  async ({ response }: { response: Response }): Promise<string | null> => {
    let value: unknown = await response.clone().json();
    for (const key of path.split(".")) value = (value as Record<string, unknown> | null)?.[key];
    return typeof value === "string" ? value : null;
  };

const CSV: ContentAnswer = { contentType: "text/csv", description: "A CSV file, streamed." };
const SSE: ContentAnswer = {
  contentType: "text/event-stream",
  description:
    "Server-sent events: reasoning and answer (JSON strings), retry {attempt, reason}, then done or error (objects). " +
    "Each event's id is its stream position; resume with Last-Event-ID or ?lastEventId=.",
};
const NO_CONTENT: ContentAnswer = { contentType: "", description: "No content." };

export const API_ROUTES = {
  "GET /api/health": route({
    policy: "public",
    summary: "Database reachable, migrations applied, backends reachable. No data.",
    response: R.Health,
    unguarded: true,
  }),
  "GET /api/openapi.json": route({ policy: SIGNED_IN, summary: "This document.", response: R.OpenApiDocument }),
  // better-auth's own endpoints: sign-in, sign-out, session; they check the Origin themselves.
  "GET /api/auth/[...all]": route({
    policy: "public",
    summary: "better-auth: session, OIDC callback.",
    response: { contentType: "application/json", description: "better-auth's answer." },
    unguarded: true,
  }),
  "POST /api/auth/[...all]": route({
    policy: "public",
    summary: "better-auth: sign-in (email/password or OIDC), sign-out.",
    response: { contentType: "application/json", description: "better-auth's answer." },
    unguarded: true,
  }),
  "GET /api/patients": route({
    policy: REVIEWERS,
    summary: "Patients: search (q), filters (source, hasRuns, assigned=me), sort, keyset pages.",
    query: ListPatientsQuery,
    response: R.PatientPage,
  }),
  "GET /api/patients/[id]": route({
    policy: REVIEWERS,
    summary:
      "One patient: demographics, encounters, extent, counts; refused (403) during the caller's blind review of them.",
    notFound: "Patient",
    response: R.PatientDetail,
    log: { action: "view", resourceType: "patient" },
  }),
  "GET /api/patients/[id]/events": route({
    policy: REVIEWERS,
    summary:
      "Events by time window (from inclusive, to exclusive) and category, keyset pages on (time, id); with bins=N and more events than limit, counts per category per time bin.",
    notFound: "Patient",
    query: EventsQuery,
    response: R.EventSlice,
    log: { action: "view", resourceType: "patient" },
  }),
  "GET /api/patients/[id]/trends": route({
    policy: REVIEWERS,
    summary: "Lab and vital series per test, downsampled keeping extremes.",
    notFound: "Patient",
    query: TrendsQuery,
    response: R.TrendResponse,
    log: { action: "view", resourceType: "patient" },
  }),
  "GET /api/tokens": route({
    policy: SIGNED_IN,
    summary: "The caller's API tokens (never the token itself).",
    response: R.ListTokensResponse,
  }),
  "POST /api/tokens": route({
    policy: SIGNED_IN,
    summary: "Create an API token {name, expiresInDays?}; the token is returned once.",
    body: NewTokenRequest,
    status: 201,
    response: R.CreateTokenResponse,
    log: { action: "create", resourceType: "api_token", resourceId: answered("record.id") },
  }),
  "DELETE /api/tokens/[id]": route({
    policy: SIGNED_IN,
    summary: "Revoke one of the caller's tokens.",
    notFound: "Token",
    status: 204,
    response: NO_CONTENT,
    log: { action: "revoke", resourceType: "api_token" },
  }),
  "GET /api/admin/users": route({
    policy: ADMIN,
    summary: "All accounts with roles and status.",
    response: R.ListUsersResponse,
  }),
  "POST /api/admin/users": route({
    policy: ADMIN,
    summary: "Create a local account {email, name?, roles, password}.",
    body: NewUserRequest,
    status: 201,
    response: R.UserResponse,
    log: { action: "create", resourceType: "user", resourceId: answered("user.id") },
  }),
  "PATCH /api/admin/users/[id]": route({
    policy: ADMIN,
    summary: "Change roles, name, active (deactivate/reactivate), unlock.",
    body: UserChangeRequest,
    response: R.UserResponse,
    log: { action: "update", resourceType: "user" },
  }),
  "GET /api/admin/access-log": route({
    policy: ADMIN,
    summary: "The access log, filtered; format=csv streams an export.",
    query: AccessLogQuery,
    response: [R.AccessLogPage, { ...CSV, description: "format=csv: the filtered log as a CSV file, streamed." }],
    // Exporting the log is itself an access worth recording; reading a page of it is not.
    log: { action: "export", resourceType: "access_log", when: ({ query }) => query.format === "csv" },
  }),
  "GET /api/admin/imports": route({
    policy: ADMIN,
    summary: "Import jobs with live progress, and the allowed server folders.",
    response: R.ListImportsResponse,
  }),
  "POST /api/admin/imports": route({
    policy: ADMIN,
    summary: "Start an import: JSON {directory, format?, dryRun?} or multipart file upload.",
    body: ImportFromDirectoryRequest,
    upload: true,
    status: 202,
    response: R.StartImportResponse,
    log: { action: "create", resourceType: "import", resourceId: answered("jobId") },
  }),
  "GET /api/admin/imports/[id]": route({
    policy: ADMIN,
    summary: "One import job: counts, sources, rejected rows.",
    notFound: "Import job",
    response: R.ImportJobResponse,
  }),
  "GET /api/tasks": route({
    policy: REVIEWERS,
    summary:
      "The EHR-Bench task catalog, each task available or not (and why); with patientId, that patient's availability, admissions and suggested cut-offs.",
    query: TasksQuery,
    response: R.TaskOptions,
  }),
  "GET /api/backends": route({
    policy: REVIEWERS,
    summary: "Configured model backends, without secrets (hasApiKey only).",
    response: R.ListBackendsResponse,
  }),
  "GET /api/runs": route({
    policy: REVIEWERS,
    summary:
      "Prediction runs the caller may read (started by them or in their queues; admins: all), filtered by patient, task, backend, status, batch; keyset pages.",
    query: ListRunsQuery,
    response: R.RunPage,
  }),
  "POST /api/runs": route({
    policy: RUN_STARTERS,
    summary:
      "Start a run → {id}; with Accept: text/event-stream, 201 and the run's event stream in the same answer, its id in Location and X-Run-Id (leaving early cancels nothing).",
    body: CreateRunRequest,
    status: 201,
    response: [R.RunId, { ...SSE, description: `Accept: text/event-stream: the new run's output. ${SSE.description}` }],
    log: {
      action: "create",
      resourceType: "run",
      // The event stream names the run in a header; the JSON answer is {id}.
      resourceId: async ({ response }) => response.headers.get("x-run-id") ?? answered("id")({ response }),
    },
  }),
  "GET /api/runs/[id]": route({
    policy: REVIEWERS,
    summary: "One run: status, reasoning, answer, items, usage, errors.",
    notFound: "Run",
    response: R.RunDetail,
    log: { action: "view", resourceType: "run" },
  }),
  "GET /api/runs/[id]/stream": route({
    policy: REVIEWERS,
    summary:
      "Server-sent events of a run: reasoning, answer, retry (an attempt stopped, the run starts over), done, error; each id a stream position (opaque), resumed exactly after Last-Event-ID or ?lastEventId=.",
    notFound: "Run",
    response: SSE,
    log: { action: "view", resourceType: "run" },
  }),
  "GET /api/runs/[id]/prompt": route({
    policy: REVIEWERS,
    summary: "The exact prompt sent, its thinking switch, its real token count, and what was cut from its left.",
    notFound: "Run",
    response: R.RunPrompt,
    log: { action: "view", resourceType: "run" },
  }),
  "POST /api/runs/[id]/cancel": route({
    policy: RUN_STARTERS,
    summary: "Cancel a queued or streaming run (its starter or an admin); partial output is kept.",
    notFound: "Run",
    response: R.CancelRunResponse,
  }),
  "POST /api/runs/[id]/retry": route({
    policy: RUN_STARTERS,
    summary: "Start a new run with the same inputs.",
    notFound: "Run",
    status: 201,
    response: R.RunId,
    log: { action: "create", resourceType: "run", resourceId: answered("id") },
  }),
  "GET /api/batches": route({
    policy: ADMIN,
    summary: "Batches of runs with progress.",
    response: R.ListBatchesResponse,
  }),
  "POST /api/batches": route({
    policy: ADMIN,
    summary: "Run a task over many patients with a concurrency limit.",
    body: CreateBatchRequest,
    status: 201,
    response: R.CreateBatchResponse,
  }),
  "GET /api/batches/[id]": route({
    policy: ADMIN,
    summary: "One batch's progress.",
    notFound: "Batch",
    response: R.BatchProgressResponse,
  }),
  "POST /api/batches/[id]/cancel": route({
    policy: ADMIN,
    summary: "Cancel the batch's runs that have not finished.",
    notFound: "Batch",
    response: R.BatchProgressResponse,
  }),
  "GET /api/scorecard": route({
    policy: ADMIN,
    summary: "Per task and backend: precision/recall/F1 or accuracy/AUROC against ground truth.",
    response: R.ScorecardResponse,
  }),
  // Ratings are the caller's own (blind rules in lib/review); queue building, statistics and
  // exports are the study lead's.
  "GET /api/runs/[id]/ratings": route({
    policy: REVIEWERS,
    summary: "Ratings of a run: the caller's own (admins: all). Blind rules apply.",
    notFound: "Run",
    query: ListRunRatingsQuery,
    response: ListRunRatingsResponse,
  }),
  "GET /api/runs/[id]/ratings/me": route({
    policy: REVIEWERS,
    summary: "The caller's rating (draft or submitted) with its version.",
    notFound: "Run",
    query: MyRatingQuery,
    response: MyRatingResponse,
  }),
  "PUT /api/runs/[id]/ratings/me": route({
    policy: REVIEWERS,
    summary:
      "Save the caller's rating {kind, overall, items, rubric, steps, comment, version}; 409 on a stale version.",
    notFound: "Run",
    body: SaveRatingRequest,
    response: SaveRatingResponse,
  }),
  "GET /api/queues": route({
    policy: REVIEWERS,
    summary: "Review queues the caller can see, with progress; archived=include adds archived ones (admins).",
    query: ListQueuesQuery,
    response: ListQueuesResponse,
  }),
  "POST /api/queues": route({
    policy: ADMIN,
    summary: "Create a queue (items, rubric, reviewers per item, members, blind protocol).",
    body: CreateQueueRequest,
    status: 201,
    response: CreateQueueResponse,
  }),
  "PATCH /api/queues/[id]": route({
    policy: ADMIN,
    summary:
      "Edit a queue {name, guidelines, reviewersPerItem, memberIds, archived}; removed members' held items are released, their ratings stay.",
    notFound: "Queue",
    body: UpdateQueueRequest,
    response: UpdateQueueResponse,
  }),
  "POST /api/queues/[id]/items": route({
    policy: ADMIN,
    summary: "Add items to a queue {items | selection}, as when creating it.",
    notFound: "Queue",
    body: AddQueueItemsRequest,
    status: 201,
    response: AddQueueItemsResponse,
  }),
  "POST /api/queues/preview": route({
    policy: ADMIN,
    summary:
      "Dry run of a queue's selection {kind, selection}: the item count and each skipped (patient, task) with its reason.",
    body: PreviewQueueRequest,
    response: PreviewQueueResponse,
  }),
  "GET /api/queues/[id]/next": route({
    policy: REVIEWERS,
    summary: "The caller's next item: one they have not done, reserved for them.",
    notFound: "Queue",
    response: NextItemResponse,
  }),
  "POST /api/queues/[id]/items/[itemId]/skip": route({
    policy: REVIEWERS,
    summary:
      "Skip a held item {reason: cannot_assess | not_my_specialty | other, note}: back to the pool, missing for the caller.",
    notFound: "Queue item",
    body: SkipRequest,
    response: SkipResponse,
  }),
  "POST /api/queues/[id]/items/[itemId]/flags": route({
    policy: REVIEWERS,
    summary: "Flag an item one was given for the study lead {note}; neither a rating nor a skip.",
    notFound: "Queue item",
    body: FlagRequest,
    status: 201,
    response: FlagResponse,
  }),
  "PATCH /api/queues/[id]/flags/[flagId]": route({
    policy: ADMIN,
    summary: "Mark a reviewer's flag resolved {resolved: true} or open again.",
    notFound: "Flag",
    body: ResolveFlagRequest,
    response: ResolveFlagResponse,
  }),
  "POST /api/queues/[id]/runs": route({
    policy: ADMIN,
    summary: "Generate the runs of a queue's items in a batch.",
    notFound: "Queue",
    status: 202,
    response: GenerateQueueRunsResponse,
  }),
  "PUT /api/queues/[id]/items/[itemId]/final-labels": route({
    policy: ADMIN,
    summary: "Adjudication: set the final label {criterion, value, note} of an item (value null clears it).",
    notFound: "Queue item",
    body: FinalLabelRequest,
    response: R.FinalLabelResponse,
  }),
  "GET /api/stats/agreement": route({
    policy: ADMIN,
    summary: "Inter-rater agreement per criterion with bootstrap intervals.",
    query: QueueAgreementQuery,
    response: QueueAgreement,
  }),
  "GET /api/stats/progress": route({
    policy: ADMIN,
    summary: "Progress per queue and per reviewer.",
    query: QueueProgressQuery,
    response: QueueProgressResponse,
  }),
  "GET /api/export/ratings.csv": route({
    policy: ADMIN,
    summary: "Ratings as tidy (or wide) CSV, streamed.",
    query: ExportQuery,
    response: { ...CSV, description: "The ratings, one row per rated criterion (layout=wide: one per item)." },
    log: {
      action: "export",
      resourceType: "export",
      resourceId: async ({ query }) => `ratings.csv?${described(query)}`,
    },
  }),
  "GET /api/export/ratings.jsonl": route({
    policy: ADMIN,
    summary: "Ratings as JSON lines, streamed.",
    query: ExportQuery,
    response: { contentType: "application/x-ndjson", description: "The same rows as the CSV, one JSON object a line." },
    log: {
      action: "export",
      resourceType: "export",
      resourceId: async ({ query }) => `ratings.jsonl?${described(query)}`,
    },
  }),
  "GET /api/export/codebook.json": route({
    policy: ADMIN,
    summary: "The export's codebook: every column, the wide layout's rater columns, every criterion with its values.",
    query: ExportQuery,
    response: { contentType: "application/json", description: "The codebook, as a file (content-disposition)." },
    // Logged like an export: it lists rater ids.
    log: {
      action: "export",
      resourceType: "export",
      resourceId: async ({ query }) => `codebook.json?queue=${query.queue ?? "all"}`,
    },
  }),
  "GET /api/export/codebook.csv": route({
    policy: ADMIN,
    summary: "The same codebook as a CSV data dictionary.",
    query: ExportQuery,
    response: { ...CSV, description: "The codebook as a data dictionary." },
    log: {
      action: "export",
      resourceType: "export",
      resourceId: async ({ query }) => `codebook.csv?queue=${query.queue ?? "all"}`,
    },
  }),
} as const;

/** The access log's name of a ratings export: what was asked for, never what it held. */
function described(query: z.output<typeof ExportQuery>): string {
  return new URLSearchParams({
    queue: query.queue ?? "all",
    layout: query.layout,
    include: query.include,
    pseudonymize: String(query.pseudonymize),
  }).toString();
}

export type ApiRoute = keyof typeof API_ROUTES;

/** "GET /api/queues/[id]/items/[itemId]" → "id" | "itemId". */
type ParamNames<P extends string> = P extends `${string}[${infer Name}]${infer Rest}`
  ? (Name extends `...${infer Spread}` ? Spread : Name) | ParamNames<Rest>
  : never;
export type RouteParams<Route extends string> = { [Name in ParamNames<Route>]: string };

type SchemaOf<S> = [NonNullable<S>] extends [never]
  ? undefined
  : NonNullable<S> extends z.ZodType
    ? NonNullable<S>
    : undefined;
export type RouteQuery<Route extends ApiRoute> =
  SchemaOf<(typeof API_ROUTES)[Route]["query"]> extends z.ZodType
    ? z.output<SchemaOf<(typeof API_ROUTES)[Route]["query"]>>
    : undefined;
export type RouteBody<Route extends ApiRoute> =
  SchemaOf<(typeof API_ROUTES)[Route]["body"]> extends z.ZodType
    ? z.output<SchemaOf<(typeof API_ROUTES)[Route]["body"]>>
    : undefined;

/** The route's spec, typed loosely for code that walks the whole table. */
export function routeSpec(route: ApiRoute): RouteSpec {
  return API_ROUTES[route] as RouteSpec;
}

/** The path's [param] names, in order. */
export function pathParamNames(pattern: string): string[] {
  return [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((match) => match[1]);
}
