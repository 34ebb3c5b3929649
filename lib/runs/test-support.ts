// Test-only: a small record in the shapes the MIMIC-IV importer writes (string attributes,
// "table:key" provenance, d_labitems concepts), inserted with createMany.
import "server-only";
import pg from "pg";
import type { PrismaClient } from "../db/prisma-client";
import { at } from "../model/testing/record-builder";
import { buildRunPrompt } from "./build-run-prompt";
import { readRecordUpTo, type Queryable } from "./read-record";

export const CUTOFF = at("2150-01-02 06:00:00");

const LAB_ITEMS = [
  { code: "50983", label: "Sodium", unit: "mEq/L", low: "135", high: "147" },
  { code: "51237", label: "INR(PT)", unit: "", low: "0.9", high: "1.1" },
  { code: "50971", label: "Potassium", unit: "mEq/L", low: "3.3", high: "5.1" },
  { code: "50912", label: "Creatinine", unit: "mg/dL", low: "0.5", high: "1.2" },
];

export async function seedConcepts(prisma: PrismaClient): Promise<void> {
  await prisma.concept.createMany({
    data: LAB_ITEMS.map(({ code, label }) => ({ system: "mimic-iv/d_labitems", code, label })),
    skipDuplicates: true,
  });
}

/**
 * One patient, one admission (2150-01-01 08:00 to 01-05 08:00), labs on day 1 and at the
 * cut-off (the ground truth of "next labs": Sodium, Potassium), and heparin on day 1.
 */
export async function seedPatient(prisma: PrismaClient, subjectId: string): Promise<{ patientId: string }> {
  const patient = await prisma.patient.create({
    data: { source: "mimic-iv", externalId: subjectId, gender: "F", anchorAge: 71, anchorYear: 2150 },
  });
  const hadmId = `2${subjectId}`;
  const admissionAttributes = {
    subject_id: subjectId,
    hadm_id: hadmId,
    admittime: "2150-01-01 08:00:00",
    dischtime: "2150-01-05 08:00:00",
    admission_type: "EW EMER.",
    admission_location: "EMERGENCY ROOM",
    hospital_expire_flag: "0",
  };
  const admission = await prisma.encounter.create({
    data: {
      patientId: patient.id,
      kind: "admission",
      externalId: hadmId,
      start: at("2150-01-01 08:00:00"),
      end: at("2150-01-05 08:00:00"),
      attributes: admissionAttributes,
      provenance: `admissions:${hadmId}`,
    },
  });
  let row = 0;
  const lab = (time: string, code: string, valuenum: string, flag = "") => {
    const item = LAB_ITEMS.find((i) => i.code === code)!;
    row += 1;
    return {
      patientId: patient.id,
      encounterId: admission.id,
      time: at(time),
      category: "lab" as const,
      sourceTable: "labevents",
      codeSystem: "mimic-iv/d_labitems",
      code,
      label: item.label,
      valueNum: Number(valuenum),
      unit: item.unit || null,
      valueText: valuenum,
      refLow: Number(item.low),
      refHigh: Number(item.high),
      flag: flag || null,
      attributes: {
        labevent_id: `${subjectId}${row}`,
        subject_id: subjectId,
        hadm_id: hadmId,
        itemid: code,
        valuenum,
        valueuom: item.unit,
        ref_range_lower: item.low,
        ref_range_upper: item.high,
        flag,
        comments: "",
      },
      provenance: `labevents:${subjectId}${row}`,
    };
  };
  await prisma.event.createMany({
    data: [
      {
        patientId: patient.id,
        encounterId: admission.id,
        time: at("2150-01-01 08:00:00"),
        endTime: at("2150-01-05 08:00:00"),
        category: "admission",
        sourceTable: "admissions",
        label: "EW EMER.",
        valueText: "EMERGENCY ROOM",
        attributes: admissionAttributes,
        provenance: `admissions:${hadmId}`,
      },
      lab("2150-01-01 10:00:00", "50983", "130", "abnormal"),
      lab("2150-01-01 10:00:00", "51237", "1.2", "abnormal"),
      lab("2150-01-01 10:00:00", "50912", "1.0"),
      lab("2150-01-01 20:00:00", "50983", "132", "abnormal"),
      {
        patientId: patient.id,
        encounterId: admission.id,
        time: at("2150-01-01 12:00:00"),
        endTime: at("2150-01-03 12:00:00"),
        category: "medication",
        sourceTable: "prescriptions",
        label: "Heparin",
        valueNum: 5000,
        attributes: {
          subject_id: subjectId,
          hadm_id: hadmId,
          drug: "Heparin",
          prod_strength: "5000 Units / mL",
          dose_val_rx: "5000",
          dose_unit_rx: "UNIT",
        },
        provenance: `prescriptions:#${subjectId}`,
      },
      lab("2150-01-02 06:00:00", "50983", "134", "abnormal"),
      lab("2150-01-02 06:00:00", "50971", "4.1"),
    ],
  });
  return { patientId: patient.id };
}

export async function seedUser(prisma: PrismaClient, name: string, role = "clinician") {
  const id = crypto.randomUUID();
  await prisma.user.create({ data: { id, name, email: `${id}@test.local`, role } });
  return { id, name, email: `${id}@test.local`, roles: [role] as ("admin" | "clinician" | "annotator")[] };
}

/**
 * Holds every read of the event table until `release` (a run's record read waits on the lock):
 * a run kept preparing for as long as a test needs.
 */
export async function holdEventReads(databaseUrl: string): Promise<{ release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("BEGIN");
  await client.query("LOCK TABLE event IN ACCESS EXCLUSIVE MODE");
  return {
    release: async () => {
      await client.query("ROLLBACK");
      await client.end();
    },
  };
}

/** Resolves once some session waits for a lock (the read holdEventReads holds up). */
export async function untilAReadWaits(prisma: PrismaClient): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [{ n }] = await prisma.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`;
    if (n > 0n) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("no read ever waited on the lock");
}

/**
 * The prompt a run on an EHR-R1 backend sends in its default (evaluation) thinking mode, its
 * record read from the database as a run reads it: the golden tests' and the benches' one way
 * to build it.
 */
export async function evaluationPrompt(
  pool: Queryable,
  input: { patientId: string; subjectId: string; taskKey: string; cutoff: Date; throughAdmission?: boolean },
) {
  const record = await readRecordUpTo(pool, input.patientId, input.cutoff, {
    throughAdmission: input.throughAdmission,
  });
  const { prompt } = await buildRunPrompt(record, {
    patientId: input.subjectId,
    taskKey: input.taskKey,
    cutoff: input.cutoff,
    directAnswer: false,
    thinking: "evaluation",
    contextTokens: 32_000,
    answerTokens: 4_096,
    tokens: { via: "estimate" },
    baseline: false,
  });
  return prompt;
}
