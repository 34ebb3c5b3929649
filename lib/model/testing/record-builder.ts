// Small builders for records in tests: times as MIMIC-IV writes them, events with string
// attributes as the importer stores them.
import type { RecordEncounter, RecordEvent, RecordPatient } from "../record";

/** "2158-09-05 16:00:00" → Date (UTC, as the importer stores MIMIC-IV times). */
export const at = (text: string): Date =>
  new Date(`${text.replace(" ", "T")}${text.length === 10 ? "T00:00:00" : ""}Z`);

let nextId = 1;

export function event(
  fields: Omit<Partial<RecordEvent>, "time"> & { sourceTable: string; time: Date | string },
): RecordEvent {
  const { time, ...rest } = fields;
  return {
    id: nextId++,
    label: "",
    ...rest,
    time: typeof time === "string" ? at(time) : time,
  };
}

export function encounter(
  fields: Omit<Partial<RecordEncounter>, "start" | "end"> & {
    id: string;
    kind: RecordEncounter["kind"];
    start: Date | string;
    end?: Date | string | null;
  },
): RecordEncounter {
  const { start, end, ...rest } = fields;
  return {
    ...rest,
    start: typeof start === "string" ? at(start) : start,
    end: typeof end === "string" ? at(end) : (end ?? null),
  };
}

export function patient(fields: Partial<RecordPatient> = {}): RecordPatient {
  return { id: "p1", gender: "M", anchorAge: 65, ...fields };
}

/** A labevents row as the MIMIC-IV importer stores it. */
export function lab(
  time: string,
  label: string,
  cells: {
    valuenum?: string;
    valueuom?: string;
    ref_range_lower?: string;
    ref_range_upper?: string;
    flag?: string;
    comments?: string;
  },
  extra: Partial<RecordEvent> = {},
): RecordEvent {
  const attributes = {
    valuenum: "",
    valueuom: "",
    ref_range_lower: "",
    ref_range_upper: "",
    flag: "",
    comments: "",
    ...cells,
  };
  return event({
    sourceTable: "labevents",
    category: "lab",
    time,
    label,
    valueNum: attributes.valuenum ? Number(attributes.valuenum) : null,
    unit: attributes.valueuom || null,
    flag: attributes.flag || null,
    attributes,
    ...extra,
  });
}
