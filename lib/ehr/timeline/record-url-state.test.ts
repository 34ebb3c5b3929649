import { describe, expect, it } from "vitest";
import { parseRecordUrlState, writeRecordUrlState, type RecordUrlState } from "./record-url-state";

const STATE: RecordUrlState = {
  cutoff: "2150-03-01T08:00:00.000Z",
  view: { start: Date.parse("2150-03-01T00:00:00.000Z"), end: Date.parse("2150-03-02T00:00:00.000Z") },
  lanes: ["lab", "vital"],
  query: "sodium",
  hideAfterCutoff: true,
};

describe("record URL state", () => {
  it("round-trips through the address, keeping params it does not own", () => {
    const params = writeRecordUrlState(new URLSearchParams("event=42&from=x"), STATE);
    expect(params.get("event")).toBe("42");
    expect(params.get("lanes")).toBe("lab,vital");
    expect(parseRecordUrlState(params)).toEqual(STATE);
  });

  it("leaves out what is the default: every lane, no search, no window", () => {
    const params = writeRecordUrlState(new URLSearchParams(), {
      cutoff: null,
      view: null,
      lanes: ["stays", "diagnosis", "procedure", "lab", "medication", "microbiology", "vital", "note", "other"],
      query: "",
      hideAfterCutoff: true,
    });
    expect(params.toString()).toBe("");
  });

  it("ignores what it cannot read", () => {
    expect(parseRecordUrlState(new URLSearchParams("from=soon&to=2150-01-01&lanes=lab,bogus&cutoff=never"))).toEqual({
      cutoff: null,
      view: null,
      lanes: ["lab"],
      query: "",
      hideAfterCutoff: false,
    });
    expect(parseRecordUrlState(new URLSearchParams("from=2150-01-02&to=2150-01-01")).view).toBeNull();
    // No lanes at all is a choice too ("None").
    expect(parseRecordUrlState(new URLSearchParams("lanes=")).lanes).toEqual([]);
  });
});
