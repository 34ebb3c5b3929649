// A row's place in its CSV file (the 0-based row pandas numbered it), for tables of a
// database built by mimic-code itself, which keep no row number. COPY writes a file's rows
// into the heap in file order, page after page, each page's tuples numbered 1, 2, 3...; a
// table never updated or deleted from keeps them so. A row's file row is then the rows on
// all pages before its page plus its tuple number minus one, and only the first term needs
// counting. Registration counts the rows of each block of PAGES_PER_BLOCK pages once (one
// scan; a few thousand numbers for the largest table); reading a patient counts the rows
// per page of only the blocks their rows lie in (a TID range scan of at most 1,000 pages).
// A page whose tuple numbers skip (rows deleted or updated: file order lost) is an error.
import type pg from "pg";
import { ImportError } from "../import-record";
import type { MimicCodeTable } from "./connect-mimic-code";

export const PAGES_PER_BLOCK = 1000;

/** Stored per table at registration (a concept of FILE_ORDER_SYSTEM, code = table name). */
export type FileOrderIndex = {
  /** Rows in the table. */
  rows: number;
  /** Rows on the pages before each block of PAGES_PER_BLOCK pages: [block] → count. */
  rowsBefore: number[];
};

export const FILE_ORDER_SYSTEM = "mimic-code:file-order";

/** SQL of a row's page number, from its ctid. */
export const PAGE_OF_CTID = `(ctid::text::point)[0]::bigint`;

export function parseCtid(text: string): { page: number; item: number } {
  const comma = text.indexOf(",");
  return { page: Number(text.slice(1, comma)), item: Number(text.slice(comma + 1, -1)) };
}

const tid = (page: number, item: number) => `'(${page},${item})'::tid`;

/** The blocks' row counts, in one scan: the index registration stores. */
export function fileOrderIndex(blockCounts: ReadonlyMap<number, number>): FileOrderIndex {
  const last = Math.max(-1, ...blockCounts.keys());
  const rowsBefore: number[] = [];
  let rows = 0;
  for (let block = 0; block <= last; block++) {
    rowsBefore.push(rows);
    rows += blockCounts.get(block) ?? 0;
  }
  return { rows, rowsBefore };
}

/** Finds file rows of ctids of one table, counting each block's pages at most once. */
export class FileOrder {
  /** block → page → rows on the block's pages before it. */
  private readonly pages = new Map<number, Map<number, { before: number; rows: number }>>();

  constructor(
    private readonly table: MimicCodeTable,
    readonly index: FileOrderIndex,
  ) {}

  private async blockPages(client: pg.ClientBase, block: number) {
    const cached = this.pages.get(block);
    if (cached) return cached;
    const first = block * PAGES_PER_BLOCK;
    const { rows } = await client.query<{ page: string; rows: number; last: number }>(
      `SELECT ${PAGE_OF_CTID} AS page, count(*)::int AS rows, max((ctid::text::point)[1])::int AS last
       FROM ${this.table.qualified}
       WHERE ctid >= ${tid(first, 0)} AND ctid < ${tid(first + PAGES_PER_BLOCK, 0)}
       GROUP BY 1 ORDER BY 1`,
    );
    const pages = new Map<number, { before: number; rows: number }>();
    let before = 0;
    for (const row of rows) {
      if (row.last !== row.rows) {
        throw new ImportError(
          `page ${row.page} has ${row.rows} rows numbered up to ${row.last}: rows were deleted or updated, so ` +
            `physical order is no longer the file's order`,
          this.table.display,
        );
      }
      pages.set(Number(row.page), { before, rows: row.rows });
      before += row.rows;
    }
    this.pages.set(block, pages);
    return pages;
  }

  /** The 0-based file row of the row at `ctid` ("(page,item)"). */
  async rowOf(client: pg.ClientBase, ctid: string): Promise<number> {
    const { page, item } = parseCtid(ctid);
    const block = Math.floor(page / PAGES_PER_BLOCK);
    const pages = await this.blockPages(client, block);
    const at = pages.get(page);
    if (at === undefined || block >= this.index.rowsBefore.length) {
      throw new ImportError(
        `row ${ctid} is past the rows counted at registration (register again)`,
        this.table.display,
      );
    }
    return this.index.rowsBefore[block] + at.before + item - 1;
  }

  /** The ctid of the row at 0-based file row `row` (a chunk's first row). */
  async ctidOf(client: pg.ClientBase, row: number): Promise<{ page: number; item: number }> {
    const { rowsBefore } = this.index;
    let block = rowsBefore.length - 1;
    while (block > 0 && rowsBefore[block] > row) block--;
    const pages = await this.blockPages(client, block);
    const within = row - rowsBefore[block];
    for (const [page, at] of pages) {
      if (within >= at.before && within < at.before + at.rows) return { page, item: within - at.before + 1 };
    }
    throw new ImportError(`no row ${row} (the table has ${this.index.rows})`, this.table.display);
  }
}
