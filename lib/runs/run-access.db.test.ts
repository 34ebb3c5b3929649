// Who may read a run: admins, its starter, members of a queue holding it; nobody else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import type * as AccessModule from "./run-access";
import type * as CreateModule from "./create-run";
import type * as ListModule from "./list-runs";
import { CUTOFF, seedConcepts, seedPatient, seedUser } from "./test-support";

let database: TestDatabase;
let modules: { access: typeof AccessModule; create: typeof CreateModule; list: typeof ListModule };

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  delete process.env.EHR_R1_BASE_URL;
  modules = {
    access: await import("./run-access"),
    create: await import("./create-run"),
    list: await import("./list-runs"),
  };
  await seedConcepts(database.prisma);
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database.drop();
});

describe("run access", () => {
  it("lets in the starter, admins and the queue's members, and tells anyone else the run is not found", async () => {
    const { patientId } = await seedPatient(database.prisma, "93000001");
    const starter = await seedUser(database.prisma, "Starter Clinician");
    const member = await seedUser(database.prisma, "Member Annotator", "annotator");
    const outsider = await seedUser(database.prisma, "Outside Clinician");
    const admin = await seedUser(database.prisma, "Ada Admin", "admin");
    const { id } = await modules.create.createRun({ patientId, taskKey: "labevents", cutoff: CUTOFF }, starter);
    const queue = await database.prisma.queue.create({ data: { name: "q", kind: "rubric" } });
    await database.prisma.queueMember.create({ data: { queueId: queue.id, userId: member.id } });
    await database.prisma.queueItem.create({
      data: { queueId: queue.id, patientId, taskKey: "labevents", cutoff: CUTOFF, runId: id },
    });

    for (const reader of [starter, member, admin]) {
      expect((await modules.access.requireReadableRun(id, reader)).id).toBe(id);
      expect((await modules.list.listRuns(reader)).runs.map((run) => run.id)).toContain(id);
    }
    await expect(modules.access.requireReadableRun(id, outsider)).rejects.toThrow("Run not found.");
    expect((await modules.list.listRuns(outsider)).runs.map((run) => run.id)).not.toContain(id);
  });
});

describe("the access log of a run's creation", () => {
  it("is written in the run's own transaction, and a creation that fails logs nothing", async () => {
    const { patientId } = await seedPatient(database.prisma, "93000002");
    const starter = await seedUser(database.prisma, "Logged Clinician");
    const headers = new Headers({ "x-forwarded-for": "10.9.8.7", "user-agent": "vitest" });
    const { id } = await modules.create.createRun({ patientId, taskKey: "labevents", cutoff: CUTOFF }, starter, {
      action: "create",
      route: "POST /api/runs",
      headers,
    });
    const entries = await database.prisma.accessLog.findMany({ where: { userId: starter.id } });
    expect(entries).toMatchObject([
      {
        action: "create",
        resourceType: "run",
        resourceId: id,
        route: "POST /api/runs",
        ip: "10.9.8.7",
        userAgent: "vitest",
      },
    ]);
    // Stored as UTC, as Prisma stores the entries it writes itself.
    expect(Math.abs(entries[0].at.getTime() - Date.now())).toBeLessThan(60_000);

    // A run that cannot be stored (here: its patient is gone) leaves no entry behind either.
    const before = await database.prisma.accessLog.count({ where: { userId: starter.id } });
    const row = {
      patientId: "no-such-patient",
      task: modules.create.chooseTask("labevents"),
      backend: modules.create.chooseBackend(undefined),
      cutoff: CUTOFF,
    };
    await expect(
      modules.create.enqueueRun(row, starter, { access: { action: "create", route: "POST /api/runs", headers } }),
    ).rejects.toThrow();
    expect(await database.prisma.accessLog.count({ where: { userId: starter.id } })).toBe(before);
  });
});
