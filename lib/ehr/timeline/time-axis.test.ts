import { describe, expect, it } from "vitest";
import { chooseStep, formatSpan, formatTime, timeTicks } from "./time-axis";
import { DAY, HOUR, MINUTE } from "./time-window";

const T0 = Date.parse("2150-03-01T00:00:00Z");

describe("timeTicks", () => {
  it("labels hours within a day and marks midnight as a day", () => {
    const ticks = timeTicks(T0 - 2 * HOUR, T0 + 10 * HOUR, 1000);
    expect(chooseStep(12 * HOUR, 1000).ms).toBe(HOUR);
    expect(ticks.map((tick) => tick.label).slice(0, 4)).toEqual(["22:00", "23:00", "Mar 01", "01:00"]);
    expect(ticks.find((tick) => tick.label === "Mar 01")).toMatchObject({ time: T0, major: true });
    for (const tick of ticks) expect(tick.time % HOUR).toBe(0);
  });

  it("leaves each label room: fewer ticks on a narrow axis", () => {
    expect(timeTicks(T0, T0 + DAY, 2000).length).toBeGreaterThan(timeTicks(T0, T0 + DAY, 400).length);
    for (const width of [300, 1200, 3600]) {
      const ticks = timeTicks(T0, T0 + 7 * DAY, width);
      const gapPx = ((ticks[1].time - ticks[0].time) / (7 * DAY)) * width;
      expect(gapPx).toBeGreaterThanOrEqual(72);
    }
  });

  it("counts in months and years over long records", () => {
    const ticks = timeTicks(Date.parse("2149-11-15T00:00:00Z"), Date.parse("2151-02-01T00:00:00Z"), 1200);
    expect(ticks.map((tick) => tick.label)).toContain("2150");
    expect(ticks.every((tick) => new Date(tick.time).getUTCDate() === 1)).toBe(true);
  });

  it("puts weekly ticks on Mondays", () => {
    const ticks = timeTicks(T0, T0 + 60 * DAY, 900);
    expect(chooseStep(60 * DAY, 900).ms).toBe(7 * DAY);
    expect(ticks.every((tick) => new Date(tick.time).getUTCDay() === 1)).toBe(true);
  });
});

describe("formatting", () => {
  it("says how long a window is in two units at most", () => {
    expect(formatSpan(2 * DAY + 4 * HOUR + 5 * MINUTE)).toBe("2 d 4 h");
    expect(formatSpan(35 * MINUTE)).toBe("35 min");
    expect(formatSpan(DAY + 30 * MINUTE)).toBe("1 d");
    expect(formatSpan(10_000)).toBe("< 1 min");
  });

  it("prints UTC times to the minute or second", () => {
    expect(formatTime(T0 + 8 * HOUR + 5_000)).toBe("2150-03-01 08:00");
    expect(formatTime(T0 + 8 * HOUR + 5_000, true)).toBe("2150-03-01 08:00:05");
  });
});
