// MIMIC-IV's tables as MIT-LCP/mimic-code's PostgreSQL build defines them (buildmimic/postgres:
// create.sql, constraint.sql, index.sql of mimic-iv, mimic-iv-ed and mimic-iv-note), written
// here as data from those published facts, for the tables the app reads: every table of
// ../mimic-iv/tables.ts that becomes records. Columns are in the CSV's order (which is also
// create.sql's), so COPY can name them in file order. Decision record:
// docs/decisions/004-mimic-iv-at-full-size.md.
//
// Two things are ours, not mimic-code's, and only when a table is loaded by us (`sourceRow`):
// `source_row`, the data row's number in its file (COPY fills an identity column in file order;
// the authors' order of same-time rows is file order and a table has none of its own), and a
// per-subject index (subject_id, time column, source_row), since a timeline or a prompt reads
// one patient's rows. With `sourceRow: false` a table is exactly mimic-code's, as an existing
// mimic-code database has it.

export type MimicCodeModule = "hosp" | "icu" | "ed" | "note";

export type MimicCodeTable = {
  module: MimicCodeModule;
  name: string;
  /** In the CSV's column order, with mimic-code's SQL types (NOT NULL where mimic-code has it). */
  columns: { name: string; type: string }[];
  primaryKey?: string[];
  foreignKeys?: { columns: string[]; references: { table: string; columns: string[] } }[];
  /** mimic-code's secondary indexes (index.sql), each a column list. */
  indexes: string[][];
  /** Set where a table has per-patient rows and needs our per-subject index. */
  subjectColumn?: "subject_id";
  /** The time that orders one subject's rows (second column of the per-subject index). */
  timeColumn?: string;
};

/** "name TYPE, name TYPE" as mimic-code's create.sql writes them, into the column list. */
function columns(spec: string): MimicCodeTable["columns"] {
  return spec
    .split(",\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const at = line.indexOf(" ");
      return { name: line.slice(0, at), type: line.slice(at + 1).trim() };
    });
}

/** A foreign key to another table's single-column key; `table` is "<module>.<name>". */
function fk(column: string, table: string, references = column) {
  return { columns: [column], references: { table, columns: [references] } };
}

const PATIENTS = fk("subject_id", "hosp.patients");
const ADMISSIONS = fk("hadm_id", "hosp.admissions");
const ICUSTAYS = fk("stay_id", "icu.icustays");
const D_ITEMS = fk("itemid", "icu.d_items");
const EDSTAYS = fk("stay_id", "ed.edstays");

/** Tables in loading order: every table comes after the tables its foreign keys reference. */
export const MIMIC_CODE_TABLES: readonly MimicCodeTable[] = [
  // hosp dictionaries and patients: referenced by everything else.
  {
    module: "hosp",
    name: "d_labitems",
    columns: columns(`itemid INTEGER NOT NULL,
      label VARCHAR(50),
      fluid VARCHAR(50),
      category VARCHAR(50)`),
    primaryKey: ["itemid"],
    indexes: [["label", "fluid", "category"]],
  },
  {
    module: "hosp",
    name: "d_icd_diagnoses",
    columns: columns(`icd_code CHAR(7) NOT NULL,
      icd_version SMALLINT NOT NULL,
      long_title VARCHAR(255)`),
    primaryKey: ["icd_code", "icd_version"],
    indexes: [["long_title"]],
  },
  {
    module: "hosp",
    name: "d_icd_procedures",
    columns: columns(`icd_code CHAR(7) NOT NULL,
      icd_version SMALLINT NOT NULL,
      long_title VARCHAR(222)`),
    primaryKey: ["icd_code", "icd_version"],
    indexes: [["long_title"]],
  },
  {
    module: "icu",
    name: "d_items",
    columns: columns(`itemid INTEGER NOT NULL,
      label VARCHAR(100) NOT NULL,
      abbreviation VARCHAR(50) NOT NULL,
      linksto VARCHAR(30) NOT NULL,
      category VARCHAR(50) NOT NULL,
      unitname VARCHAR(50),
      param_type VARCHAR(20) NOT NULL,
      lownormalvalue FLOAT,
      highnormalvalue FLOAT`),
    primaryKey: ["itemid"],
    indexes: [["label", "abbreviation"], ["category"]],
  },
  {
    module: "hosp",
    name: "patients",
    columns: columns(`subject_id INTEGER NOT NULL,
      gender CHAR(1) NOT NULL,
      anchor_age SMALLINT,
      anchor_year SMALLINT NOT NULL,
      anchor_year_group VARCHAR(20) NOT NULL,
      dod DATE`),
    // The primary key is the per-subject index already.
    primaryKey: ["subject_id"],
    indexes: [["anchor_age"], ["anchor_year"]],
  },
  {
    module: "hosp",
    name: "admissions",
    columns: columns(`subject_id INTEGER NOT NULL,
      hadm_id INTEGER NOT NULL,
      admittime TIMESTAMP NOT NULL,
      dischtime TIMESTAMP,
      deathtime TIMESTAMP,
      admission_type VARCHAR(40) NOT NULL,
      admit_provider_id VARCHAR(10),
      admission_location VARCHAR(60),
      discharge_location VARCHAR(60),
      insurance VARCHAR(255),
      language VARCHAR(25),
      marital_status VARCHAR(30),
      race VARCHAR(80),
      edregtime TIMESTAMP,
      edouttime TIMESTAMP,
      hospital_expire_flag SMALLINT`),
    primaryKey: ["hadm_id"],
    foreignKeys: [PATIENTS],
    indexes: [["admittime", "dischtime", "deathtime"]],
    subjectColumn: "subject_id",
    timeColumn: "admittime",
  },
  {
    module: "icu",
    name: "icustays",
    columns: columns(`subject_id INTEGER NOT NULL,
      hadm_id INTEGER NOT NULL,
      stay_id INTEGER NOT NULL,
      first_careunit VARCHAR(255),
      last_careunit VARCHAR(255),
      intime TIMESTAMP,
      outtime TIMESTAMP,
      los FLOAT`),
    primaryKey: ["stay_id"],
    foreignKeys: [PATIENTS, ADMISSIONS],
    indexes: [
      ["first_careunit", "last_careunit"],
      ["intime", "outtime"],
    ],
    subjectColumn: "subject_id",
    timeColumn: "intime",
  },

  // hosp events.
  {
    module: "hosp",
    name: "transfers",
    columns: columns(`subject_id INTEGER NOT NULL,
      hadm_id INTEGER,
      transfer_id INTEGER NOT NULL,
      eventtype VARCHAR(10),
      careunit VARCHAR(255),
      intime TIMESTAMP,
      outtime TIMESTAMP`),
    primaryKey: ["transfer_id"],
    foreignKeys: [PATIENTS],
    indexes: [["hadm_id"], ["intime"], ["careunit"]],
    subjectColumn: "subject_id",
    timeColumn: "intime",
  },
  {
    module: "hosp",
    name: "services",
    columns: columns(`subject_id INTEGER NOT NULL,
      hadm_id INTEGER NOT NULL,
      transfertime TIMESTAMP NOT NULL,
      prev_service VARCHAR(10),
      curr_service VARCHAR(10)`),
    primaryKey: ["hadm_id", "transfertime", "curr_service"],
    foreignKeys: [PATIENTS, ADMISSIONS],
    indexes: [],
    subjectColumn: "subject_id",
    timeColumn: "transfertime",
  },
  {
    module: "hosp",
    name: "labevents",
    columns: columns(`labevent_id INTEGER NOT NULL,
      subject_id INTEGER NOT NULL,
      hadm_id INTEGER,
      specimen_id INTEGER NOT NULL,
      itemid INTEGER NOT NULL,
      order_provider_id VARCHAR(10),
      charttime TIMESTAMP(0),
      storetime TIMESTAMP(0),
      value VARCHAR(200),
      valuenum DOUBLE PRECISION,
      valueuom VARCHAR(20),
      ref_range_lower DOUBLE PRECISION,
      ref_range_upper DOUBLE PRECISION,
      flag VARCHAR(10),
      priority VARCHAR(7),
      comments TEXT`),
    primaryKey: ["labevent_id"],
    // No foreign key on hadm_id in mimic-code: lab rows outside any admission keep their hadm_id.
    foreignKeys: [PATIENTS, fk("itemid", "hosp.d_labitems")],
    indexes: [["charttime", "storetime"], ["specimen_id"]],
    subjectColumn: "subject_id",
    timeColumn: "charttime",
  },
  {
    module: "hosp",
    name: "microbiologyevents",
    columns: columns(`microevent_id INTEGER NOT NULL,
      subject_id INTEGER NOT NULL,
      hadm_id INTEGER,
      micro_specimen_id INTEGER NOT NULL,
      order_provider_id VARCHAR(10),
      chartdate TIMESTAMP(0) NOT NULL,
      charttime TIMESTAMP(0),
      spec_itemid INTEGER NOT NULL,
      spec_type_desc VARCHAR(100) NOT NULL,
      test_seq INTEGER NOT NULL,
      storedate TIMESTAMP(0),
      storetime TIMESTAMP(0),
      test_itemid INTEGER,
      test_name VARCHAR(100),
      org_itemid INTEGER,
      org_name VARCHAR(100),
      isolate_num SMALLINT,
      quantity VARCHAR(50),
      ab_itemid INTEGER,
      ab_name VARCHAR(30),
      dilution_text VARCHAR(10),
      dilution_comparison VARCHAR(20),
      dilution_value DOUBLE PRECISION,
      interpretation VARCHAR(5),
      comments TEXT`),
    primaryKey: ["microevent_id"],
    foreignKeys: [PATIENTS, ADMISSIONS],
    indexes: [
      ["chartdate", "charttime", "storedate", "storetime"],
      ["spec_itemid", "test_itemid", "org_itemid", "ab_itemid"],
      ["micro_specimen_id"],
    ],
    subjectColumn: "subject_id",
    // chartdate is never empty; charttime is (the reader falls back to chartdate).
    timeColumn: "chartdate",
  },
  {
    module: "hosp",
    name: "prescriptions",
    columns: columns(`subject_id INTEGER NOT NULL,
      hadm_id INTEGER NOT NULL,
      pharmacy_id INTEGER NOT NULL,
      poe_id VARCHAR(25),
      poe_seq INTEGER,
      order_provider_id VARCHAR(10),
      starttime TIMESTAMP(3),
      stoptime TIMESTAMP(3),
      drug_type VARCHAR(20) NOT NULL,
      drug VARCHAR(255) NOT NULL,
      formulary_drug_cd VARCHAR(50),
      gsn VARCHAR(255),
      ndc VARCHAR(25),
      prod_strength VARCHAR(255),
      form_rx VARCHAR(25),
      dose_val_rx VARCHAR(100),
      dose_unit_rx VARCHAR(50),
      form_val_disp VARCHAR(50),
      form_unit_disp VARCHAR(50),
      doses_per_24_hrs REAL,
      route VARCHAR(50)`),
    primaryKey: ["pharmacy_id", "drug_type", "drug"],
    foreignKeys: [PATIENTS, ADMISSIONS],
    indexes: [["starttime", "stoptime"]],
    subjectColumn: "subject_id",
    timeColumn: "starttime",
  },
  {
    module: "hosp",
    name: "emar",
    columns: columns(`subject_id INTEGER NOT NULL,
      hadm_id INTEGER,
      emar_id VARCHAR(25) NOT NULL,
      emar_seq INTEGER NOT NULL,
      poe_id VARCHAR(25) NOT NULL,
      pharmacy_id INTEGER,
      enter_provider_id VARCHAR(10),
      charttime TIMESTAMP NOT NULL,
      medication TEXT,
      event_txt VARCHAR(100),
      scheduletime TIMESTAMP,
      storetime TIMESTAMP NOT NULL`),
    primaryKey: ["emar_id"],
    foreignKeys: [PATIENTS, ADMISSIONS],
    indexes: [["poe_id"], ["pharmacy_id"], ["charttime", "scheduletime", "storetime"], ["medication"]],
    subjectColumn: "subject_id",
    timeColumn: "charttime",
  },
  {
    module: "hosp",
    name: "pharmacy",
    columns: columns(`subject_id INTEGER NOT NULL,
      hadm_id INTEGER NOT NULL,
      pharmacy_id INTEGER NOT NULL,
      poe_id VARCHAR(25),
      starttime TIMESTAMP(3),
      stoptime TIMESTAMP(3),
      medication TEXT,
      proc_type VARCHAR(50) NOT NULL,
      status VARCHAR(50),
      entertime TIMESTAMP(3) NOT NULL,
      verifiedtime TIMESTAMP(3),
      route VARCHAR(50),
      frequency VARCHAR(50),
      disp_sched VARCHAR(255),
      infusion_type VARCHAR(15),
      sliding_scale VARCHAR(1),
      lockout_interval VARCHAR(50),
      basal_rate REAL,
      one_hr_max VARCHAR(10),
      doses_per_24_hrs REAL,
      duration REAL,
      duration_interval VARCHAR(50),
      expiration_value INTEGER,
      expiration_unit VARCHAR(50),
      expirationdate TIMESTAMP(3),
      dispensation VARCHAR(50),
      fill_quantity VARCHAR(50)`),
    primaryKey: ["pharmacy_id"],
    foreignKeys: [PATIENTS, ADMISSIONS],
    indexes: [["poe_id"], ["starttime", "stoptime"], ["medication"], ["route"]],
    subjectColumn: "subject_id",
    timeColumn: "starttime",
  },
  {
    module: "hosp",
    name: "poe",
    columns: columns(`poe_id VARCHAR(25) NOT NULL,
      poe_seq INTEGER NOT NULL,
      subject_id INTEGER NOT NULL,
      hadm_id INTEGER,
      ordertime TIMESTAMP(0) NOT NULL,
      order_type VARCHAR(25) NOT NULL,
      order_subtype VARCHAR(50),
      transaction_type VARCHAR(15),
      discontinue_of_poe_id VARCHAR(25),
      discontinued_by_poe_id VARCHAR(25),
      order_provider_id VARCHAR(10),
      order_status VARCHAR(15)`),
    primaryKey: ["poe_id"],
    foreignKeys: [PATIENTS, ADMISSIONS],
    indexes: [["order_type"]],
    subjectColumn: "subject_id",
    timeColumn: "ordertime",
  },
  {
    module: "hosp",
    name: "omr",
    columns: columns(`subject_id INTEGER NOT NULL,
      chartdate DATE NOT NULL,
      seq_num INTEGER NOT NULL,
      result_name VARCHAR(100) NOT NULL,
      result_value TEXT NOT NULL`),
    // mimic-code gives omr neither a key nor an index.
    indexes: [],
    subjectColumn: "subject_id",
    timeColumn: "chartdate",
  },
  {
    module: "hosp",
    name: "diagnoses_icd",
    columns: columns(`subject_id INTEGER NOT NULL,
      hadm_id INTEGER NOT NULL,
      seq_num INTEGER NOT NULL,
      icd_code CHAR(7),
      icd_version SMALLINT`),
    primaryKey: ["hadm_id", "seq_num", "icd_code", "icd_version"],
    foreignKeys: [PATIENTS, ADMISSIONS],
    indexes: [],
    // No time of its own (dated at the admission's discharge): the index is (subject_id, source_row).
    subjectColumn: "subject_id",
  },
  {
    module: "hosp",
    name: "procedures_icd",
    columns: columns(`subject_id INTEGER NOT NULL,
      hadm_id INTEGER NOT NULL,
      seq_num INTEGER NOT NULL,
      chartdate DATE NOT NULL,
      icd_code VARCHAR(7),
      icd_version SMALLINT`),
    primaryKey: ["hadm_id", "seq_num", "icd_code", "icd_version"],
    foreignKeys: [PATIENTS, ADMISSIONS],
    indexes: [],
    subjectColumn: "subject_id",
    timeColumn: "chartdate",
  },

  // icu events.
  {
    module: "icu",
    name: "chartevents",
    columns: columns(`subject_id INTEGER NOT NULL,
      hadm_id INTEGER NOT NULL,
      stay_id INTEGER NOT NULL,
      caregiver_id INTEGER,
      charttime TIMESTAMP NOT NULL,
      storetime TIMESTAMP,
      itemid INTEGER NOT NULL,
      value VARCHAR(200),
      valuenum FLOAT,
      valueuom VARCHAR(20),
      warning SMALLINT`),
    foreignKeys: [PATIENTS, ADMISSIONS, ICUSTAYS, D_ITEMS],
    indexes: [["charttime", "storetime"]],
    subjectColumn: "subject_id",
    timeColumn: "charttime",
  },
  {
    module: "icu",
    name: "datetimeevents",
    columns: columns(`subject_id INTEGER NOT NULL,
      hadm_id INTEGER NOT NULL,
      stay_id INTEGER NOT NULL,
      caregiver_id INTEGER,
      charttime TIMESTAMP NOT NULL,
      storetime TIMESTAMP,
      itemid INTEGER NOT NULL,
      value TIMESTAMP NOT NULL,
      valueuom VARCHAR(20),
      warning SMALLINT`),
    primaryKey: ["stay_id", "itemid", "charttime"],
    foreignKeys: [PATIENTS, ADMISSIONS, ICUSTAYS, D_ITEMS],
    indexes: [["charttime", "storetime"], ["value"]],
    subjectColumn: "subject_id",
    timeColumn: "charttime",
  },
  {
    module: "icu",
    name: "inputevents",
    columns: columns(`subject_id INTEGER NOT NULL,
      hadm_id INTEGER NOT NULL,
      stay_id INTEGER,
      caregiver_id INTEGER,
      starttime TIMESTAMP NOT NULL,
      endtime TIMESTAMP NOT NULL,
      storetime TIMESTAMP,
      itemid INTEGER NOT NULL,
      amount FLOAT,
      amountuom VARCHAR(20),
      rate FLOAT,
      rateuom VARCHAR(20),
      orderid INTEGER NOT NULL,
      linkorderid INTEGER,
      ordercategoryname VARCHAR(50),
      secondaryordercategoryname VARCHAR(50),
      ordercomponenttypedescription VARCHAR(100),
      ordercategorydescription VARCHAR(30),
      patientweight FLOAT,
      totalamount FLOAT,
      totalamountuom VARCHAR(50),
      isopenbag SMALLINT,
      continueinnextdept SMALLINT,
      statusdescription VARCHAR(20),
      originalamount FLOAT,
      originalrate FLOAT`),
    primaryKey: ["orderid", "itemid"],
    foreignKeys: [PATIENTS, ADMISSIONS, ICUSTAYS, D_ITEMS],
    indexes: [["starttime", "endtime"], ["ordercategorydescription"]],
    subjectColumn: "subject_id",
    timeColumn: "starttime",
  },
  {
    module: "icu",
    name: "ingredientevents",
    columns: columns(`subject_id INTEGER NOT NULL,
      hadm_id INTEGER NOT NULL,
      stay_id INTEGER,
      caregiver_id INTEGER,
      starttime TIMESTAMP NOT NULL,
      endtime TIMESTAMP NOT NULL,
      storetime TIMESTAMP,
      itemid INTEGER NOT NULL,
      amount FLOAT,
      amountuom VARCHAR(20),
      rate FLOAT,
      rateuom VARCHAR(20),
      orderid INTEGER NOT NULL,
      linkorderid INTEGER,
      statusdescription VARCHAR(20),
      originalamount FLOAT,
      originalrate FLOAT`),
    // mimic-code gives ingredientevents neither a key, a foreign key nor an index.
    indexes: [],
    subjectColumn: "subject_id",
    timeColumn: "starttime",
  },
  {
    module: "icu",
    name: "outputevents",
    columns: columns(`subject_id INTEGER NOT NULL,
      hadm_id INTEGER NOT NULL,
      stay_id INTEGER NOT NULL,
      caregiver_id INTEGER,
      charttime TIMESTAMP(3) NOT NULL,
      storetime TIMESTAMP(3) NOT NULL,
      itemid INTEGER NOT NULL,
      value FLOAT NOT NULL,
      valueuom VARCHAR(20)`),
    primaryKey: ["stay_id", "charttime", "itemid"],
    foreignKeys: [PATIENTS, ADMISSIONS, ICUSTAYS, D_ITEMS],
    indexes: [["charttime", "storetime"]],
    subjectColumn: "subject_id",
    timeColumn: "charttime",
  },
  {
    module: "icu",
    name: "procedureevents",
    columns: columns(`subject_id INTEGER NOT NULL,
      hadm_id INTEGER NOT NULL,
      stay_id INTEGER NOT NULL,
      caregiver_id INTEGER,
      starttime TIMESTAMP NOT NULL,
      endtime TIMESTAMP NOT NULL,
      storetime TIMESTAMP NOT NULL,
      itemid INTEGER NOT NULL,
      value FLOAT,
      valueuom VARCHAR(20),
      location VARCHAR(100),
      locationcategory VARCHAR(50),
      orderid INTEGER,
      linkorderid INTEGER,
      ordercategoryname VARCHAR(50),
      ordercategorydescription VARCHAR(30),
      patientweight FLOAT,
      isopenbag SMALLINT,
      continueinnextdept SMALLINT,
      statusdescription VARCHAR(20),
      originalamount FLOAT,
      originalrate FLOAT`),
    primaryKey: ["orderid"],
    foreignKeys: [PATIENTS, ADMISSIONS, ICUSTAYS, D_ITEMS],
    indexes: [["starttime", "endtime"], ["ordercategoryname"]],
    subjectColumn: "subject_id",
    timeColumn: "starttime",
  },

  // note (mimic-code's note build has neither keys nor indexes).
  {
    module: "note",
    name: "discharge",
    columns: columns(`note_id VARCHAR(25) NOT NULL,
      subject_id INTEGER NOT NULL,
      hadm_id INTEGER NOT NULL,
      note_type VARCHAR(2) NOT NULL,
      note_seq SMALLINT NOT NULL,
      charttime TIMESTAMP NOT NULL,
      storetime TIMESTAMP,
      text TEXT NOT NULL`),
    indexes: [],
    subjectColumn: "subject_id",
    timeColumn: "charttime",
  },
  {
    module: "note",
    name: "radiology",
    columns: columns(`note_id VARCHAR(25) NOT NULL,
      subject_id INTEGER NOT NULL,
      hadm_id INTEGER,
      note_type VARCHAR(2) NOT NULL,
      note_seq SMALLINT NOT NULL,
      charttime TIMESTAMP NOT NULL,
      storetime TIMESTAMP,
      text TEXT NOT NULL`),
    indexes: [],
    subjectColumn: "subject_id",
    timeColumn: "charttime",
  },

  // ed: edstays first (the other ED tables reference it).
  {
    module: "ed",
    name: "edstays",
    columns: columns(`subject_id INTEGER NOT NULL,
      hadm_id INTEGER,
      stay_id INTEGER NOT NULL,
      intime TIMESTAMP(0) NOT NULL,
      outtime TIMESTAMP(0) NOT NULL,
      gender VARCHAR(1) NOT NULL,
      race VARCHAR(60),
      arrival_transport VARCHAR(50) NOT NULL,
      disposition VARCHAR(255)`),
    primaryKey: ["stay_id"],
    indexes: [
      ["subject_id", "hadm_id", "stay_id"],
      ["intime", "outtime"],
    ],
    subjectColumn: "subject_id",
    timeColumn: "intime",
  },
  {
    module: "ed",
    name: "triage",
    columns: columns(`subject_id INTEGER NOT NULL,
      stay_id INTEGER NOT NULL,
      temperature NUMERIC,
      heartrate NUMERIC,
      resprate NUMERIC,
      o2sat NUMERIC,
      sbp NUMERIC,
      dbp NUMERIC,
      pain TEXT,
      acuity NUMERIC,
      chiefcomplaint VARCHAR(255)`),
    primaryKey: ["stay_id"],
    foreignKeys: [EDSTAYS],
    indexes: [["subject_id", "stay_id"]],
    subjectColumn: "subject_id",
  },
  {
    module: "ed",
    name: "vitalsign",
    columns: columns(`subject_id INTEGER NOT NULL,
      stay_id INTEGER NOT NULL,
      charttime TIMESTAMP(0),
      temperature NUMERIC,
      heartrate NUMERIC,
      resprate NUMERIC(10, 4),
      o2sat NUMERIC,
      sbp INTEGER,
      dbp INTEGER,
      rhythm TEXT,
      pain TEXT`),
    primaryKey: ["stay_id", "charttime"],
    foreignKeys: [EDSTAYS],
    indexes: [["subject_id", "stay_id", "charttime"]],
    subjectColumn: "subject_id",
    timeColumn: "charttime",
  },
  {
    module: "ed",
    name: "medrecon",
    columns: columns(`subject_id INTEGER NOT NULL,
      stay_id INTEGER NOT NULL,
      charttime TIMESTAMP(0),
      name VARCHAR(255),
      gsn VARCHAR(10),
      ndc VARCHAR(12),
      etc_rn SMALLINT,
      etccode VARCHAR(8),
      etcdescription VARCHAR(255)`),
    foreignKeys: [EDSTAYS],
    indexes: [["subject_id", "stay_id", "charttime"]],
    subjectColumn: "subject_id",
    timeColumn: "charttime",
  },
  {
    module: "ed",
    name: "pyxis",
    columns: columns(`subject_id INTEGER NOT NULL,
      stay_id INTEGER NOT NULL,
      charttime TIMESTAMP(0),
      med_rn SMALLINT NOT NULL,
      name VARCHAR(255),
      gsn_rn SMALLINT NOT NULL,
      gsn VARCHAR(10)`),
    foreignKeys: [EDSTAYS],
    indexes: [["subject_id", "stay_id", "charttime"], ["gsn"]],
    subjectColumn: "subject_id",
    timeColumn: "charttime",
  },
  {
    module: "ed",
    name: "diagnosis",
    columns: columns(`subject_id INTEGER NOT NULL,
      stay_id INTEGER NOT NULL,
      seq_num INTEGER NOT NULL,
      icd_code VARCHAR(8) NOT NULL,
      icd_version SMALLINT NOT NULL,
      icd_title TEXT NOT NULL`),
    primaryKey: ["stay_id", "seq_num"],
    foreignKeys: [EDSTAYS],
    indexes: [
      ["subject_id", "stay_id"],
      ["icd_code", "icd_version"],
    ],
    subjectColumn: "subject_id",
  },
];

/** "<module>.<name>" → table. */
export const MIMIC_CODE_TABLES_BY_KEY: ReadonlyMap<string, MimicCodeTable> = new Map(
  MIMIC_CODE_TABLES.map((table) => [`${table.module}.${table.name}`, table]),
);

export function schemaName(module: MimicCodeModule): string {
  return `mimiciv_${module}`;
}

/** A double-quoted identifier: mimic-code's column names include `language`, `value`, `text`. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function qualified(table: MimicCodeTable, name = table.name): string {
  return `${quoteIdent(schemaName(table.module))}.${quoteIdent(name)}`;
}

function columnList(columns: readonly string[]): string {
  return columns.map(quoteIdent).join(", ");
}

/**
 * CREATE TABLE in the table's schema, under `name` (a staging name while loading; the table's
 * own by default). `sourceRow` adds the file row number, filled by COPY in file order from 1.
 */
export function createTableSql(table: MimicCodeTable, options: { name?: string; sourceRow: boolean }): string {
  const lines = table.columns.map((column) => `${quoteIdent(column.name)} ${column.type}`);
  if (options.sourceRow) lines.push(`source_row BIGINT GENERATED ALWAYS AS IDENTITY`);
  return `CREATE TABLE ${qualified(table, options.name)} (\n  ${lines.join(",\n  ")}\n)`;
}

/** COPY of the CSV's columns, named in file order (source_row is not in the file). */
export function copySql(table: MimicCodeTable, name = table.name): string {
  return `COPY ${qualified(table, name)} (${columnList(table.columns.map((column) => column.name))}) FROM STDIN (FORMAT csv, HEADER true)`;
}

/**
 * Primary key and foreign keys (constraint.sql), for after the load. Constraint names derive
 * from `name`, so a staging table's do not collide with a loaded table's; renameSql renames them.
 */
export function constraintSql(table: MimicCodeTable, name = table.name): string[] {
  const statements: string[] = [];
  if (table.primaryKey) {
    statements.push(
      `ALTER TABLE ${qualified(table, name)} ADD CONSTRAINT ${quoteIdent(`${name}_pk`)} PRIMARY KEY (${columnList(table.primaryKey)})`,
    );
  }
  for (const key of table.foreignKeys ?? []) {
    const [referencedModule, referenced] = key.references.table.split(".");
    statements.push(
      `ALTER TABLE ${qualified(table, name)} ADD CONSTRAINT ${quoteIdent(`${name}_${referenced}_fk`)} FOREIGN KEY (${columnList(key.columns)}) REFERENCES ${quoteIdent(schemaName(referencedModule as MimicCodeModule))}.${quoteIdent(referenced)} (${columnList(key.references.columns)})`,
    );
  }
  return statements;
}

/** The per-subject index's columns: (subject_id, time, source_row), or what of it the table has. */
export function subjectIndexColumns(table: MimicCodeTable, options: { sourceRow: boolean }): string[] | undefined {
  if (!table.subjectColumn) return undefined;
  return [
    table.subjectColumn,
    ...(table.timeColumn ? [table.timeColumn] : []),
    ...(options.sourceRow ? ["source_row"] : []),
  ];
}

/** Index names of a table called `name`: mimic-code's (`_idx01`...) and ours (`_subject`). */
export function indexNames(table: MimicCodeTable, name: string, options: { subjectIndex: boolean }): string[] {
  const names = table.indexes.map((_, i) => `${name}_idx${String(i + 1).padStart(2, "0")}`);
  if (options.subjectIndex && table.subjectColumn) names.push(`${name}_subject`);
  return names;
}

/**
 * mimic-code's indexes (index.sql) and, with `subjectIndex`, the per-subject index, for after
 * the load. The per-subject index ends with source_row when the table has it (`sourceRow`,
 * default: as subjectIndex), so one patient's rows come back in file order.
 */
export function indexSql(
  table: MimicCodeTable,
  name = table.name,
  options: { subjectIndex: boolean; sourceRow?: boolean } = { subjectIndex: false },
): string[] {
  const names = indexNames(table, name, options);
  const lists = [...table.indexes];
  const subject = subjectIndexColumns(table, { sourceRow: options.sourceRow ?? options.subjectIndex });
  if (options.subjectIndex && subject) lists.push(subject);
  return lists.map(
    (columns, i) => `CREATE INDEX ${quoteIdent(names[i])} ON ${qualified(table, name)} (${columnList(columns)})`,
  );
}

/**
 * Renames a loaded staging table `from` into place, with its constraints and indexes, so the
 * loaded table is named as if it had been built under its own name.
 */
export function renameSql(
  table: MimicCodeTable,
  from: string,
  options: { subjectIndex: boolean; sourceRow?: boolean },
): string[] {
  const schema = quoteIdent(schemaName(table.module));
  const statements = [`ALTER TABLE ${qualified(table, from)} RENAME TO ${quoteIdent(table.name)}`];
  const rename = (old: string, next: string) =>
    statements.push(`ALTER TABLE ${qualified(table)} RENAME CONSTRAINT ${quoteIdent(old)} TO ${quoteIdent(next)}`);
  if (table.primaryKey) rename(`${from}_pk`, `${table.name}_pk`);
  for (const key of table.foreignKeys ?? []) {
    const referenced = key.references.table.split(".")[1];
    rename(`${from}_${referenced}_fk`, `${table.name}_${referenced}_fk`);
  }
  const olds = indexNames(table, from, options);
  const news = indexNames(table, table.name, options);
  olds.forEach((old, i) =>
    statements.push(`ALTER INDEX ${schema}.${quoteIdent(old)} RENAME TO ${quoteIdent(news[i])}`),
  );
  // The identity column's sequence is named after the table it was created in.
  if (options.sourceRow) {
    statements.push(
      `ALTER SEQUENCE ${schema}.${quoteIdent(`${from}_source_row_seq`)} RENAME TO ${quoteIdent(`${table.name}_source_row_seq`)}`,
    );
  }
  return statements;
}
