// A rating in words, for the conflict dialog and the adjudication view: what each row holds.
import type { FormRow } from "@/lib/review/rating-form";
import { rowValue } from "@/lib/review/rating-form";
import type { RatingContent } from "@/lib/review/save-rating.types";

export function RatingSummary({ content, rows }: { content: RatingContent; rows: readonly FormRow[] }) {
  const answered = rows
    .map((row) => ({ row, value: rowValue(content, row) }))
    .filter(({ value }) => value !== null && !(Array.isArray(value) && value.length === 0));
  return (
    <dl className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-0.5 text-sm">
      {answered.map(({ row, value }) => (
        <div key={row.id} className="contents">
          <dt className="truncate text-slate-600 dark:text-slate-400" title={row.label}>
            {row.label}
          </dt>
          <dd className="font-medium">
            {Array.isArray(value)
              ? row.options
                  .filter((option) => value.includes(String(option.value)))
                  .map((option) => option.label)
                  .join(", ")
              : (row.options.find((option) => option.value === value)?.label ?? String(value))}
          </dd>
        </div>
      ))}
      {content.steps
        .filter((step) => step.note)
        .map((step) => (
          <div key={`note-${step.step}`} className="contents">
            <dt className="text-slate-600 dark:text-slate-400">Note on {step.step}</dt>
            <dd>{step.note}</dd>
          </div>
        ))}
      {content.missingItems.length ? (
        <>
          <dt className="text-slate-600 dark:text-slate-400">Missing items</dt>
          <dd>{content.missingItems.join("; ")}</dd>
        </>
      ) : null}
      {content.comment ? (
        <>
          <dt className="col-span-2 text-slate-600 dark:text-slate-400">Comment</dt>
          <dd className="col-span-2 break-words whitespace-pre-wrap">{content.comment}</dd>
        </>
      ) : null}
      {answered.length === 0 && !content.comment && !content.missingItems.length ? (
        <dd className="col-span-2 text-slate-600 dark:text-slate-400">Nothing answered.</dd>
      ) : null}
    </dl>
  );
}
