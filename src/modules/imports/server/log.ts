import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import { csvRows, safeCell, type RequestContext } from '../../../server/engine';
import { loadImport } from './store';

const page = 2000;

interface LogRow {
  row: number;
  outcome: string;
  record_id: string | null;
  errors: { field: string | null; message: string }[];
  note: string | null;
  deal_id: string | null;
  duplicate_of: string | null;
}

/** The per-row log as CSV, a page at a time, every cell neutralised like any export's. */
export async function importLog(ctx: RequestContext, id: string): Promise<Readable> {
  await ctx.db.read((x) => loadImport(x, ctx.workspace.id, id));
  async function* lines() {
    yield csvRows([['row', 'outcome', 'recordId', 'errors', 'note', 'dealId', 'possibleDuplicateOf']]);
    let after = 0;
    for (;;) {
      const found = await ctx.db.read((x) =>
        rows<LogRow>(
          x,
          sql`SELECT row, outcome, record_id, errors, note, deal_id, duplicate_of FROM import_rows
            WHERE workspace_id = ${ctx.workspace.id} AND import_id = ${id} AND row > ${after}
            ORDER BY row LIMIT ${page}`,
        ),
      );
      if (found.length === 0) return;
      yield csvRows(
        found.map((r) => [
          String(r.row),
          r.outcome,
          r.record_id ?? '',
          safeCell(r.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ')),
          safeCell(r.note ?? ''),
          r.deal_id ?? '',
          r.duplicate_of ?? '',
        ]),
      );
      after = found[found.length - 1].row;
    }
  }
  return Readable.from(lines());
}
