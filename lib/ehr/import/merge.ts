// Moves staged rows into concept, patient, encounter and event, inside the import's
// transaction. Every insert is ON CONFLICT DO NOTHING on the table's natural key, so
// importing the same files again adds nothing. Before inserting, rows the database could not
// take are taken out of staging and reported: rows for a patient that is neither in this
// import nor already in the database, and rows that repeat another row's key with different
// values. Exact repeats of a row are dropped and counted.
import type pg from "pg";
import type { RejectionLog } from "./rejection-log";

export type MergeCounts = { added: number; skipped: number };

export type MergeResult = {
  concepts: MergeCounts;
  patients: MergeCounts;
  encounters: MergeCounts;
  events: MergeCounts;
  /** Exact repeats of another row, dropped. */
  duplicates: number;
};

type Repeats = {
  stage: string;
  /** Columns that identify a row in its target table. */
  key: string[];
  /** Columns compared to tell an exact repeat from a conflicting one. */
  values: string[];
  /** SQL naming the row in a rejection, given the staging table's alias. */
  label: (alias: string) => string;
};

const EVENT_VALUES = [
  "encounter_external_id",
  "time",
  "end_time",
  "category",
  "source_table",
  "code_system",
  "code",
  "label",
  "value_num",
  "unit",
  "value_text",
  "ref_low",
  "ref_high",
  "flag",
  "attributes",
];

const quoted = (columns: string[], alias = "") => columns.map((column) => `${alias}"${column}"`).join(", ");

async function count(client: pg.ClientBase, sql: string, params: unknown[] = []): Promise<number> {
  const result = await client.query<{ n: string }>(sql, params);
  return Number(result.rows[0].n);
}

/**
 * Removes rows whose key an earlier row (in reading order) already has: identical ones are
 * counted as duplicates, different ones rejected. Returns the number of duplicates.
 */
async function dropRepeats(client: pg.ClientBase, spec: Repeats, log: RejectionLog): Promise<number> {
  const key = quoted(spec.key);
  const hasRepeats = await client.query(`SELECT 1 FROM ${spec.stage} GROUP BY ${key} HAVING count(*) > 1 LIMIT 1`);
  if (hasRepeats.rowCount === 0) return 0;
  const join = spec.key.map((column) => `s."${column}" = f."${column}"`).join(" AND ");
  await client.query(`
    CREATE TEMP TABLE repeats ON COMMIT DROP AS
    SELECT s.seq, s.origin_file, s.origin_line, f.origin_file AS first_file, f.origin_line AS first_line,
           ${spec.label("s")} AS label,
           ROW(${quoted(spec.values, "s.")}) IS NOT DISTINCT FROM ROW(${quoted(spec.values, "f.")}) AS same
    FROM ${spec.stage} s
    JOIN (
      SELECT DISTINCT ON (${key}) * FROM ${spec.stage}
      WHERE (${key}) IN (SELECT ${key} FROM ${spec.stage} GROUP BY ${key} HAVING count(*) > 1)
      ORDER BY ${key}, seq
    ) f ON ${join} AND s.seq <> f.seq`);
  const conflicts = await client.query<{
    origin_file: string | null;
    origin_line: number | null;
    first_file: string | null;
    first_line: number | null;
    label: string;
  }>(
    `SELECT origin_file, origin_line, first_file, first_line, label FROM repeats WHERE NOT same ORDER BY seq LIMIT $1`,
    [log.room()],
  );
  for (const row of conflicts.rows) {
    const first = row.first_file ? ` as ${row.first_file}:${row.first_line}` : "";
    log.add({
      file: row.origin_file ?? "",
      line: row.origin_line ?? 0,
      reason: `${row.label}: same key${first} but different values`,
    });
  }
  const totals = await client.query<{ duplicates: string; conflicts: string }>(
    `SELECT count(*) FILTER (WHERE same) AS duplicates, count(*) FILTER (WHERE NOT same) AS conflicts FROM repeats`,
  );
  log.count(Number(totals.rows[0].conflicts) - conflicts.rows.length);
  await client.query(`DELETE FROM ${spec.stage} WHERE seq IN (SELECT seq FROM repeats)`);
  await client.query(`DROP TABLE repeats`);
  return Number(totals.rows[0].duplicates);
}

/** Rejects staged rows whose patient is neither imported now nor already in the database. */
async function dropUnknownPatients(client: pg.ClientBase, stage: string, source: string, log: RejectionLog) {
  const unknown = `NOT EXISTS (SELECT 1 FROM patient p WHERE p.source = $1 AND p."externalId" = s.patient_external_id)`;
  const first = await client.query<{ origin_file: string | null; origin_line: number | null; patient: string }>(
    `SELECT origin_file, origin_line, patient_external_id AS patient FROM ${stage} s WHERE ${unknown} ORDER BY seq LIMIT $2`,
    [source, log.room()],
  );
  for (const row of first.rows) {
    log.add({
      file: row.origin_file ?? "",
      line: row.origin_line ?? 0,
      reason: `unknown patient ${row.patient}: not in this import's patients nor in the database`,
    });
  }
  const deleted = await client.query(`DELETE FROM ${stage} s WHERE ${unknown}`, [source]);
  log.count((deleted.rowCount ?? 0) - first.rows.length);
}

async function mergeConcepts(client: pg.ClientBase, log: RejectionLog): Promise<MergeCounts & { duplicates: number }> {
  const duplicates = await dropRepeats(
    client,
    {
      stage: "stage_concept",
      key: ["system", "code"],
      values: ["label", "attributes"],
      label: (s) => `${s}.system || ' ' || ${s}.code`,
    },
    log,
  );
  const staged = await count(client, `SELECT count(*) AS n FROM stage_concept`);
  // Every MIMIC-IV import carries the whole dictionaries again: filtering out the codes already
  // present first is several times cheaper than letting each one hit the conflict.
  const inserted = await client.query(
    `INSERT INTO concept (system, code, label, attributes)
     SELECT s.system, s.code, s.label, s.attributes FROM stage_concept s
     WHERE NOT EXISTS (SELECT 1 FROM concept c WHERE c.system = s.system AND c.code = s.code)
     ON CONFLICT (system, code) DO NOTHING`,
  );
  const added = inserted.rowCount ?? 0;
  return { added, skipped: staged - added + duplicates, duplicates };
}

async function mergePatients(client: pg.ClientBase, source: string, jobId: string | null, log: RejectionLog) {
  const duplicates = await dropRepeats(
    client,
    {
      stage: "stage_patient",
      key: ["external_id"],
      values: ["name", "gender", "birth_date", "anchor_age", "anchor_year", "death_time", "demographics"],
      label: (s) => `'patient ' || ${s}.external_id`,
    },
    log,
  );
  const staged = await count(client, `SELECT count(*) AS n FROM stage_patient`);
  const inserted = await client.query(
    `INSERT INTO patient (id, source, "externalId", name, gender, "birthDate", "anchorAge", "anchorYear", "deathTime", demographics, "importJobId")
     SELECT gen_random_uuid()::text, $1, external_id, name, gender, birth_date, anchor_age, anchor_year, death_time, demographics, $2
     FROM stage_patient
     ON CONFLICT (source, "externalId") DO NOTHING`,
    [source, jobId],
  );
  const added = inserted.rowCount ?? 0;
  return { added, skipped: staged - added + duplicates, duplicates };
}

async function mergeEncounters(client: pg.ClientBase, source: string, jobId: string | null, log: RejectionLog) {
  await dropUnknownPatients(client, "stage_encounter", source, log);
  const duplicates = await dropRepeats(
    client,
    {
      stage: "stage_encounter",
      key: ["patient_external_id", "kind", "external_id"],
      values: ["parent_external_id", "start", "end_time", "attributes", "provenance"],
      label: (s) => `${s}.provenance`,
    },
    log,
  );
  const staged = await count(client, `SELECT count(*) AS n FROM stage_encounter`);
  // Encounters without a parent first, so an ICU stay can find the admission it belongs to.
  let added = 0;
  for (const withParent of [false, true]) {
    const parent = withParent
      ? `(SELECT pe.id FROM encounter pe WHERE pe."patientId" = p.id AND pe."externalId" = s.parent_external_id ORDER BY pe.kind LIMIT 1)`
      : "NULL";
    const inserted = await client.query(
      `INSERT INTO encounter (id, "patientId", kind, "externalId", "parentId", start, "end", attributes, provenance, "importJobId")
       SELECT gen_random_uuid()::text, p.id, s.kind::encounter_kind, s.external_id, ${parent}, s.start, s.end_time, s.attributes, s.provenance, $2
       FROM stage_encounter s JOIN patient p ON p.source = $1 AND p."externalId" = s.patient_external_id
       WHERE s.parent_external_id IS ${withParent ? "NOT NULL" : "NULL"}
       ON CONFLICT ("patientId", kind, "externalId") DO NOTHING`,
      [source, jobId],
    );
    added += inserted.rowCount ?? 0;
  }
  return { added, skipped: staged - added + duplicates, duplicates };
}

async function mergeEvents(client: pg.ClientBase, source: string, jobId: string | null, log: RejectionLog) {
  await dropUnknownPatients(client, "stage_event", source, log);
  const duplicates = await dropRepeats(
    client,
    {
      stage: "stage_event",
      key: ["patient_external_id", "provenance"],
      values: EVENT_VALUES,
      label: (s) => `${s}.provenance`,
    },
    log,
  );
  const staged = await count(client, `SELECT count(*) AS n FROM stage_event`);
  // An event names its encounter by external id only (hadm_id, FHIR Encounter.id); an id
  // that matches no encounter leaves encounterId empty (the id stays in attributes). The
  // encounters named are resolved once each and hash-joined (not looked up row by row), and
  // rows go in sorted by the (patientId, category, time) index: neighbouring index entries land
  // on the same pages, which makes a large insert about a third cheaper.
  const inserted = await client.query(
    `WITH named AS (
       SELECT DISTINCT ON (e."patientId", e."externalId") e."patientId", e."externalId", e.id
       FROM encounter e JOIN patient p ON p.id = e."patientId" AND p.source = $1
       WHERE (p."externalId", e."externalId") IN (
         SELECT DISTINCT patient_external_id, encounter_external_id FROM stage_event WHERE encounter_external_id IS NOT NULL)
       ORDER BY e."patientId", e."externalId", e.kind
     )
     INSERT INTO event ("patientId", "encounterId", time, "endTime", category, "sourceTable", "codeSystem", code, label,
                        "valueNum", unit, "valueText", "refLow", "refHigh", flag, attributes, provenance, "sourceRow",
                        "importJobId")
     SELECT p.id, e.id, s.time, s.end_time, s.category::event_category, s.source_table, s.code_system, s.code, s.label,
            s.value_num, s.unit, s.value_text, s.ref_low, s.ref_high, s.flag, s.attributes, s.provenance, s.source_row, $2
     FROM stage_event s
     JOIN patient p ON p.source = $1 AND p."externalId" = s.patient_external_id
     LEFT JOIN named e ON e."patientId" = p.id AND e."externalId" = s.encounter_external_id
     ORDER BY p.id, s.category::event_category, s.time
     ON CONFLICT ("patientId", provenance) DO NOTHING`,
    [source, jobId],
  );
  const added = inserted.rowCount ?? 0;
  return { added, skipped: staged - added + duplicates, duplicates };
}

/** Merges all staged rows; rejections go to `log`. */
export async function mergeStaged(
  client: pg.ClientBase,
  options: { source: string; jobId: string | null; log: RejectionLog },
): Promise<MergeResult> {
  const { source, jobId, log } = options;
  // Temp tables are never auto-analyzed: without statistics the planner guesses their size.
  await client.query(`ANALYZE stage_concept, stage_patient, stage_encounter, stage_event`);
  const concepts = await mergeConcepts(client, log);
  const patients = await mergePatients(client, source, jobId, log);
  const encounters = await mergeEncounters(client, source, jobId, log);
  const events = await mergeEvents(client, source, jobId, log);
  const strip = ({ added, skipped }: MergeCounts) => ({ added, skipped });
  return {
    concepts: strip(concepts),
    patients: strip(patients),
    encounters: strip(encounters),
    events: strip(events),
    duplicates: concepts.duplicates + patients.duplicates + encounters.duplicates + events.duplicates,
  };
}
