// Helpers shared by the importer's database tests.
import "server-only";
import pg from "pg";

export type TableCounts = { patient: number; encounter: number; event: number; concept: number };

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function tableCounts(url: string): Promise<TableCounts> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<Record<keyof TableCounts, string>>(
      `SELECT (SELECT count(*) FROM patient) AS patient, (SELECT count(*) FROM encounter) AS encounter,
              (SELECT count(*) FROM event) AS event, (SELECT count(*) FROM concept) AS concept`,
    );
    const row = rows[0];
    return {
      patient: Number(row.patient),
      encounter: Number(row.encounter),
      event: Number(row.event),
      concept: Number(row.concept),
    };
  });
}

export const EMPTY: TableCounts = { patient: 0, encounter: 0, event: 0, concept: 0 };

/** Empties the record tables and the import log between tests sharing one database. */
export async function emptyRecordTables(url: string): Promise<void> {
  await withClient(url, (client) => client.query("TRUNCATE event, encounter, patient, concept, import_job CASCADE"));
}
