// JSON text helpers: error positions as line:column, and where each Bundle entry starts, so a
// rejected entry is reported at its real line in a pretty-printed Bundle (Synthea's are).
import { ImportError } from "../import-record";

/** JSON.parse of a whole file, with an ImportError naming the line and column on invalid JSON. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const { reason, line, column } = describeJsonError(text, error);
    throw new ImportError(`invalid JSON: ${reason} (line ${line}, column ${column})`, file, line);
  }
}

/** JSON.parse of one NDJSON line, with an ImportError naming the line and column. */
export function parseJsonLine(text: string, file: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const { reason, column } = describeJsonError(text, error);
    throw new ImportError(`invalid JSON: ${reason} (column ${column})`, file, line);
  }
}

function describeJsonError(text: string, error: unknown): { reason: string; line: number; column: number } {
  // V8 sometimes quotes a slice of the input after the reason: keep only the reason.
  const reason = String((error as Error).message)
    .replace(/^(Unexpected token '.+?'), .*$/s, "$1")
    .replace(/ in JSON at position \d+.*$/s, "");
  return { reason, ...lineColumn(text, syntaxErrorPosition(text)) };
}

export function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

/**
 * The 1-based line where each element of the root object's "entry" array begins. One pass
 * over the text, tracking strings and nesting; only run when a rejection needs a line.
 */
export function bundleEntryLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let stringStart = 0;
  let lastString = "";
  let key = "";
  let inEntryArray = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) {
        inString = false;
        if (depth === 1) lastString = text.slice(stringStart, i);
      }
      continue;
    }
    if (c === 10) line++;
    else if (c === 34) {
      inString = true;
      stringStart = i + 1;
    } else if (c === 58 && depth === 1)
      key = lastString; // ':' after a root-level key
    else if (c === 123 || c === 91) {
      depth++;
      if (c === 91 && depth === 2 && key === "entry") inEntryArray = true;
      else if (depth === 3 && inEntryArray) lines.push(line);
    } else if (c === 125 || c === 93) {
      if (depth === 2) inEntryArray = false;
      depth--;
    }
  }
  return lines;
}

/**
 * Index of the first syntax error, found by a small validating scan (V8's messages do not
 * always give a position). Only called once JSON.parse has failed.
 */
export function syntaxErrorPosition(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) return void i++;
      if (c < 32) fail();
      if (c === 92) {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? "x")) fail();
      }
      i++;
    }
    fail();
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail();
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    if (c === "-" || (c >= "0" && c <= "9")) return number();
    fail();
  };
  try {
    value();
    ws();
    return i < text.length ? i : text.length;
  } catch (position) {
    if (typeof position === "number") return position;
    throw position;
  }
}
