// The EHR-R1 prompt for one (patient, task, cut-off): the record up to the cut-off serialized
// exactly as EHR-Bench did (mimiciv.py process_cases + input_format.py), fitted to the context
// budget by dropping whole oldest window events, never the demographics.
import { attribute, type RecordEncounter, type RecordEvent, type RecordPatient } from "../record";
import { contextWindow, type ContextWindow } from "../tasks/context-window";
import type { ChatMessage } from "../stream-events";
import type { TaskDefinition } from "../tasks/task-types";
import { CHAT_TEMPLATE_OVERHEAD_TOKENS, estimateTokens, type TokenCounter } from "./estimate-tokens";
import { formatBlock, formatCell } from "./format-event-block";
import { readColumn, TABLE_SPECS, tableSpecFor, UNSERIALIZED_TABLES, type ColumnSpec } from "../mimic-tables";
import { formatPandasValue, type TableDtypes } from "./pandas-values";
import { locateSample } from "./locate-sample";
import {
  dtypeLookup,
  trajectoryEventIds,
  type DtypeLookup,
  type TrajectoryEvent,
  type TrajectoryRow,
} from "./trajectory";
import { pythonRepr } from "./python-format";

export const SYSTEM_PROMPT = "You are a helpful assistant.";

// Extra instructions the authors give models other than EHR-R1 (test.py, --prompt).
export const DECISION_MAKING_PROMPT =
  "Note that you should directly output the answer without any other information. If there are several items in the prediction, please separate them by `\\n`. For all predicted items, please use the item name instead of the item code. Do not output the code like ICD10 or ICD9.";
export const RISK_PREDICTION_PROMPT =
  "Note that you should directly output the answer without any other information. You can only choose one answer from the Candidate List.";
const candidatePrompt = (candidates: readonly string[]) =>
  `You should choose the item from the candidate list below. Candidate List: [${candidates.map(pythonRepr).join(", ")}].`;

export type SerializePromptInput = {
  patient: RecordPatient;
  encounters: readonly RecordEncounter[];
  /** The patient's events; anything outside the task's window (and all after the cut-off) is ignored. */
  events: readonly RecordEvent[];
  task: TaskDefinition;
  cutoff: Date;
  /** Budget for the whole prompt in tokens (max_model_len minus the tokens kept for the answer). */
  maxTokens: number;
  countTokens?: TokenCounter;
  /** Reasoning on/off (`/think` or `/no_think`); default: the task's default. */
  thinking?: boolean;
  /** Append the Qwen3 soft switch at all (the authors do for Qwen3-based models). Default true. */
  thinkingSwitch?: boolean;
  /**
   * The authors' extra instruction for models other than EHR-R1 ("directly output the
   * answer..."), optionally with a candidate list. Risk tasks always get ['yes', 'no'].
   */
  directAnswer?: boolean | { candidates?: readonly string[] };
  /** pandas column types of the MIMIC-IV files the events came from, by table (per chunk). */
  columnTypes?: ReadonlyMap<string, TableDtypes>;
};

export type DroppedEvents = {
  /** Event rows left out by the budget. */
  count: number;
  eventIds: string[];
  /** Whole blocks left out, including ones synthesized from encounters (ICU stays). */
  blocks: number;
  /** The previous admission's discharge note had to go too. */
  previousDischargeNote: boolean;
};

export type SerializedPrompt = {
  messages: ChatMessage[];
  /** The user message: EHR markdown, instruction, soft switch. Hash and store this. */
  text: string;
  /** The EHR markdown alone. */
  ehr: string;
  tokenEstimate: number;
  dropped: DroppedEvents;
  /** Events shown (rows), for linking reasoning to evidence. */
  includedEventIds: string[];
  window: ContextWindow;
  /** The authors' pipeline makes a benchmark sample at this (task, cut-off). */
  benchmarkSample: boolean;
  /** Even with every droppable block gone the prompt exceeds maxTokens: do not send it. */
  overBudget: boolean;
};

type Block = { text: string; tokens: number; eventIds: string[] };

/** anchor_age for MIMIC-IV; whole years at the cut-off for patients with a birth date. */
function ageOf(patient: RecordPatient, cutoff: Date): number | undefined {
  if (patient.anchorAge !== null && patient.anchorAge !== undefined) return patient.anchorAge;
  if (!patient.birthDate) return undefined;
  const b = patient.birthDate;
  let age = cutoff.getUTCFullYear() - b.getUTCFullYear();
  const beforeBirthday =
    cutoff.getUTCMonth() < b.getUTCMonth() ||
    (cutoff.getUTCMonth() === b.getUTCMonth() && cutoff.getUTCDate() < b.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

/** MIMIC-IV writes M/F; FHIR writes male/female. The model saw M/F. */
function genderCode(gender: string | null | undefined): string | undefined {
  const g = gender?.trim().toLowerCase();
  if (!g) return undefined;
  if (g === "m" || g === "male") return "M";
  if (g === "f" || g === "female") return "F";
  return gender!.trim();
}

export function formatDemographics(patient: RecordPatient, cutoff: Date): string {
  const age = ageOf(patient, cutoff);
  return formatBlock(
    "Patient Demographics",
    null,
    ["anchor_age", "gender"],
    [[formatCell(age, "int"), formatCell(genderCode(patient.gender), "text")]],
  );
}

/**
 * One cell of a trajectory row. MIMIC-IV rows print as pandas read them in their file's chunk
 * (pandas-values.ts); a column the file lacks prints None (`item.get(key, None)`). Rows without
 * recorded column types (FHIR, imports made before types were recorded) use the table's
 * declared column kinds.
 */
function cell(row: TrajectoryRow, column: ColumnSpec, dtypes: DtypeLookup): string {
  const event = row.event;
  if (!event) return formatCell(undefined, column.kind);
  const types = dtypes(row.table, event.sourceRow);
  if (types && column.kind !== "mapped" && column.kind !== "list") {
    const dtype = types[column.key];
    if (dtype === undefined) return "None";
    const raw = attribute(event, column.key) ?? (column.key === "text" ? event.valueText : undefined);
    return formatPandasValue(typeof raw === "string" ? raw : raw == null ? undefined : String(raw), dtype);
  }
  return formatCell(readColumn(event, column), column.kind);
}

/** input_process: a trajectory event as the model saw it; "" for tables it never printed. */
function formatTrajectoryEvent(event: TrajectoryEvent, dtypes: DtypeLookup, start = event.start): string {
  if (UNSERIALIZED_TABLES.has(event.table)) return "";
  const first = event.rows[0];
  const spec = first.event ? tableSpecFor(first.event) : TABLE_SPECS.get(event.table);
  if (!spec) return "";
  const rows = event.rows.map((row) => spec.columns.map((column) => cell(row, column, dtypes)));
  return formatBlock(
    spec.eventName,
    start ? new Date(`${start.replace(" ", "T")}Z`) : null,
    spec.columns.map((c) => c.key),
    rows,
  );
}

export function serializePrompt(input: SerializePromptInput): SerializedPrompt {
  const { patient, encounters, task, cutoff } = input;
  const count = input.countTokens ?? estimateTokens;
  const thinking = input.thinking ?? task.thinkingDefault;
  const dtypes = dtypeLookup(input.columnTypes);
  // Still validates that the record can answer the task (an admission, an ICU stay...).
  const window = contextWindow(task, encounters, cutoff);

  const located = locateSample(input);
  const { trajectory, window: sample } = located;
  const demographics = formatDemographics(patient, cutoff);
  const dischargeEvent = located.discharge;
  const discharge = dischargeEvent ? formatTrajectoryEvent(dischargeEvent, dtypes) : "";
  const admissionEvent = task.key !== "admissions" ? located.admission : null;
  const admission = admissionEvent ? formatTrajectoryEvent(admissionEvent, dtypes) : "";

  const hidden = new Set(["admissions", ...task.excludedTables]);
  const blocks: Block[] = [];
  // A cut-off that is no sample's time can fall inside a run of rows: rows from it on stay out.
  const trim = sample.anchor < 0;
  for (let i = sample.begin; i < sample.end; i++) {
    let event = trajectory[i];
    if (hidden.has(event.table)) continue;
    if (trim) {
      const rows = event.rows.filter((r) => r.rankTime === null || r.rankTime < cutoff.getTime());
      if (!rows.length) continue;
      event = { ...event, rows };
    }
    const text = formatTrajectoryEvent(event, dtypes, sample.starts[i] ?? event.start);
    blocks.push({ text, tokens: count(text) + 1, eventIds: trajectoryEventIds(event) });
  }

  const tail = instructionTail(task, thinking, input);
  const build = (dischargeText: string, kept: readonly Block[]) => {
    const ehr = [demographics, dischargeText, admission, ...kept.map((b) => b.text)].join("\n\n");
    const text = `${ehr}\n${tail}`;
    return { ehr, text, tokens: count(SYSTEM_PROMPT) + count(text) + CHAT_TEMPLATE_OVERHEAD_TOKENS };
  };

  // Fit by summing per-block counts (cheap with an injected tokenizer), then confirm on the
  // whole text, since token boundaries at the joins can differ from the sum.
  const fixedTokens =
    count(SYSTEM_PROMPT) + CHAT_TEMPLATE_OVERHEAD_TOKENS + count(`${demographics}\n\n${admission}\n${tail}`) + 2;
  let dischargeText = discharge;
  let dischargeTokens = discharge ? count(discharge) + 1 : 0;
  let kept = blocks;
  let sum = fixedTokens + dischargeTokens + kept.reduce((n, b) => n + b.tokens, 0);
  const dropOne = (): boolean => {
    if (kept.length) {
      sum -= kept[0].tokens;
      kept = kept.slice(1);
      return true;
    }
    if (dischargeText) {
      sum -= dischargeTokens;
      dischargeText = "";
      dischargeTokens = 0;
      return true;
    }
    return false;
  };
  while (sum > input.maxTokens && dropOne()) {
    /* drop the oldest until the estimate fits */
  }
  let result = build(dischargeText, kept);
  while (result.tokens > input.maxTokens && dropOne()) result = build(dischargeText, kept);

  const dischargeIds = dischargeEvent ? trajectoryEventIds(dischargeEvent) : [];
  const droppedBlocks = blocks.slice(0, blocks.length - kept.length);
  const droppedIds = droppedBlocks.flatMap((b) => b.eventIds);
  const dischargeDropped = Boolean(discharge) && !dischargeText;
  if (dischargeDropped) droppedIds.push(...dischargeIds);

  return {
    messages: [
      { role: "system", content: SYSTEM_PROMPT },
      { role: "user", content: result.text },
    ],
    text: result.text,
    ehr: result.ehr,
    tokenEstimate: result.tokens,
    dropped: {
      count: droppedIds.length,
      eventIds: droppedIds,
      blocks: droppedBlocks.length + (dischargeDropped ? 1 : 0),
      previousDischargeNote: dischargeDropped,
    },
    includedEventIds: [
      ...(dischargeText ? dischargeIds : []),
      ...(admissionEvent ? trajectoryEventIds(admissionEvent) : []),
      ...kept.flatMap((b) => b.eventIds),
    ],
    window,
    benchmarkSample: sample.isBenchmarkSample,
    overBudget: result.tokens > input.maxTokens,
  };
}

/** "{instruction}" [+ the authors' direct-answer lines] + "\n/think" | "\n/no_think". */
function instructionTail(task: TaskDefinition, thinking: boolean, input: SerializePromptInput): string {
  const lines = [task.instruction];
  if (input.directAnswer) {
    const given = typeof input.directAnswer === "object" ? input.directAnswer.candidates : undefined;
    const candidates = task.answerType === "yes_no" ? ["yes", "no"] : given;
    if (candidates?.length) lines.push(candidatePrompt(candidates));
    lines.push(task.group === "risk_prediction" ? RISK_PREDICTION_PROMPT : DECISION_MAKING_PROMPT);
  }
  let tail = lines.join("\n");
  if (input.thinkingSwitch ?? true) tail += thinking ? "\n/think" : "\n/no_think";
  return tail;
}
