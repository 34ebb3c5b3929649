// Serializer time for a 50,000-event patient (issue 6), beside the serializer as it was before
// issue 14 on the same events in the same run. Issue 14 made the prompt the authors' (their
// whole-record order, runs of rows, pandas values) and allows it at most 1.5x the old time.
// The old serializer is the project's own code at BEFORE_ISSUE_14, read from git history (the
// clone has it; nothing is downloaded) into the bench's folder and imported from there.
// The two run alternately, so a busy machine slows both alike. JSON.stringify of the same
// events is given too: the cheapest way to turn them into text at all.
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { serializePrompt } from "../lib/model/prompt/serialize-prompt";
import { requireTask } from "../lib/model/tasks/task-catalog";
import type { PrismaClient } from "../lib/db/prisma-client";
import type { BenchRow } from "./bench-types";

/** The last commit before issue 14's serializer. */
const BEFORE_ISSUE_14 = "77de777";

type Serialize = (input: Record<string, unknown>) => unknown;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The serializer and task catalog of `commit`, extracted under `workDir`; null without git history. */
async function serializerAt(commit: string, workDir: string): Promise<{ serialize: Serialize; task: unknown } | null> {
  const dir = path.join(workDir, `serializer-${commit}`);
  mkdirSync(dir, { recursive: true });
  try {
    const archive = execFileSync("git", ["archive", commit, "lib", "tsconfig.json", "package.json"], {
      maxBuffer: 256 * 1024 * 1024,
    });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
  } catch {
    return null;
  }
  symlinkSync(path.resolve("node_modules"), path.join(dir, "node_modules"), "dir");
  const prompt = (await import(pathToFileURL(path.join(dir, "lib/model/prompt/index.ts")).href)) as {
    serializePrompt: Serialize;
  };
  const tasks = (await import(pathToFileURL(path.join(dir, "lib/model/tasks/index.ts")).href)) as {
    requireTask: (key: string) => unknown;
  };
  return { serialize: prompt.serializePrompt, task: tasks.requireTask("labevents") };
}

export async function benchSerializer(prisma: PrismaClient, patientId: string, workDir: string): Promise<BenchRow[]> {
  const [patient, encounters, events] = await Promise.all([
    prisma.patient.findUniqueOrThrow({ where: { id: patientId } }),
    prisma.encounter.findMany({ where: { patientId } }),
    prisma.event.findMany({ where: { patientId }, orderBy: [{ time: "asc" }, { id: "asc" }] }),
  ]);
  const task = requireTask("labevents");
  const cutoff = events[events.length - 1].time;
  const before = await serializerAt(BEFORE_ISSUE_14, workDir);
  const oursMs: number[] = [];
  const beforeMs: number[] = [];
  const stringifyMs: number[] = [];
  for (let i = 0; i < 15; i++) {
    let started = performance.now();
    serializePrompt({ patient, encounters, events, task, cutoff, maxTokens: 28_000 });
    oursMs.push(performance.now() - started);
    if (before) {
      started = performance.now();
      before.serialize({ patient, encounters, events, task: before.task, cutoff, maxTokens: 28_000 });
      beforeMs.push(performance.now() - started);
    }
    started = performance.now();
    JSON.stringify(events, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
    stringifyMs.push(performance.now() - started);
  }
  const ours = median(oursMs);
  const stringify = median(stringifyMs);
  const hotPath = `serialize the prompt of a ${events.length.toLocaleString("en-US")}-event patient`;
  if (!before) {
    return [
      {
        hotPath,
        ours: Math.round(ours * 10) / 10,
        limit: Math.round(stringify * 10) / 10,
        unit: "ms, median of 15 (peer: JSON.stringify of the events)",
        ratio: stringify / ours,
        goal: "≤ 1.5x the serializer before issue 14 (not measured: no git history here)",
        met: false,
      },
    ];
  }
  const old = median(beforeMs);
  return [
    {
      hotPath,
      ours: Math.round(ours * 10) / 10,
      limit: Math.round(old * 10) / 10,
      unit: `ms, median of 15 (peer: the serializer at ${BEFORE_ISSUE_14}, before issue 14, same events)`,
      ratio: old / ours,
      goal: "≤ 1.5x the serializer before issue 14",
      met: ours <= 1.5 * old,
      notes: `${(ours / old).toFixed(2)}x the time before issue 14; JSON.stringify of the same events ${stringify.toFixed(1)} ms`,
    },
  ];
}
