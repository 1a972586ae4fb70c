import { sql } from 'drizzle-orm';
import { rm } from 'node:fs/promises';
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { Conflict, Forbidden, ValidationFailed } from '../../../common/errors';
import { assertCanWrite, type ObjectMap, type RequestContext } from '../../../server/engine';
import type { ImportPreview } from '../contract';
import { dryRunMemory, importRows, type RowOutcome } from './batch';
import { isEmptyRow, planImport, rowValues } from './plan';
import { importJob, samplesOf, type ImportRunner } from './run';
import { openSource } from './sources';
import { loadImport } from './store';
import { identityMapping, suggestMapping } from './suggest';
import { optionsOf, receiveUpload } from './upload';
import { uploadPath } from './store';
import type { Jobs } from '../../../server/jobs/queue';

const previewRows = 20;

async function received(runner: ImportRunner, ctx: RequestContext, request: FastifyRequest, id: string) {
  assertCanWrite(ctx);
  const path = uploadPath(runner.settings.RAPPORT_DATA_DIR, ctx.workspace.id, id);
  const upload = await receiveUpload(request, path, runner.settings.RAPPORT_IMPORT_MAX_BYTES);
  try {
    const options = optionsOf(upload.fields);
    const source = await openSource(path, upload.fileName, {
      maxColumns: runner.settings.RAPPORT_IMPORT_MAX_COLUMNS,
    });
    if (source.format === 'vcard' && options.object !== 'contacts')
      throw new ValidationFailed('vCard files hold contacts', [
        { path: 'object', message: 'must be contacts for a vCard file' },
      ]);
    return { path, upload, options, source, samples: await samplesOf(source) };
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}

/**
 * Stores the upload, checks the file and the mapping against its header, records the import and
 * queues its job: the answer comes before any row is read past the sample.
 */
export async function startImport(
  runner: ImportRunner,
  jobs: Jobs,
  ctx: RequestContext,
  objects: ObjectMap,
  request: FastifyRequest,
): Promise<string> {
  const id = uuidv7();
  const { path, upload, options, source, samples } = await received(runner, ctx, request, id);
  try {
    const object = objects.get(options.object);
    if (!object)
      throw new ValidationFailed(`There is no object called "${options.object}"`, [
        { path: 'object', message: 'unknown object' },
      ]);
    const mapping =
      options.mapping ??
      (source.format === 'vcard'
        ? identityMapping(source.headers)
        : suggestMapping(object, source.headers, samples));
    planImport(
      objects,
      options.object,
      source.headers,
      mapping,
      options.match ?? null,
      samples,
      ctx.workspace.defaultCountry,
      source.format === 'csv',
    );
    await ctx.db.write((tx) =>
      tx.execute(
        sql`INSERT INTO imports (workspace_id, id, object, file_name, format, dry_run, mapping, match, created_by)
          VALUES (${ctx.workspace.id}, ${id}, ${options.object}, ${upload.fileName.slice(0, 300)}, ${source.format},
            ${options.dryRun}, ${JSON.stringify(mapping)}::jsonb, ${options.match ? JSON.stringify(options.match) : null}::jsonb, ${ctx.userId})`,
      ),
    );
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  await jobs.send(importJob, { workspaceId: ctx.workspace.id, importId: id }, { key: id });
  return id;
}

/**
 * The wizard's look before importing: headers, a suggested mapping, and the first rows as the mapping
 * given (or suggested) would store them, with every error the write path would find, written nowhere.
 */
export async function previewImport(
  runner: ImportRunner,
  ctx: RequestContext,
  objects: ObjectMap,
  request: FastifyRequest,
): Promise<ImportPreview> {
  const { path, options, source, samples } = await received(runner, ctx, request, uuidv7());
  try {
    const object = objects.get(options.object);
    if (!object)
      throw new ValidationFailed(`There is no object called "${options.object}"`, [
        { path: 'object', message: 'unknown object' },
      ]);
    const suggested =
      source.format === 'vcard'
        ? identityMapping(source.headers)
        : suggestMapping(object, source.headers, samples);
    const plan = planImport(
      objects,
      options.object,
      source.headers,
      options.mapping ?? suggested,
      options.match ?? null,
      samples,
      ctx.workspace.defaultCountry,
      source.format === 'csv',
    );
    const first = samples
      .filter((s) => !isEmptyRow(s))
      .slice(0, previewRows)
      .map((s) => rowValues(plan, s));
    const shown = first.map((r) => ({
      row: r.row,
      values: { ...r.values, ...prefixed('account', r.account), ...prefixed('deal', r.deal) },
    }));
    const outcomes = await dryOutcomes(runner, ctx, objects, plan, first);
    return {
      format: source.format,
      headers: source.headers,
      suggestedMapping: suggested,
      rows: shown.map((r, i) => ({ ...r, errors: outcomes[i].errors.map((e) => ({ row: r.row, ...e })) })),
    };
  } finally {
    await rm(path, { force: true });
  }
}

const prefixed = (prefix: string, values: Record<string, unknown> | null) =>
  Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [`${prefix}.${k}`, v]));

class Rollback extends Error {
  constructor(readonly outcomes: RowOutcome[]) {
    super('preview');
  }
}

async function dryOutcomes(
  runner: ImportRunner,
  ctx: RequestContext,
  objects: ObjectMap,
  plan: ReturnType<typeof planImport>,
  batch: ReturnType<typeof rowValues>[],
) {
  if (batch.length === 0) return [];
  const importing = { ...ctx, source: 'import' as const };
  try {
    await ctx.db.write(async (tx) => {
      const { outcomes } = await importRows(
        importing,
        tx,
        objects,
        plan,
        batch,
        dryRunMemory(),
        () => undefined,
        { photos: null, duplicates: runner.duplicates },
      );
      throw new Rollback(outcomes);
    });
  } catch (error) {
    if (error instanceof Rollback) return error.outcomes;
    throw error;
  }
  return [];
}

/** Asks a queued or running import to stop after its current batch; what it wrote stays, and can be undone. */
export async function cancelImport(ctx: RequestContext, id: string) {
  assertCanWrite(ctx);
  await ctx.db.write(async (tx) => {
    const state = await loadImport(tx, ctx.workspace.id, id);
    if (ctx.role !== 'admin' && state.created_by !== ctx.userId)
      throw new Forbidden('Only the user who started an import, or an admin, can cancel it');
    if (state.status !== 'queued' && state.status !== 'running')
      throw new Conflict(`The import is ${state.status}; only a queued or running import can be cancelled`);
    await tx.execute(
      sql`UPDATE imports SET cancel_requested = true WHERE workspace_id = ${ctx.workspace.id} AND id = ${id}`,
    );
    if (state.status === 'queued')
      await tx.execute(
        sql`UPDATE imports SET status = 'cancelled', finished_at = now() WHERE workspace_id = ${ctx.workspace.id} AND id = ${id}`,
      );
  });
}
