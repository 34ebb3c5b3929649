// Ports of the few Python behaviours the EHR-R1 training prompts depend on: str.title() for
// column keys, float repr for numeric cells, and str()/repr() of None, lists and dicts. The
// model saw exactly these strings during training, so they are ported, not approximated.

// Letters whose titlecase differs from their uppercase (Unicode digraphs) or that expand.
const TITLECASE: Record<string, string> = {
  "\u01C4": "\u01C5",
  "\u01C5": "\u01C5",
  "\u01C6": "\u01C5",
  "\u01C7": "\u01C8",
  "\u01C8": "\u01C8",
  "\u01C9": "\u01C8",
  "\u01CA": "\u01CB",
  "\u01CB": "\u01CB",
  "\u01CC": "\u01CB",
  "\u01F1": "\u01F2",
  "\u01F2": "\u01F2",
  "\u01F3": "\u01F2",
  "\u00DF": "Ss",
};

const CASED = /\p{Cased}/u;
const CASE_IGNORABLE = /\p{Case_Ignorable}/u;

/** A character with case (Python's isupper/islower/istitle); digits, "_" and spaces have none. */
function isCased(ch: string): boolean {
  return CASED.test(ch) || ch in TITLECASE;
}

/** Lowercase as Python does, including Greek final sigma (Σ → ς when no cased letter follows). */
function lowerAt(chars: string[], i: number): string {
  if (chars[i] !== "\u03A3") return chars[i].toLowerCase();
  let j = i + 1;
  while (j < chars.length && CASE_IGNORABLE.test(chars[j])) j += 1;
  return j < chars.length && isCased(chars[j]) ? "\u03C3" : "\u03C2";
}

/** Titlecase of one character; JS has no toTitleCase, so derive it from the uppercase. */
function titlecase(ch: string): string {
  if (TITLECASE[ch]) return TITLECASE[ch];
  if (/\p{Lt}/u.test(ch)) return ch;
  const upper = [...ch.toUpperCase()];
  // Expanding uppercases (ligatures like ﬁ → FI) titlecase as first letter upper, rest lower.
  return upper.length > 1 ? upper[0] + upper.slice(1).join("").toLowerCase() : upper[0];
}

/**
 * Python's `str.title()`: a cased character is titlecased when the previous character is not
 * cased, lowercased otherwise. Digits and underscores are uncased, so `o2sat` → `O2Sat` and
 * `ref_range_lower` → `Ref_Range_Lower`; apostrophes too (`they're` → `They'Re`).
 */
export function pythonTitle(text: string): string {
  const chars = [...text];
  let out = "";
  let previousCased = false;
  chars.forEach((ch, i) => {
    if (isCased(ch)) {
      out += previousCased ? lowerAt(chars, i) : titlecase(ch);
      previousCased = true;
    } else {
      out += ch;
      previousCased = false;
    }
  });
  return out;
}

/**
 * Python's `repr(float)` (what pandas prints for a float cell): shortest round-trip digits,
 * fixed notation with at least one decimal for 1e-4 <= |x| < 1e16, otherwise scientific with a
 * signed two-digit exponent. `130` → `130.0`, `1e-5` → `1e-05`, `NaN` → `nan`.
 */
export function formatPythonFloat(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const sign = value < 0 ? "-" : "";
  // toExponential() without an argument gives the shortest digits that round-trip, as repr does.
  const [mantissa, exponentText] = Math.abs(value).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const scientific = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? "-" : "+";
    return `${sign}${scientific}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const integer = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1) || "0";
  return `${sign}${integer}.${fraction}`;
}

// Python's str.isprintable() is false for these categories (space excepted): repr escapes them.
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function escapeCodePoint(code: number): string {
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\U${code.toString(16).padStart(8, "0")}`;
}

/** Python's `repr(str)`: single quotes unless the text has ' and no ", escapes as CPython does. */
export function pythonStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && NOT_PRINTABLE.test(ch)) out += escapeCodePoint(code);
    else out += ch;
  }
  return out + quote;
}

/** Python's `repr()` of a JSON-like value (the items of a list, the values of a dict). */
export function pythonRepr(value: unknown): string {
  if (typeof value === "string") return pythonStrRepr(value);
  return pythonStr(value);
}

/**
 * Python's `str()` of a JSON-like value: None, True/False, numbers (integers stay integers,
 * non-integers print as floats), lists and dicts as their repr.
 */
export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : formatPythonFloat(value);
  if (typeof value === "bigint") return String(value);
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${pythonStrRepr(k)}: ${pythonRepr(v)}`).join(", ")}}`;
  }
  return String(value);
}
