// What the "New prediction" form offers for one patient: every EHR-Bench task with whether
// this patient's record can answer it (and why not), and their admissions with a suggested
// cut-off per task. Without a patient, availability is over the whole database.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { CONTEXT_RULE_TEXT, TASKS, availableTasks, importedTableKeys } from "../model/tasks/task-catalog";
import type { AnswerType, TaskDefinition, TaskGroup } from "../model/tasks/task-types";
import { resolveTableKey } from "../model/mimic-tables";
import { decisionSamples, sampleKey } from "./decision-samples";
import { loadPatientRecord } from "./load-record";
import { suggestCutoff, type TableTimes } from "./suggest-cutoff";

export type TaskOption = {
  key: string;
  title: string;
  group: TaskGroup;
  answerType: AnswerType;
  contextRule: string;
  groundTruth: string;
  available: boolean;
  /** Why it is unavailable, in words. */
  reason: string | null;
};

export type AdmissionOption = {
  id: string;
  externalId: string;
  start: string;
  end: string | null;
  /** Suggested cut-off (ISO) per task key; null when the admission cannot anchor that task. */
  cutoffs: Record<string, string | null>;
};

export type TaskOptions = { tasks: TaskOption[]; admissions: AdmissionOption[] };

type TableKind = { sourceTable: string; category: string };

function taskOptions(tables: ReadonlySet<string>): TaskOption[] {
  return availableTasks(tables).map(({ task, available, reason }) => ({
    key: task.key,
    title: task.title,
    group: task.group,
    answerType: task.answerType,
    contextRule: CONTEXT_RULE_TEXT[task.contextRule],
    groundTruth: task.groundTruth,
    available,
    reason: reason ?? null,
  }));
}

const CACHE_MS = 60_000;
let databaseWide: { at: number; tables: Set<string> } | undefined;

/** The tables imported anywhere: a scan of the event table, so kept for a minute. */
async function databaseTables(): Promise<Set<string>> {
  if (databaseWide && Date.now() - databaseWide.at < CACHE_MS) return databaseWide.tables;
  const [events, encounters] = await Promise.all([
    db.$queryRaw<TableKind[]>`SELECT DISTINCT "sourceTable", category::text AS category FROM event`,
    db.$queryRaw<{ kind: string }[]>`SELECT DISTINCT kind::text AS kind FROM encounter`,
  ]);
  const tables = importedTableKeys(
    events,
    encounters.map((e) => e.kind),
  );
  databaseWide = { at: Date.now(), tables };
  return tables;
}

/** The tables one patient's record holds, as availableTasks reads them. */
async function patientTables(patientId: string, encounters: readonly { kind: string }[]): Promise<Set<string>> {
  const events = await db.$queryRaw<TableKind[]>`
    SELECT DISTINCT "sourceTable", category::text AS category FROM event WHERE "patientId" = ${patientId}`;
  return importedTableKeys(
    events,
    encounters.map((e) => e.kind),
  );
}

/** Whether one patient's record can answer a task, with the encounters that decided it. */
export async function patientTaskAvailability(patientId: string, task: TaskDefinition) {
  const { encounters } = await loadPatientRecord(patientId);
  const tables = await patientTables(patientId, encounters);
  return { encounters, availability: availableTasks(tables).find((a) => a.task.key === task.key)! };
}

/** Per admission and table: the first event a day into the admission, and the last. */
export async function admissionTableTimes(patientId: string): Promise<Map<string, TableTimes[]>> {
  const rows = await db.$queryRaw<
    { admissionId: string; sourceTable: string; category: string; firstAfterDay: Date | null; last: Date }[]
  >(Prisma.sql`
    SELECT a.id AS "admissionId", e."sourceTable", e.category::text AS category,
           min(e.time) FILTER (WHERE e.time >= a.start + interval '24 hours') AS "firstAfterDay",
           max(e.time) AS "last"
    FROM event e
    JOIN encounter enc ON enc.id = e."encounterId"
    JOIN encounter a ON a.id = CASE WHEN enc.kind = 'admission' THEN enc.id ELSE enc."parentId" END
    WHERE e."patientId" = ${patientId} AND a.kind = 'admission'
    GROUP BY 1, 2, 3`);
  const byAdmission = new Map<string, TableTimes[]>();
  const samples = await decisionSamples(patientId);
  for (const row of rows) {
    const list = byAdmission.get(row.admissionId) ?? [];
    const table = resolveTableKey(row);
    list.push({
      table,
      firstAfterDay: row.firstAfterDay,
      last: row.last,
      samples: samples.get(sampleKey(row.admissionId, table)),
    });
    byAdmission.set(row.admissionId, list);
  }
  return byAdmission;
}

export async function listTaskOptions(patientId?: string): Promise<TaskOptions> {
  if (!patientId) return { tasks: taskOptions(await databaseTables()), admissions: [] };
  const [{ encounters }, times] = await Promise.all([loadPatientRecord(patientId), admissionTableTimes(patientId)]);
  const tables = await patientTables(patientId, encounters);
  const admissions = encounters
    .filter((e) => e.kind === "admission")
    .map((admission) => ({
      id: admission.id,
      externalId: admission.externalId ?? "",
      start: admission.start.toISOString(),
      end: admission.end?.toISOString() ?? null,
      cutoffs: Object.fromEntries(
        TASKS.map((task) => [
          task.key,
          suggestCutoff(task, admission, encounters, times.get(admission.id) ?? [])?.toISOString() ?? null,
        ]),
      ),
    }));
  return { tasks: taskOptions(tables), admissions };
}
