// Cultures drawn on arrival: the scenario's culture (an organism with its susceptibilities, or
// no growth) and a negative MRSA screen for everyone.
import { type Admission, type PatientContext, put } from "./cohort-context";
import type { CsvValue } from "./csv-gz-writer";
import { DAY, HOUR, MINUTE, mimicDate, mimicTime } from "./mimic-time";

export async function writeMicrobiology(ctx: PatientContext, admission: Admission) {
  const t = admission.admit + 50 * MINUTE;
  const specimen = ctx.ids.specimen++;
  const base = (specItem: number, spec: string, testItem: number, test: string, resultAt: number): CsvValue[] => [
    null,
    ctx.subjectId,
    admission.hadmId,
    specimen,
    null,
    `${mimicDate(t)} 00:00:00`,
    mimicTime(t),
    specItem,
    spec,
    1,
    `${mimicDate(resultAt)} 00:00:00`,
    mimicTime(resultAt),
    testItem,
    test,
  ];
  const row = async (head: CsvValue[], tail: CsvValue[]) => {
    head[0] = ctx.ids.micro++;
    await put(ctx.out["hosp/microbiologyevents"], [...head, ...tail]);
  };
  const culture = admission.scenario.culture;
  if (culture) {
    const resultAt = t + 2 * DAY + 6 * HOUR;
    const head = () => base(culture.specItem, culture.spec, culture.testItem, culture.test, resultAt);
    if (culture.organism) {
      const antibiotics: [number, string, string, string, number, string][] = [
        [90004, "AMPICILLIN", ">=32", ">=", 32, "R"],
        [90013, "CEFTRIAXONE", "<=1", "<=", 1, "S"],
        [90012, "GENTAMICIN", "<=1", "<=", 1, "S"],
        [90025, "LEVOFLOXACIN", "<=0.12", "<=", 0.12, "S"],
      ];
      for (const [abItem, ab, text, comparison, value, interpretation] of antibiotics) {
        await row(head(), [
          80002,
          culture.organism,
          1,
          null,
          abItem,
          ab,
          text,
          comparison,
          value,
          interpretation,
          null,
        ]);
      }
    } else {
      await row(head(), [null, null, null, null, null, null, null, null, null, null, "NO GROWTH."]);
    }
  }
  // Everyone admitted is screened for MRSA; the screen is negative.
  await row(base(70091, "MRSA SCREEN", 90117, "MRSA SCREEN", t + DAY), [
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    "No MRSA isolated.",
  ]);
}
