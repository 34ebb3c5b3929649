// The largest MIMIC-IV tables, checked and mapped in SQL instead of row by row in JavaScript:
// the importer copies such a file's CSV bytes as they are into a table of text columns
// (PostgreSQL parses the CSV) and moves its rows into staging with one INSERT ... SELECT built
// here. The SQL reproduces the JavaScript reader exactly: the same checks in the same order,
// the same rejection reasons, the same record. Where SQL cannot tell what the JavaScript
// reader would do (e.g. a number too small for a double, which JavaScript takes as 0), the
// row's reason is DEFER and the whole file goes the JavaScript way instead.
import type { ColumnTypes } from "./row";
import type { ReaderState, TableSpec } from "./tables";

/** A rejection "reason" meaning: SQL cannot judge this row exactly; read the file in JavaScript. */
export const DEFER = "\u0001defer";

/** stage_event columns (see ../import/staging.ts) the mapping fills, as SQL expressions. */
export type StageEventValues = {
  patient_external_id: string;
  encounter_external_id: string;
  time: string;
  end_time: string;
  category: string;
  source_table: string;
  code_system: string;
  code: string;
  label: string;
  value_num: string;
  unit: string;
  value_text: string;
  ref_low: string;
  ref_high: string;
  flag: string;
  attributes: string;
  provenance: string;
};

/** The SQL over one raw row `r`, given each header column's SQL (a text, '' when empty). */
export type SqlMapping = {
  /** Lookup tables joined to r (by SqlTable.lookups' names). */
  joins: string;
  /** The subject_id, for --patients. */
  subject: string;
  /** The first reason the row is refused, as the JavaScript reader words it; NULL when valid. */
  reason: string;
  values: StageEventValues;
};

export type SqlTable = {
  /** Code → label tables the SQL joins, as `lookup_<name>` (code text, label text). */
  lookups: Record<string, ReadonlyMap<string, string>>;
  /**
   * The mapping for a file's header; `column(name)` is the SQL of a column the header has (the
   * required ones always), undefined for an absent one.
   */
  mapping: (header: readonly string[], column: (name: string) => string | undefined) => SqlMapping;
};

export const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** quote() of row.ts: the value as JSON, cut at 60 characters. */
const quoted = (sql: string) =>
  `to_json(CASE WHEN length(${sql}) > 60 THEN left(${sql}, 60) || '…' ELSE ${sql} END)::text`;

const IDENTIFIER = "^[0-9]+$";
const NUMBER = "^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$";
/** A MIMIC time's shapes with every digit as 0: a date, or a date and time with up to 6 decimals. */
const TIME_SHAPES = [
  "0000-00-00",
  ...[" ", "T"].flatMap((separator) =>
    ["", ".0", ".00", ".000", ".0000", ".00000", ".000000"].map(
      (decimals) => `0000-00-00${separator}00:00:00${decimals}`,
    ),
  ),
];

/** Row.load()'s checks, in its order: identifiers, then numbers, then times. */
function typeChecks(types: ColumnTypes, column: (name: string) => string | undefined): string[] {
  const present = (names: readonly string[] = []) =>
    names.flatMap((name) => {
      const sql = column(name);
      return sql === undefined ? [] : [{ name, sql }];
    });
  const arms: string[] = [];
  for (const { name, sql } of present(types.ids)) {
    arms.push(
      `WHEN ${sql} <> '' AND ${sql} !~ '${IDENTIFIER}' THEN ${literal(`${name} is not an identifier: `)} || ${quoted(sql)}`,
    );
  }
  for (const { name, sql } of present(types.numeric)) {
    arms.push(`WHEN ${sql} <> '' AND ${sql} !~ '${NUMBER}' THEN ${literal(`non-numeric ${name}: `)} || ${quoted(sql)}`);
    // Out of a double's range: JavaScript reads an overflow as Infinity (refused) but an
    // underflow as 0 (taken); PostgreSQL refuses both.
    arms.push(`WHEN ${sql} <> '' AND NOT pg_input_is_valid(${sql}, 'double precision') THEN ${literal(DEFER)}`);
  }
  for (const { name, sql } of present(types.times)) {
    // Year 0000 is a valid MIMIC time to JavaScript but not a PostgreSQL timestamp.
    arms.push(`WHEN ${sql} <> '' AND left(${sql}, 4) = '0000' THEN ${literal(DEFER)}`);
    // The shape by translate() (several times cheaper than a regex over millions of rows), then
    // PostgreSQL's own check of the date, less what it takes that MIMIC times cannot be: hour
    // 24 and second 60.
    const shape = `translate(${sql}, '0123456789', '0000000000') IN (${TIME_SHAPES.map(literal).join(", ")})`;
    const valid = `${shape} AND substr(${sql}, 12, 2) <> '24' AND substr(${sql}, 18, 2) <> '60' AND pg_input_is_valid(${sql}, 'timestamp')`;
    arms.push(
      `WHEN ${sql} <> '' AND NOT (${valid}) THEN ${literal(`bad ${name}: `)} || ${quoted(sql)} || ' (expected YYYY-MM-DD HH:MM:SS)'`,
    );
  }
  return arms;
}

/** Row.attributes(): every non-empty column by its header name, except subject_id. */
function attributes(header: readonly string[], column: (name: string) => string | undefined): string {
  const pairs = header
    .filter((name) => name !== "subject_id")
    .map((name) => `${literal(name)}, nullif(${column(name)}, '')`);
  return `jsonb_strip_nulls(jsonb_build_object(${pairs.join(", ")}))`;
}

const time = (sql: string) => `date_trunc('milliseconds', ${sql}::timestamp)`;
const float = (sql: string) => `CASE WHEN ${sql} = '' THEN NULL ELSE ${sql}::double precision END`;
const text = (sql: string) => `nullif(${sql}, '')`;

/** labevents (tables.ts): the table with by far the most rows, and the benchmark's. */
function labevents(spec: TableSpec, state: ReaderState): SqlTable {
  return {
    lookups: { d_labitems: state.labItems },
    mapping: (header, column) => {
      const c = (name: string) => column(name)!;
      const arms = [
        ...typeChecks(spec.types, column),
        // toRecords: the item, charttime, subject_id, then labevent_id for the provenance.
        `WHEN ${c("itemid")} = '' THEN 'empty itemid'`,
        `WHEN item.label IS NULL THEN 'itemid ' || ${c("itemid")} || ' is not in d_labitems'`,
        `WHEN ${c("charttime")} = '' THEN 'empty charttime'`,
        `WHEN ${c("subject_id")} = '' THEN 'empty subject_id'`,
        `WHEN ${c("labevent_id")} = '' THEN 'empty labevent_id'`,
      ];
      return {
        joins: `LEFT JOIN lookup_d_labitems item ON item.code = ${c("itemid")}`,
        subject: c("subject_id"),
        reason: `CASE ${arms.join("\n")} END`,
        values: {
          patient_external_id: c("subject_id"),
          encounter_external_id: text(c("hadm_id")),
          time: time(c("charttime")),
          end_time: "NULL",
          category: "'lab'",
          source_table: literal(spec.name),
          code_system: "'mimic-iv/d_labitems'",
          code: c("itemid"),
          label: "item.label",
          value_num: float(c("valuenum")),
          unit: text(c("valueuom")),
          value_text: text(c("value")),
          ref_low: float(c("ref_range_lower")),
          ref_high: float(c("ref_range_upper")),
          flag: text(c("flag")),
          attributes: attributes(header, column),
          provenance: `${literal(`${spec.name}:`)} || ${c("labevent_id")}`,
        },
      };
    },
  };
}

const SQL_TABLES: Record<string, (spec: TableSpec, state: ReaderState) => SqlTable> = { labevents };

/** The SQL way for a table, when it has one. */
export function sqlTableFor(spec: TableSpec, state: ReaderState): SqlTable | undefined {
  return SQL_TABLES[spec.name]?.(spec, state);
}
