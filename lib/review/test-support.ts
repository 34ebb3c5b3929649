// Factories for the review domain's database tests: users, a patient, finished runs and
// queues written straight through Prisma, so each test states only what it is about.
import type { PrismaClient } from "../db/prisma-client";
import type { ReviewKind } from "./queue-config";

export const REASONING = [
  "## Extraction",
  "Creatinine rose from 1.1 to 2.4 mg/dL over 24 h.",
  "",
  "Urine output fell below 0.5 mL/kg/h.",
  "",
  "## Reasoning",
  "This is acute kidney injury, likely prerenal.",
  "",
  "## Final Results",
  "Basic metabolic panel; urinalysis.",
].join("\n");

let counter = 0;
const next = () => (counter += 1);

export async function createUsers(
  prisma: PrismaClient,
  roles: readonly string[],
): Promise<{ id: string; email: string; role: string }[]> {
  const users = roles.map((role) => {
    const n = next();
    return { id: crypto.randomUUID(), email: `${role}${n}@review.test`, name: `${role} ${n}`, role };
  });
  await prisma.user.createMany({ data: users });
  return users;
}

export async function createPatient(prisma: PrismaClient): Promise<string> {
  const n = next();
  const patient = await prisma.patient.create({
    data: { source: "mimic-iv", externalId: `9${String(n).padStart(7, "0")}`, gender: "F", anchorAge: 70 },
    select: { id: true },
  });
  return patient.id;
}

/** The Task and Backend rows runs and queue items point at. */
export async function createCatalogRows(prisma: PrismaClient): Promise<void> {
  await prisma.task.upsert({
    where: { key: "labevents" },
    update: {},
    create: {
      key: "labevents",
      group: "decision_making",
      answerType: "item_list",
      title: "Lab tests",
      instruction: "Predict the next lab tests.",
      contextRule: "same admission, the 24 h before the cut-off",
      sourceTable: "labevents",
      groundTruth: "the next lab events",
    },
  });
  for (const backend of [
    { id: "baseline", name: "Baseline (not EHR-R1)", kind: "baseline" as const },
    { id: "ehr-r1", name: "EHR-R1 8B", kind: "openai_compatible" as const, model: "BlueZeros/EHR-R1-8B" },
  ]) {
    await prisma.backend.upsert({ where: { id: backend.id }, update: {}, create: backend });
  }
}

export async function createRun(
  prisma: PrismaClient,
  input: {
    patientId: string;
    cutoff?: Date;
    backendId?: string;
    items?: readonly string[];
    status?: "done" | "streaming";
  },
): Promise<string> {
  const items = input.items ?? ["Creatinine", "Potassium", "Urea Nitrogen"];
  const run = await prisma.predictionRun.create({
    data: {
      patientId: input.patientId,
      taskKey: "labevents",
      backendId: input.backendId ?? "baseline",
      modelName: input.backendId === "ehr-r1" ? "BlueZeros/EHR-R1-8B" : "baseline (not EHR-R1)",
      cutoff: input.cutoff ?? new Date("2150-01-02T08:00:00Z"),
      status: input.status ?? "done",
      reasoning: REASONING,
      answer: items.join("\n"),
      items: { create: items.map((label, index) => ({ rank: index + 1, label })) },
    },
    select: { id: true },
  });
  return run.id;
}

export async function createQueue(
  prisma: PrismaClient,
  input: {
    kind?: ReviewKind;
    memberIds: readonly string[];
    items: readonly { patientId: string; runId: string; runBId?: string; cutoff?: Date }[];
    reviewersPerItem?: number;
    reservationMinutes?: number | null;
    hideAfterCutoff?: boolean;
    groundTruthAfterRating?: boolean;
    rubric?: object;
  },
): Promise<{ id: string; itemIds: string[] }> {
  const queue = await prisma.queue.create({
    data: {
      name: `queue ${next()}`,
      kind: input.kind ?? "agreement",
      rubric: input.rubric ?? {},
      reviewersPerItem: input.reviewersPerItem ?? 1,
      reservationMinutes: input.reservationMinutes ?? null,
      hideAfterCutoff: input.hideAfterCutoff ?? false,
      groundTruthAfterRating: input.groundTruthAfterRating ?? false,
      members: { create: input.memberIds.map((userId) => ({ userId })) },
    },
    select: { id: true },
  });
  const itemIds: string[] = [];
  for (const [position, item] of input.items.entries()) {
    const created = await prisma.queueItem.create({
      data: {
        queueId: queue.id,
        patientId: item.patientId,
        taskKey: "labevents",
        cutoff: item.cutoff ?? new Date("2150-01-02T08:00:00Z"),
        backendId: "baseline",
        backendBId: item.runBId ? "ehr-r1" : null,
        runId: item.runId,
        runBId: item.runBId ?? null,
        position,
      },
      select: { id: true },
    });
    itemIds.push(created.id);
  }
  return { id: queue.id, itemIds };
}
