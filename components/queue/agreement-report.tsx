// Inter-rater agreement of a queue, per criterion, each figure with its 95 % bootstrap
// interval; the rater-by-rater kappa matrices; and, for agreement queues, how often clinicians
// agree with the model per task. "—" marks a figure that is undefined for these data (no
// pairs, or no variation), never a zero.
import type { Interval, QueueAgreement } from "@/lib/review/queue-agreement.types";
import { TableScroll } from "../ui/table-scroll";

const number = (value: number | null) => (value === null ? "—" : value.toFixed(2));
const percent = (value: number | null) => (value === null ? "—" : `${Math.round(value * 100)} %`);

function Figure({
  interval,
  format = number,
}: {
  interval: Interval | null;
  format?: (value: number | null) => string;
}) {
  if (!interval) return <span className="text-slate-600 dark:text-slate-400">n/a</span>;
  return (
    <span className="tabular-nums">
      {format(interval.estimate)}
      {interval.estimate !== null ? (
        <span className="text-xs text-slate-600 dark:text-slate-400">
          {" "}
          [{format(interval.low)}, {format(interval.high)}]
        </span>
      ) : null}
    </span>
  );
}

export function AgreementReport({ agreement }: { agreement: QueueAgreement }) {
  const raterName = (index: number) => agreement.raters[index]?.name ?? `rater ${index + 1}`;
  const { iterations, confidence, seed } = agreement.bootstrap;
  return (
    <div className="space-y-4">
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {agreement.raters.length} rater(s) with submitted ratings; {agreement.reviewersPerItem} per item. Intervals:{" "}
        {Math.round(confidence * 100)} % percentile bootstrap over units, {iterations} replicates, seed {seed}.
        Cohen&apos;s and the matrix use quadratic weights on ordinal scales; Fleiss&apos; kappa counts units with
        exactly {agreement.reviewersPerItem} ratings.
      </p>
      <TableScroll label="Agreement per criterion">
        <table className="w-full bg-white text-sm dark:bg-slate-900" data-testid="agreement-table">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              <th className="px-3 py-2 font-medium">Criterion</th>
              <th className="px-3 py-2 text-right font-medium">Units</th>
              <th className="px-3 py-2 font-medium">Agreement</th>
              <th className="px-3 py-2 font-medium">Cohen&apos;s κ</th>
              <th className="px-3 py-2 font-medium">Fleiss&apos; κ</th>
              <th className="px-3 py-2 font-medium">α nominal</th>
              <th className="px-3 py-2 font-medium">α ordinal</th>
              <th className="px-3 py-2 font-medium">α interval</th>
              <th className="px-3 py-2 font-medium">α ratio</th>
            </tr>
          </thead>
          <tbody>
            {agreement.criteria.map((criterion) => (
              <tr key={criterion.key} className="border-b border-slate-100 dark:border-slate-800">
                <td className="px-3 py-1.5">
                  {criterion.label}{" "}
                  <span className="text-xs text-slate-600 dark:text-slate-400">({criterion.level})</span>
                </td>
                <td className="px-3 py-1.5 text-right tabular-nums">{criterion.units}</td>
                <td className="px-3 py-1.5">
                  <Figure interval={criterion.percentAgreement} format={percent} />
                </td>
                <td className="px-3 py-1.5">
                  <Figure interval={criterion.cohenKappa} />
                </td>
                <td className="px-3 py-1.5">
                  <Figure interval={criterion.fleissKappa} />
                </td>
                <td className="px-3 py-1.5">
                  <Figure interval={criterion.alpha.nominal} />
                </td>
                <td className="px-3 py-1.5">
                  <Figure interval={criterion.alpha.ordinal} />
                </td>
                <td className="px-3 py-1.5">
                  <Figure interval={criterion.alpha.interval} />
                </td>
                <td className="px-3 py-1.5">
                  <Figure interval={criterion.alpha.ratio} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      {agreement.raters.length > 1 ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium">Rater × rater Cohen&apos;s κ</summary>
          <div className="mt-2 grid grid-cols-1 gap-4 lg:grid-cols-2">
            {agreement.criteria.map((criterion) => (
              <table key={criterion.key} className="bg-white text-xs dark:bg-slate-900">
                <caption className="text-left font-medium">{criterion.label}</caption>
                <thead>
                  <tr>
                    <th />
                    {agreement.raters.map((rater) => (
                      <th key={rater.id} className="px-2 py-1 font-medium">
                        {rater.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {criterion.kappaMatrix.kappa.map((row, i) => (
                    <tr key={agreement.raters[i]?.id ?? i}>
                      <th className="px-2 py-1 text-left font-medium">{raterName(i)}</th>
                      {row.map((kappa, j) => (
                        <td key={j} className="px-2 py-1 text-right tabular-nums">
                          {i === j ? "" : `${number(kappa)} (n=${criterion.kappaMatrix.n[i][j]})`}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
          </div>
        </details>
      ) : null}

      {agreement.pairwise ? <PairwiseWinRates pairwise={agreement.pairwise} /> : null}

      {agreement.modelAgreement.length ? (
        <section className="space-y-1">
          <h3 className="font-semibold">Clinicians&apos; agreement with the model, per task</h3>
          <TableScroll label="Clinicians’ agreement with the model">
            <table className="w-full bg-white text-sm dark:bg-slate-900" data-testid="model-agreement">
              <thead>
                <tr className="border-b border-slate-200 text-left dark:border-slate-800">
                  <th className="px-3 py-2 font-medium">Task</th>
                  <th className="px-3 py-2 text-right font-medium">Item ratings</th>
                  <th className="px-3 py-2 font-medium">Agreeing</th>
                  <th className="px-3 py-2 font-medium">By level</th>
                  <th className="px-3 py-2 font-medium">Per clinician</th>
                </tr>
              </thead>
              <tbody>
                {agreement.modelAgreement.map((task) => (
                  <tr key={task.taskKey} className="border-b border-slate-100 dark:border-slate-800">
                    <td className="px-3 py-1.5">{task.taskKey}</td>
                    <td className="px-3 py-1.5 text-right tabular-nums">{task.ratings}</td>
                    <td className="px-3 py-1.5">
                      <Figure interval={task.agreement} format={percent} />
                    </td>
                    <td className="px-3 py-1.5 text-xs">
                      {task.levels.map((level) => `${level.label} ${level.count}`).join(" · ")}
                    </td>
                    <td className="px-3 py-1.5 text-xs">
                      {task.perRater
                        .map(
                          (rater) =>
                            `${agreement.raters.find((candidate) => candidate.id === rater.raterId)?.name ?? rater.raterId} ${percent(rater.agreement)} (n=${rater.n})`,
                        )
                        .join(" · ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}
    </div>
  );
}

function PairwiseWinRates({ pairwise }: { pairwise: NonNullable<QueueAgreement["pairwise"]> }) {
  return (
    <section className="space-y-1">
      <h3 className="font-semibold">Win rate per criterion</h3>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        A = {pairwise.backendsA.join(", ")}; B = {pairwise.backendsB.join(", ")}. A&apos;s win rate among the choices
        that were not ties, with its 95 % Wilson score interval; every rater&apos;s choice on every item counts once.
      </p>
      <table className="w-full bg-white text-sm dark:bg-slate-900" data-testid="win-rates">
        <thead>
          <tr className="border-b border-slate-200 text-left dark:border-slate-800">
            <th className="px-3 py-2 font-medium">Criterion</th>
            <th className="px-3 py-2 text-right font-medium">A better</th>
            <th className="px-3 py-2 text-right font-medium">B better</th>
            <th className="px-3 py-2 text-right font-medium">Ties</th>
            <th className="px-3 py-2 font-medium">A&apos;s win rate [95 % CI]</th>
          </tr>
        </thead>
        <tbody>
          {pairwise.winRates.map((rate) => (
            <tr key={rate.key} className="border-b border-slate-100 dark:border-slate-800">
              <td className="px-3 py-1.5">{rate.label}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{rate.a}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{rate.b}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{rate.ties}</td>
              <td className="px-3 py-1.5 tabular-nums">
                {percent(rate.aWinRate.estimate)}
                {rate.aWinRate.estimate !== null ? (
                  <span className="text-xs text-slate-600 dark:text-slate-400">
                    {" "}
                    [{percent(rate.aWinRate.low)}, {percent(rate.aWinRate.high)}]
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
