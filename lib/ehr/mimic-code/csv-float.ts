// A double as MIMIC-IV's CSV files write it, so a value read back from a typed FLOAT column
// is the text the authors' pandas parsed. PostgreSQL prints the shortest text that reads back
// as the same double ("99.99999761581421"); the files write the 15-significant-digit form
// when it reads back as the same double and the 17-digit one otherwise ("99.999997615814209"),
// like C's "%.15g" then "%.17g". The difference matters: pandas' parser is not correctly
// rounded (pandas-values.ts, preciseXstrtod), so the two texts of one double can become two
// different floats in the authors' prompts. Checked against every FLOAT value of the demo
// files (mimic-code-prompts.db.test.ts covers the prompts; csv-float.test.ts the texts).

/** The exact decimal digits of a finite non-zero |d| and the power of ten of the first. */
function exactDigits(d: number): { digits: string; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(d));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const power = (biased === 0 ? 1 : biased) - 1075; // value = mantissa × 2^power
  let digits: string;
  let pointAt: number; // digits after the decimal point
  if (power >= 0) {
    digits = (mantissa << BigInt(power)).toString();
    pointAt = 0;
  } else {
    digits = (mantissa * 5n ** BigInt(-power)).toString();
    pointAt = -power;
  }
  const stripped = digits.replace(/^0+/, "");
  return { digits: stripped, exponent: stripped.length - 1 - pointAt };
}

/** C's `%.{precision}g` of a finite double (exact value, ties to even, as glibc prints). */
export function formatG(d: number, precision: number): string {
  if (d === 0) return Object.is(d, -0) ? "-0" : "0";
  const sign = d < 0 ? "-" : "";
  let { digits, exponent } = exactDigits(d);
  if (digits.length > precision) {
    const kept = BigInt(digits.slice(0, precision));
    const rest = digits.slice(precision);
    const half = rest[0] > "5" || (rest[0] === "5" && /[1-9]/.test(rest.slice(1)));
    const tie = rest[0] === "5" && !/[1-9]/.test(rest.slice(1));
    const up = half || (tie && kept % 2n === 1n);
    let rounded = (up ? kept + 1n : kept).toString();
    if (rounded.length > precision) {
      rounded = rounded.slice(0, precision);
      exponent++;
    }
    digits = rounded;
  }
  return gText(sign, digits, exponent, precision);
}

/** %g's layout of significant `digits` whose first is at 10^exponent. */
function gText(sign: string, digits: string, exponent: number, precision: number): string {
  digits = digits.replace(/0+$/, "") || "0";
  if (exponent < -4 || exponent >= precision) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const abs = Math.abs(exponent);
    return `${sign}${mantissa}e${exponent < 0 ? "-" : "+"}${abs < 10 ? `0${abs}` : abs}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits}${"0".repeat(exponent + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/** The smallest positive normal double (2^-1022). */
const MIN_NORMAL = 2.2250738585072014e-308;

/** PostgreSQL's text of a float8 value → the CSV's text of it. */
export function csvFloatText(text: string): string {
  const d = Number(text);
  if (!Number.isFinite(d)) return text; // NaN, Infinity: as PostgreSQL wrote them
  // Most values (a lab's 4.1) have a shortest round-trip text of at most 15 significant
  // digits. The exact value then lies within half a binary ulp of it, closer than half a
  // 15-digit step, so "%.15g" rounds to those very digits, and reads back as d: the text is
  // the shortest digits in %g's layout, without the exact expansion (a BigInt product per value).
  // Not for subnormals, whose ulp is wider than that relative half-step.
  if (Math.abs(d) >= MIN_NORMAL) {
    const [mantissa, power] = Math.abs(d).toExponential().split("e");
    const digits = mantissa.replace(".", "");
    if (digits.length <= 15) return gText(d < 0 ? "-" : "", digits, Number(power), 15);
  }
  const short = formatG(d, 15);
  return Number(short) === d ? short : formatG(d, 17);
}
