// The EHR-R1 prompt for one (patient, task, cut-off): the record up to the cut-off serialized
// exactly as EHR-Bench did (mimiciv.py process_cases + input_format.py), fitted to the context
// budget by dropping whole oldest window events, never the demographics.
import {
  belongsToAdmission,
  compareEventIds,
  eventIdString,
  type RecordEncounter,
  type RecordEvent,
  type RecordPatient,
} from "../record";
import { contextWindow, inWindow, type ContextWindow } from "../tasks/context-window";
import type { ChatMessage } from "../stream-events";
import type { TaskDefinition } from "../tasks/task-types";
import { CHAT_TEMPLATE_OVERHEAD_TOKENS, estimateTokens, type TokenCounter } from "./estimate-tokens";
import { formatBlock, formatCell, formatEventBlock } from "./format-event-block";
import { resolveTableKey, TABLE_SPECS, tableSpecFor, UNSERIALIZED_TABLES } from "./mimic-tables";
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
  /** Even with every droppable block gone the prompt exceeds maxTokens: do not send it. */
  overBudget: boolean;
};

type Block = { text: string; tokens: number; eventIds: string[] };

// Same-time events of different tables: the authors' file order (input_format.py event_info).
const TABLE_ORDER = new Map([...TABLE_SPECS.keys()].map((table, i) => [table, i]));

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

/** The current admission's block, from the encounter (plus a matching admissions event's columns). */
function formatAdmission(admission: RecordEncounter, events: readonly RecordEvent[]): string {
  const event = events.find((e) => resolveTableKey(e) === "admissions" && e.encounterId === admission.id);
  const attributes = {
    ...((admission.attributes as Record<string, unknown> | null) ?? {}),
    ...((event?.attributes as Record<string, unknown> | null) ?? {}),
  };
  const row: RecordEvent = {
    id: admission.id,
    time: admission.start,
    sourceTable: "admissions",
    label: "",
    attributes,
  };
  return formatEventBlock(TABLE_SPECS.get("admissions")!, admission.start, [row]);
}

/** Rows of one table sharing one time, grouped in display order. */
function groupEvents(events: readonly RecordEvent[]): RecordEvent[][] {
  const groups = new Map<string, RecordEvent[]>();
  for (const event of events) {
    const key = `${resolveTableKey(event)}\u0000${event.time.getTime()}`;
    const group = groups.get(key);
    if (group) group.push(event);
    else groups.set(key, [event]);
  }
  const order = (table: string) => TABLE_ORDER.get(table) ?? TABLE_ORDER.size;
  return [...groups.values()]
    .map((rows) => rows.sort((a, b) => compareEventIds(a.id, b.id)))
    .sort(
      (a, b) =>
        a[0].time.getTime() - b[0].time.getTime() ||
        order(resolveTableKey(a[0])) - order(resolveTableKey(b[0])) ||
        compareEventIds(a[0].id, b[0].id),
    );
}

const SYNTHETIC_PREFIX = "encounter:";

/** ICU and ED stays are encounters in our schema but events in the authors' trajectories. */
function stayEvents(encounters: readonly RecordEncounter[], events: readonly RecordEvent[]): RecordEvent[] {
  const tableOf = { icu_stay: "icustays", ed_stay: "edstays" } as const;
  const present = new Set(events.map((e) => resolveTableKey(e)));
  return encounters.flatMap((enc) => {
    if (enc.kind !== "icu_stay" && enc.kind !== "ed_stay") return [];
    const table = tableOf[enc.kind];
    if (present.has(table)) return [];
    return [
      {
        id: `${SYNTHETIC_PREFIX}${enc.id}`,
        encounterId: enc.id,
        time: enc.start,
        sourceTable: table,
        label: "",
        attributes: enc.attributes,
      },
    ];
  });
}

/** The latest discharge note before the reference admission (the previous admission's). */
function previousDischarge(
  events: readonly RecordEvent[],
  encounters: readonly RecordEncounter[],
  reference: RecordEncounter | undefined,
  cutoff: Date,
): RecordEvent[] {
  const before = reference ? reference.start.getTime() : cutoff.getTime();
  const notes = events.filter(
    (e) =>
      resolveTableKey(e) === "discharge" &&
      e.time.getTime() < Math.min(before, cutoff.getTime()) &&
      // A note filed under the reference admission is not the previous admission's.
      !(reference && e.encounterId && belongsToAdmission(e, reference, encounters)),
  );
  const groups = groupEvents(notes);
  return groups.length ? groups[groups.length - 1] : [];
}

export function serializePrompt(input: SerializePromptInput): SerializedPrompt {
  const { patient, encounters, task, cutoff } = input;
  const count = input.countTokens ?? estimateTokens;
  const thinking = input.thinking ?? task.thinkingDefault;
  const window = contextWindow(task, encounters, cutoff);

  // Never read past the cut-off, whatever the caller passed in.
  const events = input.events.filter((e) => e.time.getTime() <= cutoff.getTime());

  const demographics = formatDemographics(patient, cutoff);
  const reference = window.targetAdmission ?? window.admission;
  const dischargeRows = previousDischarge(events, encounters, reference, cutoff);
  const dischargeIds = new Set(dischargeRows.map(eventIdString));
  const discharge = dischargeRows.length
    ? formatEventBlock(TABLE_SPECS.get("discharge")!, dischargeRows[0].time, dischargeRows)
    : "";
  // The admissions task predicts the admission itself, so its block stays empty (as the authors did).
  const admission = window.admission && task.key !== "admissions" ? formatAdmission(window.admission, events) : "";

  const hidden = new Set(["patients", "admissions", ...task.excludedTables]);
  const windowEvents = [...events, ...stayEvents(encounters, events)].filter((e) => {
    const table = resolveTableKey(e);
    return (
      !hidden.has(table) &&
      !UNSERIALIZED_TABLES.has(table) &&
      !dischargeIds.has(eventIdString(e)) &&
      inWindow(e, window, encounters)
    );
  });
  const blocks: Block[] = groupEvents(windowEvents).map((rows) => {
    const text = formatEventBlock(tableSpecFor(rows[0]), rows[0].time, rows);
    return {
      text,
      tokens: count(text) + 1, // + the blank line joining it
      eventIds: rows.map(eventIdString).filter((id) => !id.startsWith(SYNTHETIC_PREFIX)),
    };
  });

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

  const droppedBlocks = blocks.slice(0, blocks.length - kept.length);
  const droppedIds = droppedBlocks.flatMap((b) => b.eventIds);
  const dischargeDropped = Boolean(discharge) && !dischargeText;
  if (dischargeDropped) droppedIds.push(...dischargeRows.map(eventIdString));

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
    includedEventIds: [...(dischargeText ? dischargeRows.map(eventIdString) : []), ...kept.flatMap((b) => b.eventIds)],
    window,
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
