// The answer after </think>: one item per line for decision tasks, yes/no for risk tasks.
// The authors score decision answers by splitting on newlines (or a literal "\n" the model
// sometimes writes) and comparing lower-cased names; we clean the same way, a little more
// forgivingly (bullets, numbering), because reviewers read these items.

// Letters are not treated as bullets: "C. difficile PCR" is an item, not item "c".
const BULLET = /^(?:[-*•·▪‣+]|\(?\d{1,3}[.)])\s+/;

/** Items as the model listed them: trimmed, bullets and numbers removed, de-duplicated case-insensitively. */
export function parseItems(answer: string): string[] {
  const lines = answer.includes("\\n") && !answer.includes("\n") ? answer.split("\\n") : answer.split(/\r?\n/);
  const seen = new Set<string>();
  const items: string[] = [];
  for (const line of lines) {
    let item = line.trim();
    if (!item || /^#{1,6}\s/.test(item) || /^`{3}/.test(item)) continue;
    item = item.replace(BULLET, "").trim();
    item = item.replace(/^\*\*(.+)\*\*$/, "$1").trim();
    const key = item.toLowerCase();
    if (!item || seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return items;
}

/**
 * "yes" / "no", or null when the answer says neither or both. Tolerates case, punctuation,
 * markdown and a short lead-in ("Answer: Yes.").
 */
export function parseYesNo(answer: string): "yes" | "no" | null {
  const text = answer
    .toLowerCase()
    .replace(/[*_`#>]/g, " ")
    .trim();
  const words = new Set(text.match(/\b(yes|no)\b/g) ?? []);
  // Both words ("yes or no") is no answer; one of them anywhere is.
  return words.size === 1 ? ([...words][0] as "yes" | "no") : null;
}

export type ParsedAnswer = { items: string[]; yesNo: "yes" | "no" | null };

export function parseAnswer(answer: string, answerType: "item_list" | "yes_no"): ParsedAnswer {
  if (answerType === "yes_no") {
    const yesNo = parseYesNo(answer);
    return { items: yesNo ? [yesNo] : [], yesNo };
  }
  return { items: parseItems(answer), yesNo: null };
}
