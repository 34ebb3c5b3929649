// Issue 6: serializer time for a 50,000-event patient, beside JSON.stringify of the same
// events (the cheapest way to turn them into text at all).
import { serializePrompt } from "../lib/model/prompt";
import { requireTask } from "../lib/model/tasks";
import type { PrismaClient } from "../lib/db/prisma-client";
import type { BenchRow } from "./bench-types";

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
  return [
    {
      hotPath: `serialize the prompt of a ${events.length.toLocaleString("en-US")}-event patient`,
      ours: Math.round(ours * 10) / 10,
      limit: Math.round(limit * 10) / 10,
      unit: "ms, median of 7 (peer: JSON.stringify of the events)",
      ratio: limit / ours,
      goal: "figure only (no goal set)",
      met: true,
    },
  ];
}
