// What the export query looks up but the database cannot compute itself, as temp tables
// (dropped at commit) filled before the one big query runs, in the same transaction:
// export_rater (each rater's exported id, pseudonymous or not, and column position and name
// in the wide layout), export_config (every queue's scales and criteria as parseQueueConfig reads
// them, defaults included, as JSON the query indexes into; queue "" is the default config of
// ratings outside queues), export_step (labels of the reasoning steps raters flagged, from
// splitSteps). Each is small beside the export, and the step labels are read run by run
// through a cursor, so none of them holds the whole export in memory.
import type pg from "pg";
import { splitSteps } from "../../model/parse/split-steps";
import { DEFAULT_QUEUE_CONFIG, parseQueueConfig, type QueueConfig } from "../queue-config";
import { ratingsInScope, scaleObject, type RatingFilter } from "./export-sql";
import { raterColumnNames, type ExportRater } from "./rater-columns";

const STEP_RUNS_PER_FETCH = 100;

const CREATE_TABLES = `
  CREATE TEMP TABLE export_rater (user_id text PRIMARY KEY, rater_id text NOT NULL, pos int NOT NULL,
                                  column_name text NOT NULL) ON COMMIT DROP;
  CREATE TEMP TABLE export_config (queue_id text PRIMARY KEY, agreement jsonb NOT NULL, criteria jsonb NOT NULL,
                                   pairwise jsonb NOT NULL) ON COMMIT DROP;
  CREATE TEMP TABLE export_step (run_id text, step_id text, label text NOT NULL, PRIMARY KEY (run_id, step_id)) ON COMMIT DROP`;

/** The raters in scope, sorted by exported id (the wide layout's column order). */
async function fillRaters(
  client: pg.Client,
  filter: RatingFilter,
  raterId: (userId: string) => string,
  pseudonymous: boolean,
): Promise<(ExportRater & { column: string })[]> {
  const { rows } = await client.query<{ userId: string; roles: string }>(
    `SELECT s."userId", u.role AS roles
     FROM (SELECT DISTINCT r."userId" FROM ${ratingsInScope(filter)}) s JOIN "user" u ON u.id = s."userId"`,
  );
  const raters = rows
    .map((row) => ({ userId: row.userId, raterId: raterId(row.userId), roles: row.roles }))
    .sort((a, b) => (a.raterId < b.raterId ? -1 : a.raterId > b.raterId ? 1 : 0));
  const columns = raterColumnNames(raters, pseudonymous);
  await client.query(`INSERT INTO export_rater SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[])`, [
    raters.map((rater) => rater.userId),
    raters.map((rater) => rater.raterId),
    raters.map((_, index) => index + 1),
    columns,
  ]);
  return raters.map((rater, index) => ({ ...rater, column: columns[index] }));
}

async function fillQueueConfigs(client: pg.Client, filter: RatingFilter) {
  const { rows } = await client.query<{ id: string; rubric: unknown }>(
    `SELECT q.id, q.rubric FROM queue q WHERE q.id IN (SELECT qi."queueId" FROM ${ratingsInScope(filter)})`,
  );
  const configs: [string, QueueConfig][] = [
    ["", DEFAULT_QUEUE_CONFIG],
    ...rows.map((row): [string, QueueConfig] => [row.id, parseQueueConfig(row.rubric)]),
  ];
  // agreement: value → label; criteria: [{key, label, levels: value → label}]; pairwise: [{key, label}].
  await client.query(
    `INSERT INTO export_config SELECT * FROM unnest($1::text[], $2::jsonb[], $3::jsonb[], $4::jsonb[])`,
    [
      configs.map(([queueId]) => queueId),
      configs.map(([, config]) => JSON.stringify(scaleObject(config.agreementScale))),
      configs.map(([, config]) =>
        JSON.stringify(
          config.criteria.map((criterion) => ({
            key: criterion.key,
            label: criterion.label,
            levels: scaleObject(criterion.levels),
          })),
        ),
      ),
      configs.map(([, config]) =>
        JSON.stringify(config.pairwiseCriteria.map((criterion) => ({ key: criterion.key, label: criterion.label }))),
      ),
    ],
  );
}

/** Labels of the steps of every run whose rubric ratings (in scope) annotate steps. */
async function fillStepLabels(client: pg.Client, filter: RatingFilter) {
  await client.query(
    `DECLARE export_step_runs NO SCROLL CURSOR FOR
     SELECT id, reasoning FROM prediction_run
     WHERE id IN (SELECT r."runId" FROM ${ratingsInScope(filter, `r.kind = 'rubric'`, `r.steps <> '[]'::jsonb`)})`,
  );
  for (;;) {
    const { rows } = await client.query<{ id: string; reasoning: string }>(
      `FETCH ${STEP_RUNS_PER_FETCH} FROM export_step_runs`,
    );
    const labels = rows.flatMap((run) =>
      splitSteps(run.reasoning).map((step) => [run.id, step.id, `${step.section}: ${step.text.slice(0, 80)}`]),
    );
    if (labels.length) {
      await client.query(`INSERT INTO export_step SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, [
        labels.map((label) => label[0]),
        labels.map((label) => label[1]),
        labels.map((label) => label[2]),
      ]);
    }
    if (rows.length < STEP_RUNS_PER_FETCH) break;
  }
  await client.query(`CLOSE export_step_runs`);
}

/** Creates and fills the lookups; returns the raters in the wide layout's column order. */
export async function prepareLookups(
  client: pg.Client,
  filter: RatingFilter,
  raterId: (userId: string) => string,
  pseudonymous: boolean,
): Promise<(ExportRater & { column: string })[]> {
  await client.query(CREATE_TABLES);
  const raters = await fillRaters(client, filter, raterId, pseudonymous);
  await fillQueueConfigs(client, filter);
  await fillStepLabels(client, filter);
  // Temp tables are never auto-analysed; without statistics the planner guesses their size.
  await client.query(`ANALYZE export_rater, export_config, export_step`);
  return raters;
}
