// Issue 6: serializer time for a 50,000-event patient, beside JSON.stringify of the same
// events (the cheapest way to turn them into text at all).
// Issue 14 made the prompt the authors' (their whole-record order, runs of rows, pandas values)
// and set a goal: at most 1.5x the serializer's time before it. That time, 25.9 ms beside
// JSON.stringify's 264.5 ms (bench/results.json of 2026-12-05 02:38), is compared through the
// peer measured in the same run, so a slower or busier machine does not move the verdict.
import { serializePrompt } from "../lib/model/prompt";
import { requireTask } from "../lib/model/tasks";
import type { PrismaClient } from "../lib/db/prisma-client";
import type { BenchRow } from "./bench-types";

const BEFORE_ISSUE_14 = { ours: 25.9, peer: 264.5 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function benchSerializer(prisma: PrismaClient, patientId: string): Promise<BenchRow[]> {
  const [patient, encounters, events] = await Promise.all([
    prisma.patient.findUniqueOrThrow({ where: { id: patientId } }),
    prisma.encounter.findMany({ where: { patientId } }),
    prisma.event.findMany({ where: { patientId }, orderBy: [{ time: "asc" }, { id: "asc" }] }),
  ]);
  const task = requireTask("labevents");
  const cutoff = events[events.length - 1].time;
  const serializerMs: number[] = [];
  const stringifyMs: number[] = [];
  for (let i = 0; i < 7; i++) {
    let started = performance.now();
    serializePrompt({ patient, encounters, events, task, cutoff, maxTokens: 28_000 });
    serializerMs.push(performance.now() - started);
    started = performance.now();
    JSON.stringify(events, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
    stringifyMs.push(performance.now() - started);
  }
  const ours = median(serializerMs);
  const limit = median(stringifyMs);
  // Our time in units of the peer's, against the same before issue 14.
  const versusBefore = ours / limit / (BEFORE_ISSUE_14.ours / BEFORE_ISSUE_14.peer);
  return [
    {
      hotPath: `serialize the prompt of a ${events.length.toLocaleString("en-US")}-event patient`,
      ours: Math.round(ours * 10) / 10,
      limit: Math.round(limit * 10) / 10,
      unit: "ms, median of 7 (peer: JSON.stringify of the events)",
      ratio: limit / ours,
      goal: "≤ 1.5x its time before issue 14, relative to the peer",
      met: versusBefore <= 1.5,
      notes: `${versusBefore.toFixed(2)}x its time before issue 14 (${BEFORE_ISSUE_14.ours} ms beside the peer's ${BEFORE_ISSUE_14.peer} ms on 2026-12-05)`,
    },
  ];
}
