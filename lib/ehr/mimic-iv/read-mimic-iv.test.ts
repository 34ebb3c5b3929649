// The reader on its own (no database): record order and shape, and the MIMIC-IV-ED module,
// for which no public sample exists, written here in its official v2.2 layout.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { COLUMN_TYPES_SYSTEM, columnTypesFromConcepts } from "./column-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EncounterRecord, EventRecord, ImportRecord, Rejection } from "../import-record";
import { readMimicIv } from "./read-mimic-iv";

let root: string;

const FILES: Record<string, string[]> = {
  "hosp/patients.csv": [
    "subject_id,gender,anchor_age,anchor_year,anchor_year_group,dod",
    "1001,F,60,2150,2011 - 2013,",
  ],
  "hosp/admissions.csv": [
    "subject_id,hadm_id,admittime,dischtime,deathtime,admission_type,admit_provider_id,admission_location,discharge_location,insurance,language,marital_status,race,edregtime,edouttime,hospital_expire_flag",
    "1001,2001,2150-01-01 14:00:00,2150-01-05 11:00:00,,EW EMER.,P1,EMERGENCY ROOM,HOME,Medicare,ENGLISH,SINGLE,WHITE,2150-01-01 09:00:00,2150-01-01 14:00:00,0",
  ],
  "hosp/omr.csv": [
    "subject_id,chartdate,seq_num,result_name,result_value",
    "1001,2149-12-01,1,Blood Pressure,128/82",
    "1001,2149-12-01,1,Weight (Lbs),182",
    "1001,2149-12-01,1,BMI (kg/m2),27.1",
    "1001,2149-12-01,1,eGFR,74",
  ],
  "ed/edstays.csv": [
    "subject_id,hadm_id,stay_id,intime,outtime,gender,race,arrival_transport,disposition",
    "1001,2001,3001,2150-01-01 09:00:00,2150-01-01 14:00:00,F,WHITE,AMBULANCE,ADMITTED",
    "1001,,3002,2150-03-01 10:00:00,2150-03-01 13:30:00,F,WHITE,WALK IN,HOME",
  ],
  "ed/triage.csv": [
    "subject_id,stay_id,temperature,heartrate,resprate,o2sat,sbp,dbp,pain,acuity,chiefcomplaint",
    '1001,3001,101.2,118,24,91,96,58,8,2,"Fever, Dyspnea"',
    "1001,3999,98.6,80,16,99,120,80,0,4,Headache",
  ],
  "ed/vitalsign.csv": [
    "subject_id,stay_id,charttime,temperature,heartrate,resprate,o2sat,sbp,dbp,rhythm,pain",
    "1001,3001,2150-01-01 10:00:00,100.9,112,22,93,100,60,Sinus Tachycardia,7",
  ],
  "ed/medrecon.csv": [
    "subject_id,stay_id,charttime,name,gsn,ndc,etc_rn,etccode,etcdescription",
    "1001,3001,2150-01-01 09:30:00,metformin,10857,0,1,5612,Antihyperglycemic - Biguanide Type",
  ],
  "ed/pyxis.csv": [
    "subject_id,stay_id,charttime,med_rn,name,gsn_rn,gsn",
    "1001,3001,2150-01-01 10:15:00,1,Acetaminophen,1,4490",
  ],
  "ed/diagnosis.csv": [
    "subject_id,stay_id,seq_num,icd_code,icd_version,icd_title",
    '1001,3001,1,A419,10,"SEPSIS, UNSPECIFIED ORGANISM"',
  ],
};

async function readAll(paths: string[], patients?: string[]) {
  const records: ImportRecord[] = [];
  const rejected: Rejection[] = [];
  for await (const record of readMimicIv(paths, {
    patients: patients ? new Set(patients) : undefined,
    reject: (r) => rejected.push(r),
    skip: () => {},
  })) {
    records.push(record);
  }
  return { records, rejected };
}

const events = (records: ImportRecord[], table: string) =>
  records.filter((r): r is EventRecord => r.kind === "event" && r.sourceTable === table);

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "ehr-read-mimic-"));
  for (const [name, lines] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), lines.join("\n") + "\n");
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("readMimicIv", () => {
  it("reads patients before encounters before events", async () => {
    const { records } = await readAll([root]);
    const order = records.map((r) => r.kind);
    expect(order.indexOf("patient")).toBe(0);
    expect(order.lastIndexOf("patient")).toBeLessThan(order.indexOf("encounter"));
    expect(order.indexOf("event")).toBeGreaterThan(order.indexOf("encounter"));
  });

  it("files OMR blood pressure, weight and BMI under vitals, other OMR results as observations", async () => {
    const { records } = await readAll([root]);
    expect(events(records, "omr").map((e) => [e.label, e.category, e.valueNum, e.valueText])).toEqual([
      ["Blood Pressure", "vital", null, "128/82"],
      ["Weight (Lbs)", "vital", 182, "182"],
      ["BMI (kg/m2)", "vital", 27.1, "27.1"],
      ["eGFR", "observation", 74, "74"],
    ]);
  });

  it("makes ED stays encounters under their admission", async () => {
    const { records } = await readAll([root]);
    const stays = records.filter((r): r is EncounterRecord => r.kind === "encounter" && r.encounterKind === "ed_stay");
    expect(stays.map((s) => [s.externalId, s.parentExternalId, s.start.toISOString()])).toEqual([
      ["3001", "2001", "2150-01-01T09:00:00.000Z"],
      ["3002", null, "2150-03-01T10:00:00.000Z"],
    ]);
    expect(stays[0].attributes).toMatchObject({
      hadm_id: "2001",
      disposition: "ADMITTED",
      arrival_transport: "AMBULANCE",
    });
  });

  it("dates triage at arrival and ED diagnoses at departure, and links ED rows to the stay", async () => {
    const { records, rejected } = await readAll([root]);
    const [triage] = events(records, "triage");
    expect(triage).toMatchObject({
      category: "vital",
      label: "Triage",
      valueText: "Fever, Dyspnea",
      encounterExternalId: "3001",
      provenance: "triage:3001",
      attributes: { heartrate: "118", acuity: "2", chiefcomplaint: "Fever, Dyspnea" },
    });
    expect(triage.time.toISOString()).toBe("2150-01-01T09:00:00.000Z");
    const [diagnosis] = events(records, "diagnosis");
    expect(diagnosis).toMatchObject({ codeSystem: "icd10-dx", code: "A419", label: "SEPSIS, UNSPECIFIED ORGANISM" });
    expect(diagnosis.time.toISOString()).toBe("2150-01-01T14:00:00.000Z");
    expect(events(records, "vitalsign")[0]).toMatchObject({ category: "vital", valueText: "Sinus Tachycardia" });
    expect(events(records, "medrecon")[0]).toMatchObject({ category: "medication", label: "metformin" });
    expect(events(records, "pyxis")[0]).toMatchObject({ category: "medication", label: "Acetaminophen" });
    // Triage of a stay that is not in edstays has no time to take.
    expect(rejected).toEqual([
      {
        file: path.join(root, "ed/triage.csv"),
        line: 3,
        reason: expect.stringMatching(/^stay_id 3999 is not in edstays/),
      },
    ]);
  });

  it("reads only the selected patients' rows", async () => {
    const { records } = await readAll([root], ["999"]);
    // Only each file's column types (over every row, selected or not) come out.
    expect(records.filter((r) => !(r.kind === "concept" && r.system === COLUMN_TYPES_SYSTEM))).toEqual([]);
  });

  it("records each file's pandas column types, over all its rows, and each row's place in its file", async () => {
    const { records } = await readAll([root], ["999"]);
    const types = columnTypesFromConcepts(records.flatMap((r) => (r.kind === "concept" ? [r] : [])));
    // triage.csv: heartrate holds integers in every row; acuity too; chiefcomplaint is text.
    expect(types.get("triage")?.[0]).toMatchObject({ heartrate: "int", chiefcomplaint: "object" });
    const { records: all } = await readAll([root]);
    const triage = events(all, "triage");
    expect(triage.map((e) => e.sourceRow)).toEqual([...triage.map((e) => e.sourceRow)].sort((a, b) => a! - b!));
    expect(triage[0].sourceRow).toBe(0);
  });

  it("refuses ED rows that need edstays when it is not given", async () => {
    await expect(readAll([path.join(root, "ed/triage.csv")])).rejects.toThrow(/triage needs edstays/);
  });
});
