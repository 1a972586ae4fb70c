import { sql } from 'drizzle-orm';
import { DomainError } from '../../../common/errors';
import type { Database } from '../../../server/db/database';
import type { ObjectMap, Registry, RequestContext } from '../../../server/engine';
import type { Settings } from '../../../server/env';
import type { FileStore } from '../../../server/files/fileStore';
import { dryRunMemory, importRows, type BatchResult, type DryRunMemory } from './batch';
import { importerContext } from './context';
import type { DuplicateRules } from './duplicates';
import { PhotoShelf } from './photos';
import { isEmptyRow, planImport, rowValues, type ImportPlan, type RowValues } from './plan';
import { openSource, type ImportSource, type SourceRow } from './sources';
import { loadImport, removeUpload, saveBatch, setStatus, uploadPath, type ImportRow } from './store';

export const importJob = 'imports.run';

export interface ImportRunner {
  db: Database;
  registry: Registry;
  settings: Settings;
  /** where vCard photos are kept */
  files: FileStore;
  /** the quality module's duplicate rules, when it is there */
  duplicates: DuplicateRules | null;
  /** true once the server is shutting down: the job stops between batches and resumes on the next start */
  stopping(): boolean;
}

/** Thrown between batches when the server stops: the job fails for a retry and resumes from its checkpoint. */
export class Interrupted extends Error {
  constructor() {
    super('the server stopped; the import resumes from its last batch');
  }
}

/** A dry run's batch, rolled back with what it would have done. */
class DryRun extends Error {
  constructor(readonly result: BatchResult) {
    super('dry run');
  }
}

const sampleRows = 200;
// A batch of vCards with large photos is written sooner: its photos are held in memory until it is.
const batchPhotoBytes = 32 * 1024 * 1024;

export async function samplesOf(source: ImportSource): Promise<SourceRow[]> {
  const samples: SourceRow[] = [];
  for await (const r of source.rows()) {
    if (isEmptyRow(r)) continue;
    samples.push({ ...r, photo: undefined });
    if (samples.length >= sampleRows) break;
  }
  return samples;
}

async function countRows(source: ImportSource): Promise<number> {
  let n = 0;
  for await (const r of source.rows()) if (!isEmptyRow(r)) n++;
  return n;
}

export async function openPlan(
  runner: ImportRunner,
  ctx: RequestContext,
  objects: ObjectMap,
  state: ImportRow,
) {
  const limits = { maxColumns: runner.settings.RAPPORT_IMPORT_MAX_COLUMNS };
  const source = await openSource(
    uploadPath(runner.settings.RAPPORT_DATA_DIR, ctx.workspace.id, state.id),
    state.file_name,
    limits,
  );
  const plan = planImport(
    objects,
    state.object,
    source.headers,
    state.mapping,
    state.match,
    await samplesOf(source),
    ctx.workspace.defaultCountry,
    source.format === 'csv',
  );
  return { source, plan };
}

/**
 * Runs an import as a job: batch after batch, each one transaction that writes its records, its log
 * rows and its checkpoint together, so a run that stops anywhere resumes after its last batch and
 * nothing is written twice. Imports into one object take turns batch by batch, so two imports of the
 * same file each see what the other created.
 */
export async function runImport(runner: ImportRunner, workspaceId: string, importId: string): Promise<void> {
  const { db, registry } = runner;
  let state = await db.read((x) => loadImport(x, workspaceId, importId));
  if (state.status !== 'queued' && state.status !== 'running') {
    await removeUpload(runner.settings.RAPPORT_DATA_DIR, workspaceId, importId);
    return;
  }
  try {
    const ctx = {
      ...(await importerContext(db, workspaceId, state.created_by)),
      sourceRef: `imports/${importId}`,
    };
    const objects = await registry.objects(db, ctx.workspace, ctx.role);
    const { source, plan } = await openPlan(runner, ctx, objects, state);
    if (state.dry_run && state.checkpoint_row > 0) state = await restartDryRun(db, workspaceId, importId);
    await db.write((tx) => setStatus(tx, workspaceId, importId, 'running'));
    if (state.total === null) {
      const total = await countRows(source);
      await db.write((tx) =>
        tx.execute(
          sql`UPDATE imports SET total = ${total} WHERE workspace_id = ${workspaceId} AND id = ${importId}`,
        ),
      );
    }
    const dry: DryRunMemory | null = state.dry_run ? dryRunMemory() : null;
    const size = runner.settings.RAPPORT_IMPORT_BATCH;
    let batch: RowValues[] = [];
    let photoBytes = 0;
    for await (const r of source.rows()) {
      if (r.row <= state.checkpoint_row || isEmptyRow(r)) continue;
      batch.push(rowValues(plan, r));
      photoBytes += r.photo?.bytes.length ?? 0;
      if (batch.length < size && photoBytes < batchPhotoBytes) continue;
      if (!(await commitBatch(runner, ctx, objects, plan, importId, batch, dry))) return;
      batch = [];
      photoBytes = 0;
    }
    if (batch.length && !(await commitBatch(runner, ctx, objects, plan, importId, batch, dry))) return;
    await db.write((tx) => setStatus(tx, workspaceId, importId, 'done'));
    await removeUpload(runner.settings.RAPPORT_DATA_DIR, workspaceId, importId);
  } catch (error) {
    if (error instanceof Interrupted) throw error;
    const message =
      error instanceof DomainError ||
      (error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_'))
        ? error.message
        : 'the import stopped on an unexpected error; the rows before it are imported and listed in the log';
    if (!(error instanceof DomainError)) console.error('import failed', error);
    await db.write((tx) => setStatus(tx, workspaceId, importId, 'failed', message));
    await removeUpload(runner.settings.RAPPORT_DATA_DIR, workspaceId, importId);
  }
}

async function restartDryRun(db: Database, workspaceId: string, importId: string) {
  return db.write(async (tx) => {
    await tx.execute(
      sql`DELETE FROM import_rows WHERE workspace_id = ${workspaceId} AND import_id = ${importId}`,
    );
    await tx.execute(
      sql`UPDATE imports SET checkpoint_row = 0, processed = 0, created = 0, updated = 0, skipped = 0, rejected = 0,
          deals_created = 0, possible_duplicates = 0
        WHERE workspace_id = ${workspaceId} AND id = ${importId}`,
    );
    return loadImport(tx, workspaceId, importId);
  });
}

/** One batch; false when the import was cancelled (it is then marked so). */
async function commitBatch(
  runner: ImportRunner,
  ctx: RequestContext,
  objects: ObjectMap,
  plan: ImportPlan,
  importId: string,
  batch: RowValues[],
  dry: DryRunMemory | null,
): Promise<boolean> {
  if (runner.stopping()) throw new Interrupted();
  const workspaceId = ctx.workspace.id;
  const lastRow = batch[batch.length - 1].row;
  let dryResult = null as BatchResult | null;
  const tasks: (() => Promise<void>)[] = [];
  const photos = new PhotoShelf(dry ? null : runner.files, importId);
  const go = await ctx.db
    .write(async (tx) => {
      await tx.execute(
        sql`SELECT pg_advisory_xact_lock(hashtext(${`import:${workspaceId}:${plan.object.name}`}))`,
      );
      const current = await loadImport(tx, workspaceId, importId, true);
      if (current.cancel_requested) {
        await setStatus(tx, workspaceId, importId, 'cancelled');
        return false;
      }
      // Rows an earlier run of this job already committed (it stopped after its commit) are not done again.
      const left = batch.filter((r) => r.row > current.checkpoint_row);
      if (left.length === 0) return true;
      const result = await importRows(ctx, tx, objects, plan, left, dry, (task) => tasks.push(task), {
        photos,
        duplicates: runner.duplicates,
      });
      if (dry) throw new DryRun(result);
      await saveBatch(tx, workspaceId, importId, result, lastRow);
      return true;
    })
    .catch(async (error: unknown) => {
      await photos.discard();
      if (!(error instanceof DryRun)) throw error;
      dryResult = error.result;
      return true;
    });
  photos.commit();
  if (dryResult) {
    const result: BatchResult = { ...dryResult, changes: [] };
    await runner.db.write((tx) => saveBatch(tx, workspaceId, importId, result, lastRow));
  }
  if (!go) await removeUpload(runner.settings.RAPPORT_DATA_DIR, workspaceId, importId);
  return go;
}
