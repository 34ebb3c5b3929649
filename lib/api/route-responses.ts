// Response schemas of the routes whose modules answer with TypeScript types rather than zod
// schemas (the review routes' answers are the *.types.ts schemas beside lib/review). They
// document the answers in /api/openapi.json: the top-level fields exactly, deeper records
// by their main fields (looseObject: the answer may carry more). The handlers do not parse
// their answers through these; the review routes' own schemas do.
import { z } from "zod";
import { ROLES } from "../auth/roles";

const Time = z.string().describe("ISO 8601");
const Cursor = z.string().nullable().describe("Pass back as cursor for the next page; null on the last page.");

export const Health = z.object({
  ok: z.boolean(),
  database: z.object({ ok: z.boolean(), error: z.string().optional() }),
  migrations: z.object({ ok: z.boolean(), applied: z.number(), pending: z.array(z.string()) }),
  backends: z.array(z.looseObject({ id: z.string(), ok: z.boolean() })),
  backendConfigError: z.string().optional(),
});

export const OpenApiDocument = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({}),
  paths: z.looseObject({}),
});

const PatientListItem = z.object({
  id: z.string(),
  source: z.string(),
  externalId: z.string(),
  name: z.string().nullable(),
  gender: z.string().nullable(),
  anchorAge: z.number().nullable(),
  deathTime: Time.nullable(),
  admissions: z.number(),
  events: z.number(),
  runs: z.number(),
  lastAdmission: Time.nullable(),
  assignedToMe: z.boolean(),
});

export const PatientPage = z.object({
  patients: z.array(PatientListItem),
  nextCursor: Cursor,
  prevCursor: z.string().nullable(),
  total: z.number(),
});

export const PatientDetail = z.looseObject({
  id: z.string(),
  source: z.string(),
  externalId: z.string(),
  encounters: z.array(z.looseObject({ id: z.string() })),
});

const TimelineEvent = z.looseObject({
  id: z.string(),
  time: Time,
  endTime: Time.nullable(),
  category: z.string(),
  label: z.string(),
  valueNum: z.number().nullable(),
  valueText: z.string().nullable(),
  unit: z.string().nullable(),
});

export const EventSlice = z.union([
  z.object({
    kind: z.literal("events"),
    events: z.array(TimelineEvent),
    nextCursor: Cursor,
    total: z.number().nullable(),
  }),
  z.object({
    kind: z.literal("bins"),
    from: Time,
    to: Time,
    binMs: z.number(),
    binCount: z.number(),
    total: z.number(),
    counts: z.record(z.string(), z.array(z.number())),
  }),
]);

export const TrendResponse = z.object({
  from: Time,
  to: Time,
  series: z.array(
    z.looseObject({
      key: z.string(),
      category: z.string(),
      label: z.string(),
      unit: z.string().nullable(),
      count: z.number(),
      points: z.array(z.object({ id: z.string(), time: Time, value: z.number(), abnormal: z.boolean() })),
    }),
  ),
});

const ApiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: Time,
  lastUsedAt: Time.nullable(),
  expiresAt: Time.nullable(),
  revokedAt: Time.nullable(),
});
export const ListTokensResponse = z.object({ tokens: z.array(ApiTokenView) });
export const CreateTokenResponse = z.object({
  token: z.string().describe("The token itself: shown this once."),
  record: ApiTokenView,
});

const UserView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  active: z.boolean(),
  lockedUntil: Time.nullable(),
  createdAt: Time,
});
export const ListUsersResponse = z.object({ users: z.array(UserView) });
export const UserResponse = z.object({ user: UserView });

export const AccessLogPage = z.object({
  rows: z.array(
    z.looseObject({
      id: z.string(),
      at: Time,
      email: z.string().nullable(),
      action: z.string(),
      resourceType: z.string(),
      resourceId: z.string().nullable(),
      route: z.string().nullable(),
    }),
  ),
  nextCursor: Cursor,
});

const ImportJob = z.looseObject({ id: z.string(), status: z.string(), createdAt: Time });
export const ListImportsResponse = z.object({ jobs: z.array(ImportJob), roots: z.array(z.string()) });
export const ImportJobResponse = z.object({ job: ImportJob });
export const StartImportResponse = z.object({ jobId: z.string() });

export const TaskOptions = z.object({
  tasks: z.array(z.looseObject({ key: z.string(), title: z.string() })),
  admissions: z.array(z.looseObject({ encounterId: z.string() })),
});

export const ListBackendsResponse = z.object({
  backends: z.array(z.looseObject({ id: z.string(), name: z.string(), kind: z.string(), hasApiKey: z.boolean() })),
});

const BackendSummary = z.looseObject({ id: z.string(), name: z.string() });
const RunSummary = z.looseObject({
  id: z.string(),
  status: z.string(),
  patient: z.object({ id: z.string(), externalId: z.string() }),
  task: z.object({ key: z.string(), title: z.string() }),
  backend: BackendSummary,
  cutoff: Time,
  createdAt: Time,
  finishedAt: Time.nullable(),
});
export const RunPage = z.object({ runs: z.array(RunSummary), nextCursor: Cursor });
export const RunId = z.object({ id: z.string() });
export const RunDetail = z.looseObject({
  id: z.string(),
  status: z.string(),
  lastSeq: z.number(),
  patient: z.object({ id: z.string(), externalId: z.string(), source: z.string() }),
  task: z.looseObject({ key: z.string(), title: z.string() }),
  backend: BackendSummary,
  isBlinded: z.boolean(),
  cutoff: Time,
});
export const RunPrompt = z.looseObject({
  system: z.string(),
  prompt: z.string().nullable(),
  promptHash: z.string().nullable(),
  promptTokens: z.number().nullable(),
  cutText: z.string().nullable(),
  backend: BackendSummary,
});
export const CancelRunResponse = z.object({ status: z.string() });

const BatchProgress = z.object({
  id: z.string(),
  taskKey: z.string(),
  taskTitle: z.string(),
  backendId: z.string(),
  backendName: z.string(),
  concurrency: z.number(),
  createdAt: Time,
  finishedAt: Time.nullable(),
  total: z.number(),
  counts: z.record(z.string(), z.number()),
});
export const BatchProgressResponse = BatchProgress;
export const ListBatchesResponse = z.object({ batches: z.array(BatchProgress) });
export const CreateBatchResponse = z.object({
  id: z.string(),
  runs: z.number(),
  skipped: z.array(z.object({ patient: z.string(), reason: z.string() })),
});

export const ScorecardResponse = z.object({
  rows: z.array(z.looseObject({ taskKey: z.string(), backendId: z.string() })),
});

export const FinalLabelResponse = z.object({
  finalLabel: z
    .object({
      criterion: z.string(),
      value: z.union([z.number(), z.string()]),
      note: z.string(),
      decidedBy: z.string().nullable(),
      updatedAt: Time,
    })
    .nullable(),
});
