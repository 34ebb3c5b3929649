// The OpenAPI 3.1 document served at /api/openapi.json: every route of the route policy,
// with who may call it and what it does. A unit test fails when a route has no entry here,
// so the document cannot fall behind the app.
import { API_POLICY, type ApiRoute } from "../auth/route-policy";

export const ROUTE_DOCS: Record<ApiRoute, string> = {
  "GET /api/health": "Database reachable, migrations applied, backends reachable. No data.",
  "GET /api/openapi.json": "This document.",
  "GET /api/auth/[...all]": "better-auth: session, OIDC callback.",
  "POST /api/auth/[...all]": "better-auth: sign-in (email/password or OIDC), sign-out.",
  "GET /api/patients": "Patients: search (q), filters (source, hasRuns, assigned=me), sort, keyset pages.",
  "GET /api/patients/[id]": "One patient: demographics, encounters, extent, counts. Logged.",
  "GET /api/patients/[id]/events": "Events by time window and category, keyset pages; binned counts at coarse zoom.",
  "GET /api/patients/[id]/trends": "Lab and vital series per test, downsampled keeping extremes.",
  "GET /api/tokens": "The caller's API tokens (never the token itself).",
  "POST /api/tokens": "Create an API token {name, expiresInDays?}; the token is returned once.",
  "DELETE /api/tokens/[id]": "Revoke one of the caller's tokens.",
  "GET /api/admin/users": "All accounts with roles and status.",
  "POST /api/admin/users": "Create a local account {email, name?, roles, password}.",
  "PATCH /api/admin/users/[id]": "Change roles, name, active (deactivate/reactivate), unlock.",
  "GET /api/admin/access-log": "The access log, filtered; format=csv streams an export.",
  "GET /api/admin/imports": "Import jobs with live progress, and the allowed server folders.",
  "POST /api/admin/imports": "Start an import: JSON {directory, format?, dryRun?} or multipart file upload.",
  "GET /api/admin/imports/[id]": "One import job: counts, sources, rejected rows.",
  "GET /api/tasks": "The EHR-Bench task catalog, with availability for the imported tables.",
  "GET /api/backends": "Configured model backends, without secrets.",
  "GET /api/runs": "Prediction runs, filtered by patient, task, backend, status.",
  "POST /api/runs": "Start a run {patientId, taskKey, cutoff, backendId?} → {id}.",
  "GET /api/runs/[id]": "One run: status, reasoning, answer, items, usage, errors. Logged.",
  "GET /api/runs/[id]/stream":
    "Server-sent events of a run (reasoning, answer, retry, done, error); resumes from Last-Event-ID.",
  "GET /api/runs/[id]/prompt":
    "The exact prompt sent, its thinking switch, its real token count, and what was cut from its left.",
  "POST /api/runs/[id]/cancel": "Cancel a queued or streaming run.",
  "POST /api/runs/[id]/retry": "Start a new run with the same inputs.",
  "GET /api/batches": "Batches of runs with progress.",
  "POST /api/batches": "Run a task over many patients with a concurrency limit.",
  "GET /api/batches/[id]": "One batch's progress.",
  "POST /api/batches/[id]/cancel": "Cancel the batch's runs that have not finished.",
  "GET /api/scorecard": "Per task and backend: precision/recall/F1 or accuracy/AUROC against ground truth.",
  "GET /api/runs/[id]/ratings": "Ratings of a run: the caller's own (admins: all). Blind rules apply.",
  "GET /api/runs/[id]/ratings/me": "The caller's rating (draft or submitted) with its version.",
  "PUT /api/runs/[id]/ratings/me":
    "Save the caller's rating {kind, overall, items, rubric, steps, comment, version}; 409 on a stale version.",
  "GET /api/queues": "Review queues the caller can see, with progress; archived=include adds archived ones (admins).",
  "POST /api/queues": "Create a queue (items, rubric, reviewers per item, members, blind protocol).",
  "PATCH /api/queues/[id]":
    "Edit a queue {name, guidelines, reviewersPerItem, memberIds, archived}; removed members' held items are released, their ratings stay.",
  "POST /api/queues/[id]/items": "Add items to a queue {items | selection}, as when creating it.",
  "POST /api/queues/[id]/items/[itemId]/flags":
    "Flag an item one was given for the study lead {note}; neither a rating nor a skip.",
  "PATCH /api/queues/[id]/flags/[flagId]": "Mark a reviewer's flag resolved {resolved: true} or open again.",
  "POST /api/queues/preview":
    "Dry run of a queue's selection {kind, selection}: the item count and each skipped (patient, task) with its reason.",
  "GET /api/queues/[id]/next": "The caller's next item: one they have not done, reserved for them.",
  "POST /api/queues/[id]/items/[itemId]/skip":
    "Skip a held item {reason: cannot_assess | not_my_specialty | other, note}: back to the pool, missing for the caller.",
  "POST /api/queues/[id]/runs": "Generate the runs of a queue's items in a batch.",
  "PUT /api/queues/[id]/items/[itemId]/final-labels":
    "Adjudication: set the final label {criterion, value, note} of an item (value null clears it).",
  "GET /api/stats/agreement": "Inter-rater agreement per criterion with bootstrap intervals.",
  "GET /api/stats/progress": "Progress per queue and per reviewer.",
  "GET /api/export/ratings.csv": "Ratings as tidy (or wide) CSV, streamed. Logged.",
  "GET /api/export/ratings.jsonl": "Ratings as JSON lines, streamed. Logged.",
  "GET /api/export/codebook.json":
    "The export's codebook: every column, the wide layout's rater columns, every criterion with its values. Logged.",
  "GET /api/export/codebook.csv": "The same codebook as a CSV data dictionary. Logged.",
};

function pathParameters(pattern: string) {
  return [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((match) => ({
    name: match[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [route, policy] of Object.entries(API_POLICY) as [ApiRoute, (typeof API_POLICY)[ApiRoute]][]) {
    const [method, pattern] = route.split(" ");
    const openApiPath = pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, "{$1}");
    const roles = policy === "public" ? "anyone" : policy.length === 0 ? "any signed-in user" : policy.join(", ");
    paths[openApiPath] ??= {};
    paths[openApiPath][method.toLowerCase()] = {
      summary: ROUTE_DOCS[route],
      description: `Who: ${roles}.`,
      parameters: pathParameters(pattern),
      security: policy === "public" ? [] : [{ bearer: [] }, { session: [] }],
      responses: {
        "200": { description: "OK" },
        ...(policy === "public"
          ? {}
          : { "401": { $ref: "#/components/responses/Error" }, "403": { $ref: "#/components/responses/Error" } }),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "EHR-R1 Review", version: "1" },
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An API token (npm run token:create or the account page).",
        },
        session: { type: "apiKey", in: "cookie", name: "better-auth.session_token" },
      },
      responses: {
        Error: {
          description: "An error",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } } },
                },
              },
            },
          },
        },
      },
    },
  };
}
