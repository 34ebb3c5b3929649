// The authors' decision sample times of a patient, per admission and table: where "New
// prediction" and a queue's runs put a decision task's default cut-off (suggest-cutoff.ts).
// They come from the whole trajectory (every event, in the authors' order), about a second of
// work for a 50,000-event record, and GET /api/tasks asks for them on every patient page. They
// change only when the record does, and an import only adds rows (ON CONFLICT DO NOTHING), so
// this process keeps them per patient, keyed by the record's row counts: a count that moved
// means a new import, and the times are worked out again.
import "server-only";
import { db } from "../db";
import { TASKS } from "../model/tasks/task-catalog";
import { decisionSampleTimes } from "../model/prompt/sample-window";
import { buildTrajectory } from "../model/prompt/trajectory";
import { loadEvents, loadPatientRecord } from "./load-record";

/** Key: admission id, NUL, table. */
export type DecisionSamples = ReadonlyMap<string, readonly Date[]>;

export const sampleKey = (admissionId: string, table: string) => `${admissionId}\u0000${table}`;

/** Entries kept; the oldest used goes first. Each is a few dates per admission and table. */
const CACHE_LIMIT = 500;
const cache = new Map<string, Promise<DecisionSamples>>();

/** The decision sample times of the patient's record as it is now. */
export async function decisionSamples(patientId: string): Promise<DecisionSamples> {
  const key = `${patientId}:${await recordCounts(patientId)}`;
  let entry = cache.get(key);
  if (entry) {
    // Most recently used last.
    cache.delete(key);
  } else {
    entry = computeDecisionSamples(patientId);
    // A failed read is not kept: the next request tries again.
    entry.catch(() => cache.delete(key));
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, entry);
  return entry;
}

/** The patient's event and encounter counts (index-only scans): what an import changes. */
async function recordCounts(patientId: string): Promise<string> {
  const [row] = await db.$queryRaw<{ events: bigint; encounters: bigint }[]>`
    SELECT (SELECT count(*) FROM event WHERE "patientId" = ${patientId}) AS events,
           (SELECT count(*) FROM encounter WHERE "patientId" = ${patientId}) AS encounters`;
  return `${row.events}:${row.encounters}`;
}

async function computeDecisionSamples(patientId: string): Promise<DecisionSamples> {
  const [record, events] = await Promise.all([loadPatientRecord(patientId), loadEvents(patientId, {})]);
  const trajectory = buildTrajectory({ ...record, events });
  const admissionByHadm = new Map(
    record.encounters.filter((e) => e.kind === "admission").map((e) => [e.externalId ?? e.id, e.id]),
  );
  const tables = new Set(TASKS.flatMap((t) => (t.group === "decision_making" ? [t.targetTable ?? t.key] : [])));
  const result = new Map<string, Date[]>();
  for (const table of tables) {
    for (const sample of decisionSampleTimes(trajectory, table)) {
      const admissionId = sample.hadm ? admissionByHadm.get(sample.hadm) : undefined;
      if (!admissionId) continue;
      const key = sampleKey(admissionId, table);
      const list = result.get(key) ?? [];
      list.push(new Date(`${sample.time.replace(" ", "T")}Z`));
      result.set(key, list);
    }
  }
  return result;
}
