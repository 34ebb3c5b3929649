// Records of MIMIC-IV demo patients read by the project's own MIMIC-IV reader, shaped as the
// database returns them (encounters keyed by external id, events numbered in reading order,
// the files' pandas column types), for tests that need no database.
import path from "node:path";
import { samplePath } from "../../../test/ehr-samples";
import { columnTypesFromConcepts, COLUMN_TYPES_SYSTEM } from "./column-types";
import type { ImportRecord } from "../import-record";
import { readMimicIv } from "./read-mimic-iv";
import type { TableDtypes } from "../../model/prompt/pandas-values";
import type { RecordEncounter, RecordEvent, RecordPatient } from "../../model/record";

export type DemoRecord = {
  patient: RecordPatient;
  encounters: RecordEncounter[];
  events: RecordEvent[];
  columnTypes: Map<string, TableDtypes>;
};

export async function readDemoRecords(subjects: readonly string[]): Promise<Map<string, DemoRecord>> {
  const demo = samplePath("mimic-iv-demo");
  const records: ImportRecord[] = [];
  const context = { patients: new Set(subjects), reject: () => {}, skip: () => {} };
  for await (const record of readMimicIv([path.join(demo, "hosp"), path.join(demo, "icu")], context))
    records.push(record);
  const columnTypes = columnTypesFromConcepts(
    records.flatMap((r) => (r.kind === "concept" && r.system === COLUMN_TYPES_SYSTEM ? [r] : [])),
  );
  const result = new Map<string, DemoRecord>();
  let id = 0;
  for (const subject of subjects) {
    const p = records.find((r) => r.kind === "patient" && r.externalId === subject);
    if (!p || p.kind !== "patient") throw new Error(`demo patient ${subject} not found`);
    const encounters: RecordEncounter[] = records.flatMap((r) =>
      r.kind === "encounter" && r.patientExternalId === subject
        ? [
            {
              id: r.externalId,
              kind: r.encounterKind,
              externalId: r.externalId,
              parentId: r.parentExternalId ?? null,
              start: r.start,
              end: r.end ?? null,
              attributes: r.attributes,
            },
          ]
        : [],
    );
    const events: RecordEvent[] = records.flatMap((r) =>
      r.kind === "event" && r.patientExternalId === subject
        ? [{ ...r, id: ++id, encounterId: r.encounterExternalId ?? null }]
        : [],
    );
    result.set(subject, {
      patient: { id: subject, gender: p.gender, anchorAge: p.anchorAge, deathTime: p.deathTime },
      encounters,
      events,
      columnTypes,
    });
  }
  return result;
}
