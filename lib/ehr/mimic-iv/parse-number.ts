// Numbers as MIMIC-IV's CSV files write them ("130", "4.0", "-0.5", "1e-3"). Stricter than
// Number(): "", " 1", "0x10", "Infinity" and "NaN" are not numbers here.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^\d+$/;

export function parseNumber(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Identifiers (subject_id, hadm_id, itemid...) are non-negative integers. */
export function isIdentifier(text: string): boolean {
  return INTEGER.test(text);
}
