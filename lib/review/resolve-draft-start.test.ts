import { describe, expect, it } from "vitest";
import { resolveDraftStart } from "./resolve-draft-start";
import { RatingContent, RatingView } from "./save-rating.types";

const saved = (version: number, comment: string) =>
  RatingView.parse({
    id: "r1",
    runId: "run",
    userId: "u",
    kind: "agreement",
    queueItemId: null,
    status: "draft",
    comment,
    timeSpentMs: 10_000,
    version,
    presentedOrder: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    submittedAt: null,
  });
const local = (baseVersion: number, comment: string) => ({
  content: RatingContent.parse({ comment }),
  baseVersion,
  timeSpentMs: 25_000,
});

describe("resolveDraftStart", () => {
  it("starts from the server when the browser holds nothing new", () => {
    expect(resolveDraftStart(saved(2, "a"), null)).toMatchObject({ kind: "server", version: 2, dropLocal: false });
    expect(resolveDraftStart(saved(2, "a"), local(1, "a"))).toMatchObject({ kind: "server", dropLocal: true });
    expect(resolveDraftStart(null, null)).toMatchObject({ kind: "server", version: 0 });
  });

  it("restores unsaved edits made on top of the version the server still holds (a reload)", () => {
    expect(resolveDraftStart(saved(2, "a"), local(2, "a, and more"))).toMatchObject({
      kind: "restored",
      version: 2,
      content: { comment: "a, and more" },
      timeSpentMs: 25_000,
    });
    expect(resolveDraftStart(null, local(0, "first words"))).toMatchObject({ kind: "restored", version: 0 });
  });

  it("never picks silently when both sides changed: a conflict with both versions", () => {
    const start = resolveDraftStart(saved(3, "saved in another tab"), local(2, "typed here"));
    expect(start).toMatchObject({
      kind: "conflict",
      version: 3,
      current: { comment: "saved in another tab" },
      yours: { comment: "typed here" },
    });
  });
});
