// Item tasks: "more of the same". The items this admission's target events contained most
// often so far, then the patient's earlier ones, ranked, cut to the typical event size. It is a
// strong floor for next-lab/next-drug tasks, and says exactly what it counted.
import { admissionsOf, attributeText, belongsToAdmission, formatTimestamp, type RecordEvent } from "../record";
import { resolveTableKey } from "../mimic-tables";
import { contextWindow } from "../tasks/context-window";
import { targetItemsOf } from "../tasks/target-items";
import { type BaselineInput, type BaselinePrediction } from "./baseline-input";

type Tally = { item: string; admission: number; history: number; last: number };

const median = (values: number[]) => {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Target "events" (rows of the table sharing a time) as item lists, oldest first. */
function targetEvents(input: BaselineInput, table: string | undefined, events: readonly RecordEvent[]) {
  const mapped = ["procedures_ccs", "diagnoses_ccs", "diagnosis_ccs"].includes(input.task.key)
    ? "CCS Type"
    : ["prescriptions_atc", "medrecon_atc"].includes(input.task.key)
      ? "ATC Type"
      : undefined;
  const groups = new Map<string, RecordEvent[]>();
  for (const event of events) {
    const key = resolveTableKey(event);
    if (table ? key !== table : ["patients", "admissions"].includes(key)) continue;
    const groupKey = `${key}\u0000${event.time.getTime()}`;
    (groups.get(groupKey) ?? groups.set(groupKey, []).get(groupKey)!).push(event);
  }
  return [...groups.values()]
    .map((rows) => ({
      time: rows[0].time.getTime(),
      rows,
      // next_event answers with the table; other tasks with the table's item names.
      items: table ? targetItemsOf(table, rows, mapped) : [resolveTableKey(rows[0])],
    }))
    .filter((g) => g.items.length)
    .sort((a, b) => a.time - b.time);
}

export function predictItems(input: BaselineInput): BaselinePrediction {
  const { task, encounters, cutoff } = input;
  const window = contextWindow(task, encounters, cutoff);
  const before = input.events.filter((e) => e.time.getTime() < cutoff.getTime());
  const admission = window.admission;
  const table = task.key === "next_event" ? undefined : task.targetTable;
  const tableName = table ?? "any table";

  let current: { time: number; items: string[] }[];
  let history: { time: number; items: string[] }[];
  if (task.key === "admissions") {
    // The answer is an admission type: earlier admissions are the only evidence.
    current = [];
    history = admissionsOf(encounters)
      .filter((a) => a.start.getTime() < cutoff.getTime())
      .map((a) => ({ time: a.start.getTime(), items: [attributeText(a, "admission_type") ?? ""].filter(Boolean) }))
      .filter((g) => g.items.length);
  } else {
    const all = targetEvents(input, table, before);
    const inAdmission = (g: (typeof all)[number]) =>
      Boolean(admission && g.rows.some((e) => belongsToAdmission(e, admission, encounters)));
    current = all.filter(inAdmission);
    history = all.filter((g) => !inAdmission(g));
  }

  const tallies = new Map<string, Tally>();
  const tally = (groups: typeof current, field: "admission" | "history") => {
    for (const group of groups) {
      for (const item of group.items) {
        const key = item.toLowerCase();
        const t = tallies.get(key) ?? { item, admission: 0, history: 0, last: 0 };
        t[field] += 1;
        t.last = Math.max(t.last, group.time);
        tallies.set(key, t);
      }
    }
  };
  tally(current, "admission");
  tally(history, "history");
  const ranked = [...tallies.values()].sort(
    (a, b) => b.admission - a.admission || b.history - a.history || b.last - a.last || a.item.localeCompare(b.item),
  );

  const typicalSize = Math.round(median((current.length ? current : history).map((g) => g.items.length)));
  const n =
    task.key === "next_event" || task.key === "admissions" ? 1 : (input.topN ?? Math.min(Math.max(typicalSize, 1), 20));
  const items = ranked.slice(0, n).map((t) => t.item);

  const count = (t: Tally) =>
    [t.admission ? `${t.admission}× this admission` : "", t.history ? `${t.history}× before` : ""]
      .filter(Boolean)
      .join(", ");
  const extraction = [
    `- Task: ${task.title} (${task.key}); cut-off ${formatTimestamp(cutoff)}; only events before the cut-off were read.`,
    admission
      ? `- This admission (from ${formatTimestamp(admission.start)}): ${current.length} earlier ${tableName} event(s)${current.length ? `, median ${median(current.map((g) => g.items.length))} item(s) each` : ""}.`
      : "- The cut-off is outside any admission: only the patient's history was used.",
    `- Earlier in the record: ${history.length} ${tableName} event(s).`,
    ranked.length
      ? `- Most frequent: ${ranked
          .slice(0, 15)
          .map((t) => `${t.item} (${count(t)})`)
          .join("; ")}.`
      : `- No ${tableName} items before the cut-off${task.note ? ` (${task.note})` : ""}.`,
  ];
  const reasoning = [
    `This predictor ranks each item by the number of ${tableName} events of this admission that contained it, breaking ties by its count in earlier admissions, then by how recently it was seen. No clinical reasoning is involved.`,
    ranked.length
      ? input.topN
        ? `It keeps the top ${n}, as requested.`
        : task.key === "next_event" || task.key === "admissions"
          ? "The task asks for one answer, so it keeps the top one."
          : `It keeps the top ${n}: the median number of items per ${tableName} event${current.length ? " in this admission" : " in the record"}${typicalSize > 20 ? ", capped at 20" : ""}.`
      : "With nothing to count, it predicts nothing.",
  ];
  return {
    reasoning:
      `## Extraction\n${extraction.join("\n")}\n\n## Reasoning\n${reasoning.join(" ")}\n\n## Final Results\n${items.join("\n")}`.trimEnd(),
    answer: items.join("\n"),
    items,
    probability: null,
  };
}
