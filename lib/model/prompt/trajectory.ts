// A patient's record as the EHR-R1 authors' pipeline lays it out before any task sees it: every
// table's rows merged into one ordered list (preprocess/rank.py), then cut into "events", each a
// run of consecutive rows of one table headed by its first row's time (preprocess/combination.py).
// Task windows are index ranges of this list (sample-window.ts), so the order here decides what
// a prompt holds. Each rule below cites the step of theirs it reproduces.
import {
  compareEventIds,
  eventIdString,
  formatTimestamp,
  type RecordEncounter,
  type RecordEvent,
  type RecordPatient,
} from "../record";
import { pandasChunkOf, type PandasDtype, type TableDtypes } from "./pandas-values";
import { resolveTableKey } from "../mimic-tables";

/** rank.py time_field_map: the column that times each table's rows. */
export const TIME_FIELD: Readonly<Record<string, string>> = {
  omr: "chartdate",
  pharmacy: "entertime",
  poe: "ordertime",
  procedures_icd: "chartdate",
  prescriptions: "starttime",
  services: "transfertime",
  labevents: "charttime",
  microbiologyevents: "charttime",
  admissions: "admittime",
  transfers: "intime",
  emar: "charttime",
  discharge: "charttime",
  radiology: "charttime",
  edstays: "intime",
  triage: "charttime",
  medrecon: "charttime",
  pyxis: "charttime",
  vitalsign: "charttime",
  diagnosis: "charttime",
  icustays: "intime",
  chartevents: "charttime",
  ingredientevents: "starttime",
  datetimeevents: "charttime",
  procedureevents: "starttime",
  inputevents: "starttime",
  outputevents: "charttime",
};

/** Tables rank.py times by a date alone (read as midnight). */
const DATE_ONLY = new Set(["omr", "procedures_icd"]);

/** merge_patient.py reads hosp, ed, icu, note; rank.py concatenates hosp, note, ed, icu. */
const MODULE_RANK: Record<string, number> = { hosp: 0, note: 1, ed: 2, icu: 3 };
const NOTE_TABLES = new Set(["discharge", "radiology"]);
const ED_TABLES = ["edstays", "triage", "medrecon", "pyxis", "vitalsign", "diagnosis"];
const ICU_TABLES = new Set([
  "icustays",
  "chartevents",
  "datetimeevents",
  "ingredientevents",
  "inputevents",
  "outputevents",
  "procedureevents",
]);

/**
 * Within a module, merge_patient.py takes the CSV files in `os.listdir` order: the file system's,
 * which their code leaves unspecified. We take them alphabetically; it decides only the order of
 * same-time rows of different tables (see the README's fidelity table).
 */
function moduleOf(table: string): number {
  return NOTE_TABLES.has(table)
    ? MODULE_RANK.note
    : ED_TABLES.includes(table)
      ? MODULE_RANK.ed
      : ICU_TABLES.has(table)
        ? MODULE_RANK.icu
        : MODULE_RANK.hosp;
}

/**
 * A hadm_id as rank.py compared it when placing timeless rows: the value pandas read, after a
 * JSON round trip. Integer columns and float columns (a hadm_id column with gaps) hold equal
 * numbers, and Python's `==` says 22595853 == 22595853.0; a missing id (NaN) equals nothing.
 */
type RankHadm = number | null;

export type TrajectoryRow = {
  table: string;
  /** The row; ICU stays and admissions made from encounters have ids starting "encounter:". */
  event: RecordEvent | null;
  /** rank.py's sort time in ms; null: a row it could not time (diagnoses, a missing time). */
  rankTime: number | null;
  rankHadm: RankHadm;
  /** combination.py's hadm_id: str(int(float(hadm_id))), or null. */
  hadm: string | null;
  /** Order keys within the module (rank.py's stable sorts over merge_patient.py's read order). */
  module: number;
  /** merge_patient.py's read order within a module: the file's rank, then the row. */
  readKey: number;
  /** sort_icu's key: hadm_id, stay_id, the ICU stay before its rows. */
  icuHadm: number;
  icuStay: number;
  icuFirst: number;
};

export type TrajectoryEvent = {
  table: string;
  /** combination.py starttime: the first timed row's time, "YYYY-MM-DD HH:MM:SS", or null. */
  start: string | null;
  hadm: string | null;
  rows: TrajectoryRow[];
};

export type DtypeLookup = (table: string, sourceRow: number | null | undefined) => Record<string, PandasDtype> | null;

export function dtypeLookup(dtypes: ReadonlyMap<string, TableDtypes> | undefined): DtypeLookup {
  return (table, sourceRow) => {
    const chunks = dtypes?.get(table);
    if (!chunks || sourceRow === null || sourceRow === undefined) return null;
    return chunks[pandasChunkOf(sourceRow)] ?? null;
  };
}

/** A digit's value at `i`, or -1 (charCodeAt: no regex or substring per row of 50,000). */
function digit(text: string, i: number): number {
  const code = text.charCodeAt(i) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = digit(text, i);
    if (d < 0) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** "2180-05-06 22:23:00" (or a date alone where rank.py allows it) in ms, UTC; null if absent. */
function parseRankTime(raw: unknown, dateOnly: boolean): number | null {
  if (typeof raw !== "string") return null;
  if (raw.length !== (dateOnly ? 10 : 19)) return null; // strptime takes exactly one of the shapes
  const year = digits(raw, 0, 4);
  const month = digits(raw, 5, 2);
  const day = digits(raw, 8, 2);
  if (year < 0 || month < 0 || day < 0 || raw[4] !== "-" || raw[7] !== "-") return null;
  if (dateOnly) return Date.UTC(year, month - 1, day);
  const hour = digits(raw, 11, 2);
  const minute = digits(raw, 14, 2);
  const second = digits(raw, 17, 2);
  if (hour < 0 || minute < 0 || second < 0 || raw[10] !== " " || raw[13] !== ":" || raw[16] !== ":") return null;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

const idCache = new Map<string, number | null>();

function numericId(raw: unknown): number | null {
  if (typeof raw === "string") {
    let n = idCache.get(raw);
    if (n === undefined) {
      n = raw === "" || !Number.isFinite(Number(raw)) ? null : Number(raw);
      if (idCache.size > 100_000) idCache.clear();
      idCache.set(raw, n);
    }
    return n;
  }
  if (raw === null || raw === undefined || raw === "") return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** What makeRow needs of a row's table, worked out once per table rather than per row. */
type TableInfo = {
  /** rank.py's time column. */
  field: string | undefined;
  dateOnly: boolean;
  /** Diagnoses and DRG codes: rank.py places them by admission, not by time. */
  timeless: boolean;
  icu: boolean;
  module: number;
  /** merge_patient.py's read order of the table's file (alphabetical within a module), × 2^43. */
  readBase: number;
};

function tableInfos(tables: Iterable<string>): Map<string, TableInfo> {
  return new Map(
    [...tables].sort().map((table, i) => [
      table,
      {
        field: TIME_FIELD[table],
        dateOnly: DATE_ONLY.has(table),
        timeless: table === "diagnoses_icd" || table === "drgcodes",
        icu: table === "icustays" || ICU_TABLES.has(table),
        module: moduleOf(table),
        readBase: i * 2 ** 43,
      },
    ]),
  );
}

const hadmTexts = new Map<number, string>();

/** combination.py's str(int(float(hadm_id))), kept per id (a patient has a few). */
function normalizedHadm(n: number): string {
  let text = hadmTexts.get(n);
  if (text === undefined) {
    text = String(Math.trunc(n));
    if (hadmTexts.size > 10_000) hadmTexts.clear();
    hadmTexts.set(n, text);
  }
  return text;
}

/**
 * One row. `fallbackTime`: the time of a row without source columns (FHIR, encounters);
 * `hadmFallback`: its admission's id; `sourceOrder`: its place in its file (or after them).
 * Positional arguments: 50,000 rows make no argument objects.
 */
function makeRow(
  table: string,
  event: RecordEvent,
  info: TableInfo,
  fallbackTime: Date | null,
  hadmFallback: string | null,
  sourceOrder: number,
): TrajectoryRow {
  const attrs = (event.attributes ?? {}) as Record<string, unknown>;
  const raw = info.field ? attrs[info.field] : undefined;
  let rankTime = raw === undefined ? null : parseRankTime(raw, info.dateOnly);
  // Rows that did not come from a MIMIC-IV CSV (FHIR) have no source columns: their event time.
  if (raw === undefined && fallbackTime) rankTime = fallbackTime.getTime();
  if (info.timeless) rankTime = null;
  const hadmRaw = attrs.hadm_id ?? hadmFallback;
  const rankHadm = numericId(hadmRaw);
  const hadm = rankHadm !== null ? normalizedHadm(rankHadm) : typeof hadmRaw === "string" ? hadmRaw : null;
  const stay = info.icu ? (numericId(attrs.stay_id) ?? 0) : 0;
  return {
    table,
    event,
    rankTime,
    rankHadm: rankHadm ?? (typeof hadmRaw === "string" ? hashId(hadmRaw) : null),
    hadm,
    module: info.module,
    readKey: info.readBase + sourceOrder,
    icuHadm: rankHadm ?? 0,
    icuStay: stay,
    icuFirst: table === "icustays" ? 0 : 1,
  };
}

// Non-numeric encounter ids (FHIR) still compare by identity.
const idHashes = new Map<string, number>();
function hashId(id: string): number {
  let n = idHashes.get(id);
  if (n === undefined) {
    n = -1 - idHashes.size;
    idHashes.set(id, n);
  }
  return n;
}

/** The admission each encounter belongs to (itself, or an ICU/ED stay's parent), by id. */
function admissionIds(encounters: readonly RecordEncounter[]): Map<string, string> {
  const byId = new Map(encounters.map((e) => [e.id, e]));
  const ids = new Map<string, string>();
  for (const encounter of encounters) {
    const admission = encounter.kind === "admission" ? encounter : byId.get(encounter.parentId ?? "");
    if (admission) ids.set(encounter.id, admission.externalId ?? admission.id);
  }
  return ids;
}

export type TrajectoryInput = {
  patient: RecordPatient;
  encounters: readonly RecordEncounter[];
  events: readonly RecordEvent[];
};

/** Every row of the record as the authors' pipeline sees it, in no particular order. */
export function collectRows(input: TrajectoryInput): TrajectoryRow[] {
  const admissionOf = admissionIds(input.encounters);
  // Rows without a source row (FHIR) keep the order of their ids, after any that have one.
  const byId = input.events.some((e) => e.sourceRow === null || e.sourceRow === undefined)
    ? [...input.events].sort((a, b) => compareEventIds(a.id, b.id))
    : input.events;
  const tableOf = byId.map((event) => resolveTableKey(event));
  const tables = new Set(tableOf);
  const admitted = new Set<string | undefined>();
  byId.forEach((event, i) => {
    if (tableOf[i] === "admissions") admitted.add(event.encounterId ? admissionOf.get(event.encounterId) : undefined);
  });
  // ICU stays are encounters here, rows of icu/icustays there (a header-only event); an
  // admission without its admissions row (FHIR, hand-built records) is made one from its encounter.
  const stays = tables.has("icustays") ? [] : input.encounters.filter((e) => e.kind === "icu_stay");
  const admissions = input.encounters.filter((e) => e.kind === "admission" && !admitted.has(e.externalId ?? e.id));
  if (stays.length) tables.add("icustays");
  if (admissions.length) tables.add("admissions");
  const infos = tableInfos(tables);

  const rows: TrajectoryRow[] = [];
  for (let i = 0; i < byId.length; i++) {
    const event = byId[i];
    const fromCsv = event.sourceRow !== null && event.sourceRow !== undefined;
    rows.push(
      makeRow(
        tableOf[i],
        event,
        infos.get(tableOf[i])!,
        fromCsv ? null : event.time,
        event.encounterId ? (admissionOf.get(event.encounterId) ?? null) : null,
        fromCsv ? event.sourceRow! : 2 ** 40 + i,
      ),
    );
  }
  for (const encounter of [...admissions, ...stays]) {
    const table = encounter.kind === "icu_stay" ? "icustays" : "admissions";
    const parent = encounter.parentId ? input.encounters.find((e) => e.id === encounter.parentId) : undefined;
    const hadm =
      encounter.kind === "admission"
        ? (encounter.externalId ?? encounter.id)
        : parent
          ? (parent.externalId ?? parent.id)
          : null;
    const attributes = {
      [TIME_FIELD[table]]: formatTimestamp(encounter.start),
      ...((encounter.attributes as Record<string, unknown> | null) ?? {}),
    };
    const event: RecordEvent = {
      id: `${SYNTHETIC_PREFIX}${encounter.id}`,
      encounterId: encounter.id,
      time: encounter.start,
      sourceTable: table,
      label: "",
      attributes,
    };
    rows.push(makeRow(table, event, infos.get(table)!, encounter.start, hadm, 2 ** 41 + rows.length));
  }
  return rows;
}

/**
 * rank.py's order of rows. `twoPass`: as the authors, sort_hosp over hosp.jsonl and then over
 * everything; a slice (sliceRows) has no quirks to reproduce and places its timeless rows once.
 */
function orderRows(rows: readonly TrajectoryRow[], twoPass = true): TrajectoryRow[] {
  // merge_patient.py order: module files alphabetically, rows in CSV order; rank.py then sorts
  // ICU rows by (hadm_id, stay_id, ICU stay first, time) before the final sort.
  const readOrder = (a: TrajectoryRow, b: TrajectoryRow) => a.readKey - b.readKey;
  const hosp = rows.filter((r) => r.module === MODULE_RANK.hosp && r.table !== "patients").sort(readOrder);
  const note = rows.filter((r) => r.module === MODULE_RANK.note).sort((a, b) => cmpTime(a, b) || readOrder(a, b));
  const ed = rows.filter((r) => r.module === MODULE_RANK.ed).sort(readOrder);
  const icu = rows
    .filter((r) => r.module === MODULE_RANK.icu)
    .sort(
      (a, b) =>
        a.icuHadm - b.icuHadm || a.icuStay - b.icuStay || a.icuFirst - b.icuFirst || cmpTime(a, b) || readOrder(a, b),
    );
  // sort_hosp runs twice: on hosp.jsonl alone, then on hosp + note + ed + icu.
  return placeTimeless([...(twoPass ? placeTimeless(hosp) : hosp), ...note, ...ed, ...icu], twoPass);
}

/** rank.py's order of the patient's rows, before runs are formed. */
export function rankRows(input: TrajectoryInput): TrajectoryRow[] {
  return orderRows(collectRows(input));
}

/** The order of two timed rows in rank.py's final list (time, then the concatenation order). */
function compareTimed(a: TrajectoryRow, b: TrajectoryRow): number {
  return (
    a.rankTime! - b.rankTime! ||
    a.module - b.module ||
    (a.module === MODULE_RANK.icu ? a.icuHadm - b.icuHadm || a.icuStay - b.icuStay || a.icuFirst - b.icuFirst : 0) ||
    a.readKey - b.readKey
  );
}

/** A time range of the trajectory, in ms: rows timed from `from` through `to`. */
export type TrajectoryRange = { from: number; to: number };

/**
 * The rows a window in `range` can see, without ordering the whole record: the timed rows in
 * the range, the one row just before it (so a run that began earlier is seen to continue), and
 * the timeless rows (diagnoses) whose admission's last row falls there. Null when the record
 * has a row only the whole-record order places right (a timeless row with no admission to
 * follow, or one that follows the very first row): the caller then orders everything.
 */
function sliceRows(
  rows: readonly TrajectoryRow[],
  range: TrajectoryRange,
): { rows: TrajectoryRow[]; before: TrajectoryRow | null } | null {
  let before: TrajectoryRow | null = null;
  let first: TrajectoryRow | null = null;
  let firstHosp: TrajectoryRow | null = null;
  const last = new Map<RankHadm, TrajectoryRow>();
  const lastHosp = new Map<RankHadm, TrajectoryRow>();
  const inRange: TrajectoryRow[] = [];
  const timeless: TrajectoryRow[] = [];
  for (const row of rows) {
    if (row.rankTime === null) {
      timeless.push(row);
      continue;
    }
    if (row.rankTime < range.from) {
      if (!before || compareTimed(row, before) > 0) before = row;
    } else if (row.rankTime <= range.to) inRange.push(row);
    if (!first || compareTimed(row, first) < 0) first = row;
    if (row.module === MODULE_RANK.hosp && (!firstHosp || compareTimed(row, firstHosp) < 0)) firstHosp = row;
    if (row.rankHadm !== null) {
      const seen = last.get(row.rankHadm);
      if (!seen || compareTimed(row, seen) > 0) last.set(row.rankHadm, row);
      if (row.module === MODULE_RANK.hosp) {
        const seenHosp = lastHosp.get(row.rankHadm);
        if (!seenHosp || compareTimed(row, seenHosp) > 0) lastHosp.set(row.rankHadm, row);
      }
    }
  }
  const placed: TrajectoryRow[] = [];
  for (const row of timeless) {
    const hadm = row.rankHadm;
    if (hadm === null || (row.table !== "diagnoses_icd" && row.table !== "drgcodes")) return null;
    const anchor = last.get(hadm);
    const hospAnchor = lastHosp.get(hadm);
    if (!anchor || anchor === first || !hospAnchor || hospAnchor === firstHosp) return null;
    if (anchor === before || (anchor.rankTime! >= range.from && anchor.rankTime! <= range.to)) placed.push(row);
  }
  return { rows: [...(before ? [before] : []), ...inRange, ...placed], before };
}

const cmpTime = (a: TrajectoryRow, b: TrajectoryRow) => (a.rankTime ?? 0) - (b.rankTime ?? 0);

/**
 * rank.py sort_hosp: timed rows in a stable sort by time; then each timeless row is inserted
 * after the last row of its admission (diagnoses before DRG codes). A timeless row whose
 * admission it finds nowhere but at position 0 goes in at position 1 *and* at the end, as their
 * loop does.
 *
 * Their loop scans the whole list for every timeless row. Only a few places can be found: the
 * last timed row of each admission, the first row, and rows inserted before. So the same loop
 * runs on a short list of those places (one marker per admission's last timed row, the first
 * row, an end mark) and the result is spread back over the timed rows: same order, without a
 * scan of 50,000 rows per diagnosis.
 */
function placeTimeless(rows: readonly TrajectoryRow[], recordStart = true): TrajectoryRow[] {
  const timed: TrajectoryRow[] = [];
  const timeless: TrajectoryRow[] = [];
  for (const row of rows) (row.rankTime === null ? timeless : timed).push(row);
  // Array.prototype.sort is stable: rows of one time keep their order, as pandas' stable sort.
  const sorted = timed.sort((a, b) => a.rankTime! - b.rankTime!);
  if (!timeless.length) return sorted;

  // A linked list of places: the first row, each admission's last timed row, an end mark,
  // and the rows inserted so far. Their loop's "last place of this admission" is tracked per
  // admission (any row, and any but a DRG code row), so each insertion costs O(1).
  type Slot = { anchor: number; row?: TrajectoryRow; next: Slot | null };
  const lastOfHadm = new Map<RankHadm, number>();
  sorted.forEach((row, i) => {
    if (row.rankHadm !== null) lastOfHadm.set(row.rankHadm, i);
  });
  const END = sorted.length;
  const head: Slot = { anchor: 0, next: null };
  const lastAny = new Map<RankHadm, Slot>();
  const lastNonDrg = new Map<RankHadm, Slot>();
  let tail = head;
  const anchors = [...new Set(lastOfHadm.values())].filter((i) => i > 0).sort((a, b) => a - b);
  if (sorted.length && sorted[0].rankHadm !== null && lastOfHadm.get(sorted[0].rankHadm) === 0) {
    lastAny.set(sorted[0].rankHadm, head);
    lastNonDrg.set(sorted[0].rankHadm, head);
  }
  for (const i of anchors) {
    const slot: Slot = { anchor: i, next: null };
    tail.next = slot;
    tail = slot;
    lastAny.set(sorted[i].rankHadm, slot);
    lastNonDrg.set(sorted[i].rankHadm, slot);
  }
  const end: Slot = { anchor: END, next: null };
  tail.next = end;
  tail = end;

  const insertAfter = (at: Slot, row: TrajectoryRow): Slot => {
    const slot: Slot = { anchor: -1, row, next: at.next };
    at.next = slot;
    if (tail === at) tail = slot;
    return slot;
  };
  for (const element of timeless) {
    const h = element.rankHadm;
    const isDrg = element.table === "drgcodes";
    const isDiagnosis = element.table === "diagnoses_icd";
    const found = h === null ? undefined : isDrg ? lastAny.get(h) : isDiagnosis ? lastNonDrg.get(h) : undefined;
    // (A slice's first row is not the record's: following it is an ordinary insertion.)
    if (found && (found !== head || !recordStart)) {
      const slot = insertAfter(found, element);
      if (isDrg) lastAny.set(h, slot);
      else {
        if (lastAny.get(h) === found) lastAny.set(h, slot);
        lastNonDrg.set(h, slot);
      }
      continue;
    }
    // Nothing found past position 0: in at position 1 and again at the end.
    insertAfter(head, element);
    const copy = insertAfter(tail, element);
    if (h !== null && (isDrg || isDiagnosis)) {
      lastAny.set(h, copy);
      if (isDiagnosis) lastNonDrg.set(h, copy);
    }
  }
  const slots: Slot[] = [];
  for (let slot: Slot | null = head; slot; slot = slot.next) slots.push(slot);

  // Spread back: an inserted row follows the timed row of the nearest marker before it.
  const after = new Map<number, TrajectoryRow[]>();
  let anchor = 0;
  for (const slot of slots) {
    if (slot.anchor >= 0) anchor = slot.anchor;
    else {
      const list = after.get(anchor) ?? [];
      list.push(slot.row!);
      after.set(anchor, list);
    }
  }
  const result: TrajectoryRow[] = [];
  for (let i = 0; i < sorted.length; i++) {
    result.push(sorted[i]);
    const list = after.get(i);
    if (list) result.push(...list);
  }
  const last = after.get(END);
  if (last) result.push(...last);
  return result;
}

/** combination.py: consecutive rows of one table become one event, timed by its first row. */
export function buildTrajectory(input: TrajectoryInput, rows?: readonly TrajectoryRow[]): TrajectoryEvent[] {
  return formRuns(orderRows(rows ?? collectRows(input)));
}

/**
 * The trajectory's events around `range` (sliceRows), or null when only the whole order is
 * right. `afterEarlierRows`: index 1 is the run of the row before the range, not the record's
 * first event.
 */
export function buildTrajectorySlice(
  rows: readonly TrajectoryRow[],
  range: TrajectoryRange,
): { trajectory: TrajectoryEvent[]; afterEarlierRows: boolean } | null {
  const slice = sliceRows(rows, range);
  if (!slice) return null;
  return { trajectory: formRuns(orderRows(slice.rows, false)), afterEarlierRows: slice.before !== null };
}

/** The rows in rank.py's order cut into events (combination.py). */
function formRuns(ordered: readonly TrajectoryRow[]): TrajectoryEvent[] {
  const patientRow: TrajectoryRow = {
    table: "patients",
    event: null,
    rankTime: null,
    rankHadm: null,
    hadm: null,
    module: 0,
    readKey: -1,
    icuHadm: 0,
    icuStay: 0,
    icuFirst: 0,
  };
  const events: TrajectoryEvent[] = [{ table: "patients", start: null, hadm: null, rows: [patientRow] }];
  let current: TrajectoryEvent | null = null;
  for (const row of ordered) {
    const time = row.table === "diagnoses_icd" || row.table === "drgcodes" ? null : row.rankTime;
    if (!current || current.table !== row.table) {
      current = {
        table: row.table,
        start: time === null ? null : formatTimestamp(new Date(time)),
        hadm: row.hadm,
        rows: [row],
      };
      events.push(current);
    } else {
      current.rows.push(row);
      if (current.start === null && time !== null && row.table !== "diagnoses_icd" && row.table !== "drgcodes")
        current.start = formatTimestamp(new Date(time));
    }
  }
  return events;
}

const SYNTHETIC_PREFIX = "encounter:";

/** Event ids of a trajectory event's rows (rows made from encounters have none). */
export function trajectoryEventIds(event: TrajectoryEvent): string[] {
  return event.rows.flatMap((r) => {
    const id = r.event ? eventIdString(r.event) : "";
    return id && !id.startsWith(SYNTHETIC_PREFIX) ? [id] : [];
  });
}

/**
 * The latest row of each of `tables` before `time` (ms) in rank.py's order, as one-row events:
 * the admission or discharge note a windowed trajectory (buildTrajectory with a range) starts
 * after. One pass over the rows for all of them.
 */
export function latestRowsBefore(
  rows: readonly TrajectoryRow[],
  tables: readonly string[],
  time: number,
): Map<string, TrajectoryEvent> {
  const best = new Map<string, TrajectoryRow>();
  for (const row of rows) {
    if (row.rankTime === null || row.rankTime >= time || !tables.includes(row.table)) continue;
    const seen = best.get(row.table);
    if (!seen || compareTimed(row, seen) > 0) best.set(row.table, row);
  }
  return new Map(
    [...best].map(([table, row]) => [
      table,
      { table, start: formatTimestamp(new Date(row.rankTime!)), hadm: row.hadm, rows: [row] },
    ]),
  );
}
