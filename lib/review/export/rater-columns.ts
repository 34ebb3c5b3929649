// The wide layout's rater columns: named by pseudonym and role ("rater_5c1f0a9e2b7d4c13_clinician"),
// never by a bare user id, so a statistician reads whose ratings a column holds at a glance
// and the header is a valid variable name in R, Stata or pandas. The codebook lists each
// column with the rater id the tidy layout uses.
import { parseRoles } from "../../auth/roles";

export type ExportRater = {
  userId: string;
  /** The rater id of the tidy layout: the user id, or its pseudonym. */
  raterId: string;
  /** The user's stored roles (comma-separated). */
  roles: string;
};

/**
 * One column name per rater, in the given order. A pseudonymous export names the column by
 * the pseudonym itself; otherwise by "rater_" and the first 8 hex digits of the user id
 * (unique within an export; a clash, however unlikely, gets a numeric suffix).
 */
export function raterColumnNames(raters: readonly ExportRater[], pseudonymous: boolean): string[] {
  const taken = new Set<string>();
  return raters.map((rater) => {
    const label = pseudonymous ? rater.raterId : `rater_${rater.userId.replaceAll("-", "").slice(0, 8).toLowerCase()}`;
    const base = `${label}_${parseRoles(rater.roles).join("_") || "no_role"}`;
    let name = base;
    for (let n = 2; taken.has(name); n += 1) name = `${base}_${n}`;
    taken.add(name);
    return name;
  });
}
