// The bad-input sweep of the API (docs/bad-input.md): malformed JSON, wrong types,
// unknown fields, oversized bodies, bad ids, dates and pagination, bad uploads — each against
// the real routes of the production build, with the status and message it must get. None may
// answer 500: that would be a bug (the first sweep found six, now fixed).
import { existsSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { BASE_URL } from "../playwright.config";
import { expect, signInViaApi, test } from "./fixtures";

const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
/** A cursor as the APIs write them (base64url JSON), holding `position`. */
const cursor = (position: object) => Buffer.from(JSON.stringify(position)).toString("base64url");

type Expected = { status: number; message: string | RegExp };
type Case = {
  name: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: (ids: Ids) => string;
  /** JSON-encoded unless a string (sent as is). */
  body?: unknown;
  contentType?: string;
} & Expected;
type Ids = { patient: string; run: string };

const json = "application/json";

const CASES: Case[] = [
  // Bodies: the envelope.
  {
    name: "a body without content-type: application/json",
    method: "POST",
    path: () => "/api/tokens",
    body: '{"name":"x"}',
    contentType: "text/plain",
    status: 400,
    message: "Send a JSON body with content-type: application/json.",
  },
  {
    name: "malformed JSON",
    method: "POST",
    path: () => "/api/tokens",
    body: '{"name":',
    status: 400,
    message: "The body is not valid JSON.",
  },
  {
    name: "an empty body",
    method: "POST",
    path: () => "/api/tokens",
    body: "",
    status: 400,
    message: "The body is not valid JSON.",
  },
  {
    name: "JSON null instead of an object",
    method: "POST",
    path: () => "/api/tokens",
    body: "null",
    status: 400,
    message: "Invalid input: expected object, received null",
  },
  {
    name: "a JSON array instead of an object",
    method: "POST",
    path: () => "/api/tokens",
    body: "[]",
    status: 400,
    message: "Invalid input: expected object, received array",
  },
  // Bodies: fields.
  {
    name: "a number where a string belongs",
    method: "POST",
    path: () => "/api/tokens",
    body: { name: 42 },
    status: 400,
    message: "name: Invalid input: expected string, received number",
  },
  {
    name: "a blank name",
    method: "POST",
    path: () => "/api/tokens",
    body: { name: "   " },
    status: 400,
    message: "name: give the token a name",
  },
  {
    name: "an oversized body (a 5 MB field)",
    method: "POST",
    path: () => "/api/tokens",
    body: { name: "x".repeat(5_000_000) },
    status: 400,
    message: "name: Too big: expected string to have <=100 characters",
  },
  {
    name: "a number out of range",
    method: "POST",
    path: () => "/api/tokens",
    body: { name: "t", expiresInDays: 1e12 },
    status: 400,
    message: "expiresInDays: Too big: expected number to be <=3650",
  },
  {
    name: "a string where a number belongs",
    method: "POST",
    path: () => "/api/tokens",
    body: { name: "t", expiresInDays: "30" },
    status: 400,
    message: "expiresInDays: Invalid input: expected number, received string",
  },
  {
    name: "a run for a patient id that is not a UUID",
    method: "POST",
    path: () => "/api/runs",
    body: { patientId: "p1", taskKey: "labevents", cutoff: "2150-01-01T00:00:00Z" },
    status: 400,
    message: "patientId: Invalid UUID",
  },
  {
    name: "a run for a patient that does not exist",
    method: "POST",
    path: () => "/api/runs",
    body: { patientId: NO_SUCH_ID, taskKey: "labevents", cutoff: "2150-01-01T00:00:00Z" },
    status: 404,
    message: "Patient not found.",
  },
  {
    name: "a run with a cut-off that is not an ISO time",
    method: "POST",
    path: () => "/api/runs",
    body: "patient-cutoff:yesterday",
    status: 400,
    message: "cutoff: Invalid ISO datetime",
  },
  {
    name: "a run with a cut-off without a time zone",
    method: "POST",
    path: () => "/api/runs",
    body: "patient-cutoff:2150-01-01T00:00:00",
    status: 400,
    message: "cutoff: Invalid ISO datetime",
  },
  {
    name: "a run of an unknown task",
    method: "POST",
    path: () => "/api/runs",
    body: "patient-task:bogus",
    status: 400,
    message: 'taskKey: unknown task "bogus" (GET /api/tasks lists them)',
  },
  {
    name: "a run on an unknown backend",
    method: "POST",
    path: () => "/api/runs",
    body: "patient-backend:bogus",
    status: 400,
    message: /^backendId: no backend "bogus" is configured \(configured: /,
  },
  {
    name: "a user with a malformed email",
    method: "POST",
    path: () => "/api/admin/users",
    body: { email: "nope", roles: ["clinician"], password: "long-enough-pw" },
    status: 400,
    message: "email: Invalid email address",
  },
  {
    name: "a user with an unknown role",
    method: "POST",
    path: () => "/api/admin/users",
    body: { email: "x@example.org", roles: ["god"], password: "long-enough-pw" },
    status: 400,
    message: 'roles.0: Invalid option: expected one of "admin"|"clinician"|"annotator"',
  },
  {
    name: "a user with a short password",
    method: "POST",
    path: () => "/api/admin/users",
    body: { email: "x@example.org", roles: ["clinician"], password: "short" },
    status: 400,
    message: "password: at least 10 characters",
  },
  {
    name: "an empty change to a user",
    method: "PATCH",
    path: () => `/api/admin/users/${NO_SUCH_ID}`,
    body: {},
    status: 400,
    message: "nothing to change",
  },
  {
    name: "a batch of an unknown task",
    method: "POST",
    path: () => "/api/batches",
    body: { taskKey: "bogus", patients: "all" },
    status: 400,
    message: 'taskKey: unknown task "bogus" (GET /api/tasks lists them)',
  },
  {
    name: "a batch over too high a concurrency",
    method: "POST",
    path: () => "/api/batches",
    body: { taskKey: "labevents", patients: "all", concurrency: 100 },
    status: 400,
    message: "concurrency: Too big: expected number to be <=16",
  },
  {
    name: "a batch of patients that do not exist",
    method: "POST",
    path: () => "/api/batches",
    body: { taskKey: "labevents", patients: ["nobody"] },
    status: 400,
    message: 'No patient can run "Next laboratory tests".',
  },
  {
    name: "a queue without a name",
    method: "POST",
    path: () => "/api/queues",
    body: {},
    status: 400,
    message: "name: Invalid input: expected string, received undefined",
  },
  {
    name: "a queue edit that changes nothing",
    method: "PATCH",
    path: () => `/api/queues/${NO_SUCH_ID}`,
    body: {},
    status: 400,
    message: "change at least one of name, guidelines, reviewersPerItem, memberIds, archived",
  },
  {
    // The protocol ratings were made under is not editable: asking for it is refused, not ignored.
    name: "a queue edit of its kind",
    method: "PATCH",
    path: () => `/api/queues/${NO_SUCH_ID}`,
    body: { kind: "rubric" },
    status: 400,
    message: /Unrecognized key: "kind"/,
  },
  {
    name: "a queue edit of a queue that does not exist",
    method: "PATCH",
    path: () => `/api/queues/${NO_SUCH_ID}`,
    body: { name: "x" },
    status: 404,
    message: "Queue not found.",
  },
  {
    name: "items added without items or a selection",
    method: "POST",
    path: () => `/api/queues/${NO_SUCH_ID}/items`,
    body: {},
    status: 400,
    message: "items: give either items or a selection",
  },
  {
    name: "a flag without a note",
    method: "POST",
    path: () => `/api/queues/${NO_SUCH_ID}/items/${NO_SUCH_ID}/flags`,
    body: { note: " " },
    status: 400,
    message: "note: say what is wrong",
  },
  {
    name: "a flag resolved on a flag that does not exist",
    method: "PATCH",
    path: () => `/api/queues/${NO_SUCH_ID}/flags/${NO_SUCH_ID}`,
    body: { resolved: true },
    status: 404,
    message: "Flag not found.",
  },
  {
    name: "a rating of an unknown kind",
    method: "PUT",
    path: ({ run }) => `/api/runs/${run}/ratings/me`,
    body: { kind: "stars", version: 0 },
    status: 400,
    message: 'kind: Invalid option: expected one of "agreement"|"rubric"|"pairwise"',
  },
  {
    name: "a rating with a negative version",
    method: "PUT",
    path: ({ run }) => `/api/runs/${run}/ratings/me`,
    body: { kind: "agreement", version: -1 },
    status: 400,
    message: "version: Too small: expected number to be >=0",
  },
  {
    name: "a rating edited from a version that does not exist (stale)",
    method: "PUT",
    path: ({ run }) => `/api/runs/${run}/ratings/me`,
    body: { kind: "agreement", version: 999 },
    status: 409,
    message: /version/i,
  },
  {
    name: "a rating of a run that does not exist",
    method: "PUT",
    path: () => `/api/runs/${NO_SUCH_ID}/ratings/me`,
    body: { kind: "agreement", version: 0 },
    status: 404,
    message: "Run not found.",
  },
  // Query strings: pagination, dates, enums.
  {
    name: "a page size that is not a number",
    method: "GET",
    path: () => "/api/patients?limit=abc",
    status: 400,
    message: "limit: Invalid input: expected number, received NaN",
  },
  {
    name: "a page size of 0",
    method: "GET",
    path: () => "/api/patients?limit=0",
    status: 400,
    message: "limit: Too small: expected number to be >=1",
  },
  {
    name: "a page size above the maximum",
    method: "GET",
    path: () => "/api/patients?limit=1000",
    status: 400,
    message: "limit: Too big: expected number to be <=200",
  },
  {
    name: "a fractional page size",
    method: "GET",
    path: () => "/api/runs?limit=1.5",
    status: 400,
    message: "limit: Invalid input: expected int, received number",
  },
  {
    name: "an unknown sort",
    method: "GET",
    path: () => "/api/patients?sort=age",
    status: 400,
    message: /^sort: Invalid option: expected one of "externalId"\|/,
  },
  {
    name: "a garbage patient-list cursor",
    method: "GET",
    path: () => "/api/patients?cursor=garbage",
    status: 400,
    message: "cursor: not a cursor",
  },
  {
    name: "a garbage events cursor",
    method: "GET",
    path: ({ patient }) => `/api/patients/${patient}/events?cursor=garbage`,
    status: 400,
    message: "cursor: not a cursor",
  },
  {
    name: "an events cursor whose id overflows bigint (was 500)",
    method: "GET",
    path: ({ patient }) =>
      `/api/patients/${patient}/events?cursor=${cursor({ time: "2150-01-01T00:00:00.000Z", id: "9999999999999999999" })}`,
    status: 400,
    message: "cursor: not a cursor",
  },
  {
    name: "an events cursor at a time PostgreSQL cannot take (was 500)",
    method: "GET",
    path: ({ patient }) =>
      `/api/patients/${patient}/events?cursor=${cursor({ time: "-271821-04-20T00:00:00.000Z", id: "1" })}`,
    status: 400,
    message: "cursor: not a cursor",
  },
  {
    name: "an events window that is not a time",
    method: "GET",
    path: ({ patient }) => `/api/patients/${patient}/events?from=yesterday`,
    status: 400,
    message: "from: not a time between the years 1 and 9999",
  },
  {
    name: "an events window in year -200000 (was 500)",
    method: "GET",
    path: ({ patient }) => `/api/patients/${patient}/events?from=-200000-01-01`,
    status: 400,
    message: "from: not a time between the years 1 and 9999",
  },
  {
    name: "binned events in year -200000 (was 500)",
    method: "GET",
    path: ({ patient }) => `/api/patients/${patient}/events?bins=10&to=-200000-01-01`,
    status: 400,
    message: "to: not a time between the years 1 and 9999",
  },
  {
    name: "trends in year -200000 (was 500)",
    method: "GET",
    path: ({ patient }) => `/api/patients/${patient}/trends?from=-200000-01-01`,
    status: 400,
    message: "from: not a time between the years 1 and 9999",
  },
  {
    name: "an events window that ends before it starts",
    method: "GET",
    path: ({ patient }) => `/api/patients/${patient}/events?from=2150-02-01&to=2150-01-01`,
    status: 400,
    message: "to: from must be before to",
  },
  {
    name: "an unknown event category",
    method: "GET",
    path: ({ patient }) => `/api/patients/${patient}/events?category=lab,bogus`,
    status: 400,
    message: /^category\.1: Invalid option: expected one of /,
  },
  {
    name: "a detail flag that is not a flag",
    method: "GET",
    path: ({ patient }) => `/api/patients/${patient}/events?detail=maybe`,
    status: 400,
    message: 'detail: Invalid option: expected one of "0"|"1"|"true"|"false"',
  },
  {
    name: "too few trend points",
    method: "GET",
    path: ({ patient }) => `/api/patients/${patient}/trends?points=1`,
    status: 400,
    message: "points: Too small: expected number to be >=2",
  },
  {
    name: "a runs cursor at a time PostgreSQL cannot take (was 500)",
    method: "GET",
    path: () => `/api/runs?cursor=${cursor({ createdAt: "-271821-04-20T00:00:00.000Z", id: "x" })}`,
    status: 400,
    message: "cursor: not a cursor",
  },
  {
    name: "an unknown run status",
    method: "GET",
    path: () => "/api/runs?status=bogus",
    status: 400,
    message: /^status: Invalid option: expected one of /,
  },
  {
    name: "a batch filter that is not a UUID",
    method: "GET",
    path: () => "/api/runs?batch=b1",
    status: 400,
    message: "batch: Invalid UUID",
  },
  {
    name: "an access-log cursor that overflows bigint (was 500)",
    method: "GET",
    path: () => `/api/admin/access-log?cursor=${cursor({ id: "9999999999999999999" })}`,
    status: 400,
    message: "cursor: not a cursor",
  },
  {
    name: "an access-log date in year -200000 (was 500)",
    method: "GET",
    path: () => "/api/admin/access-log?from=-200000-01-01",
    status: 400,
    message: "from: not a time between the years 1 and 9999",
  },
  {
    name: "an access-log date that is not a date",
    method: "GET",
    path: () => "/api/admin/access-log?to=garbage",
    status: 400,
    message: "to: not a time between the years 1 and 9999",
  },
  {
    name: "an unknown export format",
    method: "GET",
    path: () => "/api/admin/access-log?format=xml",
    status: 400,
    message: 'format: Invalid option: expected one of "json"|"csv"',
  },
  {
    name: "an export of a queue id that is not a UUID",
    method: "GET",
    path: () => "/api/export/ratings.csv?queue=q1",
    status: 400,
    message: "queue: Invalid UUID",
  },
  {
    name: "an unknown export layout",
    method: "GET",
    path: () => "/api/export/ratings.csv?layout=tall",
    status: 400,
    message: 'layout: Invalid option: expected one of "tidy"|"wide"',
  },
  {
    name: "agreement statistics without a queue",
    method: "GET",
    path: () => "/api/stats/agreement",
    status: 400,
    message: "queue: Invalid input: expected string, received undefined",
  },
  // Bad ids in the path: 404, whether malformed or unknown.
  ...(
    [
      ["/api/patients/p1", "Patient"],
      [`/api/patients/${NO_SUCH_ID}`, "Patient"],
      ["/api/patients/p1/events", "Patient"],
      ["/api/patients/p1/trends", "Patient"],
      ["/api/tasks?patientId=p1", "Patient"],
      ["/api/runs/r1", "Run"],
      [`/api/runs/${NO_SUCH_ID}`, "Run"],
      ["/api/runs/r1/stream", "Run"],
      ["/api/runs/r1/prompt", "Run"],
      ["/api/runs/r1/ratings", "Run"],
      ["/api/admin/imports/i1", "Import job"],
      ["/api/batches/b1", "Batch"],
      ["/api/queues/q1/next", "Queue"],
    ] as const
  ).map(([path, what]): Case => ({
    name: `GET ${path}`,
    method: "GET",
    path: () => path,
    status: 404,
    message: `${what} not found.`,
  })),
  {
    name: "DELETE a token that does not exist",
    method: "DELETE",
    path: () => "/api/tokens/t1",
    status: 404,
    message: "Token not found.",
  },
  {
    name: "PATCH a user that does not exist",
    method: "PATCH",
    path: () => "/api/admin/users/u1",
    body: { active: false },
    status: 404,
    message: "User not found.",
  },
  {
    name: "cancel a run that does not exist",
    method: "POST",
    path: () => "/api/runs/r1/cancel",
    status: 404,
    message: "Run not found.",
  },
  // Imports from a server folder.
  {
    name: "an import of a folder outside IMPORT_DIRS",
    method: "POST",
    path: () => "/api/admin/imports",
    body: { directory: "/etc" },
    status: 400,
    message: /^Imports may only read from: .* \(set IMPORT_DIRS to change this\)\.$/,
  },
  {
    name: "an import of a folder escaping IMPORT_DIRS with ..",
    method: "POST",
    path: () => "/api/admin/imports",
    body: { directory: "../../" },
    status: 400,
    message: /^Imports may only read from: /,
  },
  {
    name: "an import without a folder",
    method: "POST",
    path: () => "/api/admin/imports",
    body: {},
    status: 400,
    message: "directory: Invalid input: expected string, received undefined",
  },
];

/** Run bodies for the demo patient, written "patient-<field>:<value>" in the cases. */
function runBody(ids: Ids, spec: string) {
  const [kind, value] = spec.split(/:(.*)/s);
  const base = { patientId: ids.patient, taskKey: "labevents", cutoff: "2150-01-01T00:00:00Z", backendId: "baseline" };
  if (kind === "patient-cutoff") return { ...base, cutoff: value };
  if (kind === "patient-task") return { ...base, taskKey: value };
  if (kind === "patient-backend") return { ...base, backendId: value };
  throw new Error(`unknown body spec ${spec}`);
}

async function send(request: APIRequestContext, ids: Ids, testCase: Case) {
  let data: string | undefined;
  if (typeof testCase.body === "string" && testCase.body.startsWith("patient-"))
    data = JSON.stringify(runBody(ids, testCase.body));
  else if (typeof testCase.body === "string") data = testCase.body;
  // A Buffer goes out byte for byte (Playwright would JSON-encode a string).
  else if (testCase.body !== undefined) data = JSON.stringify(testCase.body);
  const response = await request.fetch(testCase.path(ids), {
    method: testCase.method,
    headers: { origin: BASE_URL, ...(data !== undefined ? { "content-type": testCase.contentType ?? json } : {}) },
    data: data === undefined ? undefined : Buffer.from(data),
  });
  return response;
}

test.describe("bad input gets a 4xx naming the problem, never a 500", () => {
  let ids: Ids;

  test.beforeAll(async ({ playwright }) => {
    const request = await playwright.request.newContext({ baseURL: BASE_URL });
    await signInViaApi(request, "admin", BASE_URL);
    const { patients } = await (await request.get("/api/patients?limit=1")).json();
    const patient: string = patients[0].id;
    const tasks = await (await request.get(`/api/tasks?patientId=${patient}`)).json();
    const cutoff = (tasks.admissions as Array<{ cutoffs: Record<string, string | null> }>)
      .map((a) => a.cutoffs.labevents)
      .find(Boolean);
    const created = await request.post("/api/runs", {
      headers: { origin: BASE_URL },
      data: { patientId: patient, taskKey: "labevents", cutoff, backendId: "baseline" },
    });
    expect(created.status(), await created.text()).toBe(201);
    ids = { patient, run: (await created.json()).id };
    await request.dispose();
  });

  for (const testCase of CASES) {
    test(`${testCase.method} ${testCase.name} → ${testCase.status}`, async ({ request }) => {
      await signInViaApi(request, "admin", BASE_URL);
      const response = await send(request, ids, testCase);
      const body = await response.json();
      expect({ status: response.status(), code: typeof body.error?.code }).toEqual({
        status: testCase.status,
        code: "string",
      });
      if (typeof testCase.message === "string") expect(body.error.message).toBe(testCase.message);
      else expect(body.error.message).toMatch(testCase.message);
    });
  }

  test("unknown fields in a body are ignored, not stored", async ({ request }) => {
    await signInViaApi(request, "admin", BASE_URL);
    const response = await request.post("/api/tokens", {
      headers: { origin: BASE_URL },
      data: { name: "unknown-fields", admin: true, userId: NO_SUCH_ID },
    });
    expect(response.status()).toBe(201);
    const { record } = await response.json();
    expect(Object.keys(record).sort()).toEqual([
      "createdAt",
      "expiresAt",
      "id",
      "lastUsedAt",
      "name",
      "prefix",
      "revokedAt",
    ]);
    expect(record.name).toBe("unknown-fields");
  });

  test.describe("uploads (admin import)", () => {
    const upload = async (request: APIRequestContext, multipart: Record<string, unknown>) => {
      await signInViaApi(request, "admin", BASE_URL);
      const response = await request.post("/api/admin/imports", {
        headers: { origin: BASE_URL },
        multipart: multipart as never,
      });
      return { status: response.status(), body: await response.json() };
    };
    const file = { name: "Patient.ndjson", mimeType: "application/x-ndjson", buffer: Buffer.from("{}\n") };

    test("no file", async ({ request }) => {
      expect(await upload(request, { format: "fhir" })).toEqual({
        status: 400,
        body: { error: { code: "invalid_request", message: "Choose at least one file to upload." } },
      });
    });

    test("an unknown format", async ({ request }) => {
      expect(await upload(request, { files: file, format: "csv" })).toEqual({
        status: 400,
        body: { error: { code: "invalid_request", message: "format must be mimic-iv or fhir" } },
      });
    });

    test("a relative path made only of ..", async ({ request }) => {
      expect(await upload(request, { files: file, paths: "../.." })).toEqual({
        status: 400,
        body: { error: { code: "invalid_request", message: "Bad file name: ../.." } },
      });
    });

    test("a relative path climbing out with .. is kept inside the upload folder", async ({ request }) => {
      const name = `escape-${Date.now()}.ndjson`;
      const { status, body } = await upload(request, { files: file, paths: `../../../../tmp/${name}` });
      // Saved as uploads/<id>/tmp/<name>: inside the upload folder, where it is not a file the
      // importer recognises; nothing was written outside.
      expect(status).toBe(400);
      expect(body.error.message).toMatch(
        /\/uploads\/[0-9a-f-]{36}: no MIMIC-IV tables or FHIR files found; pass --format$/,
      );
      expect(existsSync(path.join("/tmp", name))).toBe(false);
    });
  });
});
