// Queues for the review workspace's browser tests, made through the HTTP API as the study lead
// would script them (the form itself is exercised in review.spec.ts): create, generate the
// baseline runs, wait until every run is done.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import type { Role } from "../lib/auth/roles";
import { demoUser } from "./fixtures";

export type QueueSpec = {
  name: string;
  kind: "agreement" | "rubric" | "pairwise";
  reviewers: Role[];
  patients: string[];
  config?: Record<string, unknown>;
  reviewersPerItem?: number;
  groundTruthAfterRating?: boolean;
  /** The backend of the items' runs: the built-in baseline unless said (the fake EHR-R1 predicts 3 items). */
  backendId?: string;
};

export async function createQueueViaApi(request: APIRequestContext, baseURL: string, spec: QueueSpec): Promise<string> {
  const headers = { origin: baseURL };
  const { users } = (await (await request.get("/api/admin/users")).json()) as {
    users: { id: string; email: string }[];
  };
  const memberIds = spec.reviewers.map((role) => users.find((user) => user.email === demoUser(role).email)!.id);
  const patientIds: string[] = [];
  for (const externalId of spec.patients) {
    const { patients } = await (await request.get(`/api/patients?q=${externalId}`)).json();
    patientIds.push(patients.find((patient: { externalId: string }) => patient.externalId === externalId).id);
  }
  const created = await request.post("/api/queues", {
    headers,
    data: {
      name: spec.name,
      kind: spec.kind,
      config: spec.config ?? {},
      reviewersPerItem: spec.reviewersPerItem ?? 1,
      groundTruthAfterRating: spec.groundTruthAfterRating ?? false,
      memberIds,
      selection: { patientIds, taskKeys: ["labevents"], backendId: spec.backendId ?? "baseline" },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const queueId = (await created.json()).queue.id as string;
  const runs = await request.post(`/api/queues/${queueId}/runs`, { headers });
  expect(runs.status(), await runs.text()).toBe(202);
  await expect
    .poll(
      async () => {
        const { queues } = await (await request.get("/api/queues")).json();
        const queue = queues.find((entry: { id: string }) => entry.id === queueId);
        return queue.counts.awaitingRuns;
      },
      { timeout: 60_000 },
    )
    .toBe(0);
  return queueId;
}

/** Opens the signed-in reviewer's next item of a queue from the Review page. */
export async function startQueue(page: Page, queueName: string) {
  await page.goto("/review");
  await page.getByTestId("review-queue").filter({ hasText: queueName }).getByRole("button").click();
  await page.waitForURL(/\/review\/items\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("review-workspace")).toBeVisible();
}

/** The signed-in rater's saved rating of a run, as the server holds it. */
export async function savedRating(page: Page, runId: string, kind: string) {
  const response = await page.request.get(`/api/runs/${runId}/ratings/me?kind=${kind}`);
  expect(response.ok()).toBeTruthy();
  return (await response.json()).rating as null | {
    status: string;
    version: number;
    items: { rank: number; value: number }[];
    overall: number | null;
    confidence: number | null;
    rubric: Record<string, number | string>;
    comment: string;
  };
}
