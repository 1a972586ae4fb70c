import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { Conflict, DuplicateRefused, ValidationFailed, type FieldError } from '../../../common/errors';
import { rows, type Executor } from '../../../server/db/database';
import {
  records,
  type ObjectMap,
  type Records,
  type RequestContext,
  type Saved,
  type Values,
} from '../../../server/engine';
import type { ImportRowError } from '../contract';
import { dealKey, findDeals, newDeal, resolveStages, withContacts } from './deals';
import { possibleDuplicates, type DuplicateRules } from './duplicates';
import { arrayItem, findByKeys, keyText, matchKey } from './matching';
import type { PhotoShelf } from './photos';
import type { ImportPlan, RowValues } from './plan';

export type Outcome = 'created' | 'updated' | 'skipped' | 'rejected';

export interface RowOutcome {
  row: number;
  outcome: Outcome;
  recordId: string | null;
  errors: Omit<ImportRowError, 'row'>[];
  note?: string;
  /** the deal the row's contact has a role in */
  dealId?: string | null;
  /** the earlier record the row's new record is likely a duplicate of */
  duplicateOf?: string | null;
}

/** What a batch did besides its rows' outcomes. */
export interface BatchResult {
  outcomes: RowOutcome[];
  changes: ChangedRecord[];
  /** deals created (that would be, in a dry run) */
  dealsCreated: number;
}

export interface ChangedRecord {
  object: string;
  recordId: string;
  created: boolean;
  previous: Values;
}

/**
 * What a dry run remembers across its batches (they are rolled back): the keys of the records and deals
 * it would have created. Accounts are created again in each batch that needs them.
 */
export interface DryRunMemory {
  matchKeys: Set<string>;
  dealKeys: Set<string>;
}

/** What a batch writes with besides the records service: where photos go, how duplicates are found. */
export interface BatchServices {
  photos: PhotoShelf | null;
  duplicates: DuplicateRules | null;
}

export const dryRunMemory = (): DryRunMemory => ({
  matchKeys: new Set(),
  dealKeys: new Set(),
});

const copyOf = (m: DryRunMemory): DryRunMemory => ({
  matchKeys: new Set(m.matchKeys),
  dealKeys: new Set(m.dealKeys),
});

interface Attempt {
  body: Values;
  rows: RowValues[];
  id?: string;
}

/** `create.3.email` → index 3, field `email`. */
function splitPath(path: string): { index: number; field: string | null } {
  const [, index, ...rest] = path.split('.');
  return { index: Number(index), field: rest.length ? rest.join('.') : null };
}

/**
 * Writes attempts through the records service; a row the engine refuses is taken out with its errors
 * and the rest tried again (nothing was written by the refused call), until every one left is written.
 */
async function writeAll(
  attempts: Attempt[],
  write: (items: Attempt[]) => Promise<Saved[]>,
  refuse: (attempt: Attempt, errors: FieldError[]) => void,
  prefix = '',
): Promise<{ attempt: Attempt; saved: Saved }[]> {
  let left = attempts;
  while (left.length) {
    try {
      const saved = await write(left);
      return left.map((attempt, i) => ({ attempt, saved: saved[i] }));
    } catch (error) {
      // A bad value (400), a duplicate an admin's rule refuses or a stage whose criteria are not met
      // (409) is about rows, by path.
      const stagePath =
        error instanceof Conflict && typeof error.extra?.path === 'string' ? error.extra.path : null;
      const errors = stagePath
        ? [{ path: stagePath, message: (error as Conflict).message.replace(/ \((create|update)\.\d+\)/, '') }]
        : (error as ValidationFailed).errors;
      if (
        !(error instanceof ValidationFailed || error instanceof DuplicateRefused || stagePath) ||
        !errors?.length
      )
        throw error;
      const bad = new Map<number, FieldError[]>();
      for (const e of errors) {
        const { index, field } = splitPath(e.path);
        bad.set(index, [
          ...(bad.get(index) ?? []),
          { path: field ? `${prefix}${field}` : '', message: e.message },
        ]);
      }
      if (![...bad.keys()].every((i) => Number.isInteger(i) && i < left.length)) throw error;
      left.forEach((a, i) => bad.has(i) && refuse(a, bad.get(i)!));
      left = left.filter((_, i) => !bad.has(i));
    }
  }
  return [];
}

/**
 * One batch of rows, in the caller's transaction: accounts found or created, rows matched (a row
 * matches the record an earlier row of the same file created), then created, updated or skipped; then
 * their deals found or created, likely duplicates of new records flagged, and vCard photos kept.
 * `written` collects the rows that wrote something before they could still be refused.
 */
export async function importBatch(
  ctx: RequestContext,
  tx: Executor,
  records: Records,
  plan: ImportPlan,
  batch: RowValues[],
  dry: DryRunMemory | null,
  { photos, duplicates }: BatchServices,
): Promise<BatchResult & { written: Set<number> }> {
  const since = uuidv7();
  const written = new Set<number>();
  const outcomes = new Map<number, RowOutcome>();
  const changes: ChangedRecord[] = [];
  const reject = (r: RowValues, errors: Omit<ImportRowError, 'row'>[]) =>
    outcomes.set(r.row, { row: r.row, outcome: 'rejected', recordId: null, errors, note: r.note });
  const asRowErrors = (errors: FieldError[]) =>
    errors.map((e) => ({ field: e.path || null, message: e.message }));
  for (const r of batch)
    if (r.errors.length)
      reject(
        r,
        r.errors.map(({ field, message }) => ({ field, message })),
      );
  if (plan.deals) {
    const stageErrors = await resolveStages(
      ctx,
      tx,
      plan.object.peers,
      batch.filter((r) => !outcomes.has(r.row)),
    );
    for (const r of batch)
      if (stageErrors.has(r.row))
        reject(
          r,
          stageErrors.get(r.row)!.map(({ field, message }) => ({ field, message })),
        );
  }
  let pending = batch.filter((r) => !outcomes.has(r.row));

  if (plan.accounts && plan.accountKey) {
    const accounts = plan.accounts;
    const keyField = plan.accountKey.name;
    const withAccount = pending.filter((r) => r.account);
    const keyOf = (r: RowValues) => keyText(r.account![keyField]);
    const keys = [...new Set(withAccount.map(keyOf))];
    // A dry run creates again, in each batch it rolls back, the accounts an earlier batch would have created.
    const found = await findByKeys(ctx, tx, accounts, keyField, keys);
    const missing = keys.filter((k) => !found.has(k));
    const creates = missing.map((k) => {
      const rowsOfKey = withAccount.filter((r) => keyOf(r) === k);
      return { body: { ...rowsOfKey[0].account! }, rows: rowsOfKey };
    });
    const created = await writeAll(
      creates,
      (items) =>
        records.create(
          accounts.name,
          items.map((a, i) => ({ body: a.body, path: `create.${i}` })),
          'import',
        ),
      (a, errors) =>
        a.rows.forEach((r) =>
          reject(
            r,
            asRowErrors(errors).map((e) => ({ ...e, field: e.field ? `account.${e.field}` : 'account' })),
          ),
        ),
    );
    for (const { attempt, saved } of created) {
      attempt.rows.forEach((r) => written.add(r.row));
      found.set(keyOf(attempt.rows[0]), saved.id);
      changes.push({ object: accounts.name, recordId: saved.id, created: true, previous: {} });
    }
    pending = pending.filter((r) => !outcomes.has(r.row));
    for (const r of pending) if (r.account && found.has(keyOf(r))) r.values.accountId = found.get(keyOf(r));
  }

  const match = plan.match;
  const object = plan.object.name;
  // The record each row created or updated (in a dry run too: its id lives until the rollback).
  const recordOf = new Map<number, string>();
  const createdIds: string[] = [];
  // Rows whose key an earlier row of this pass holds wait for the next pass, which sees that row's record.
  while (pending.length) {
    const claimed = new Set<string>();
    const now: RowValues[] = [];
    const later: RowValues[] = [];
    for (const r of pending) {
      const key = match ? matchKey(match.field, r.values) : null;
      if (key !== null && claimed.has(key)) later.push(r);
      else {
        if (key !== null) claimed.add(key);
        now.push(r);
      }
    }
    const found = match
      ? await findByKeys(ctx, tx, plan.object, match.field, [...claimed])
      : new Map<string, string>();
    const creates: Attempt[] = [];
    const updates: Attempt[] = [];
    for (const r of now) {
      const key = match ? matchKey(match.field, r.values) : null;
      const id = key === null ? undefined : found.get(key);
      const matched = key !== null && (id !== undefined || !!dry?.matchKeys.has(key));
      if (!matched || match!.onMatch === 'create') creates.push({ body: r.values, rows: [r] });
      else if (match!.onMatch === 'skip')
        outcomes.set(r.row, {
          row: r.row,
          outcome: 'skipped',
          recordId: id ?? null,
          errors: [],
          note: r.note,
        });
      else if (id) updates.push({ body: r.values, rows: [r], id });
      else outcomes.set(r.row, { row: r.row, outcome: 'updated', recordId: null, errors: [], note: r.note });
    }
    const refuse = (a: Attempt, errors: FieldError[]) => reject(a.rows[0], asRowErrors(errors));
    const created = await writeAll(
      creates,
      (items) =>
        records.create(
          object,
          items.map((a, i) => ({ body: a.body, path: `create.${i}` })),
          'import',
        ),
      refuse,
    );
    for (const { attempt, saved } of created) {
      const r = attempt.rows[0];
      outcomes.set(r.row, {
        row: r.row,
        outcome: 'created',
        recordId: dry ? null : saved.id,
        errors: [],
        note: r.note,
      });
      recordOf.set(r.row, saved.id);
      createdIds.push(saved.id);
      changes.push({ object, recordId: saved.id, created: true, previous: {} });
      const key = match ? matchKey(match.field, r.values) : null;
      if (dry && key !== null) dry.matchKeys.add(key);
    }
    const updated = await writeAll(
      updates,
      (items) =>
        records.update(
          object,
          items.map((a, i) => ({ id: a.id!, body: a.body, path: `update.${i}` })),
          'import',
        ),
      refuse,
    );
    const previous = await overwritten(
      ctx,
      tx,
      object,
      updated.map((u) => u.saved.id),
      since,
    );
    for (const { attempt, saved } of updated) {
      const r = attempt.rows[0];
      outcomes.set(r.row, { row: r.row, outcome: 'updated', recordId: saved.id, errors: [], note: r.note });
      recordOf.set(r.row, saved.id);
      changes.push({ object, recordId: saved.id, created: false, previous: previous.get(saved.id) ?? {} });
    }
    pending = later;
  }
  for (const row of recordOf.keys()) written.add(row);
  const done = batch.filter((r) => recordOf.has(r.row));
  const addNote = (row: number, note: string) => {
    const o = outcomes.get(row)!;
    o.note = o.note ? `${o.note}; ${note}` : note;
  };

  let dealsCreated = 0;
  if (plan.deals) {
    // A dry run knows the accounts of earlier batches by their key, not by the ids it rolled back.
    const accountOf = (r: RowValues) =>
      dry && r.account && plan.accountKey ? `account:${keyText(r.account[plan.accountKey.name])}` : null;
    const result = await importDeals(ctx, tx, records, plan.deals, done, recordOf, dry, since, accountOf);
    for (const [row, errors] of result.refused)
      reject(
        batch.find((r) => r.row === row)!,
        errors,
      );
    for (const [row, deal] of result.linked) {
      const o = outcomes.get(row)!;
      if (o.outcome === 'rejected') continue;
      o.dealId = dry ? null : deal.id;
      addNote(row, deal.created ? `deal created: ${deal.name}` : `added to deal: ${deal.name}`);
    }
    changes.push(...result.changes);
    dealsCreated = result.created;
  }

  const alike = duplicates
    ? await possibleDuplicates(duplicates, ctx, tx, plan.object, createdIds, !dry)
    : new Map<string, { id: string; title: string }>();
  for (const r of done) {
    const other = alike.get(recordOf.get(r.row)!);
    if (!other || outcomes.get(r.row)!.outcome === 'rejected') continue;
    outcomes.get(r.row)!.duplicateOf = other.id;
    addNote(r.row, `possible duplicate of ${other.title || 'a record'} (${other.id})`);
  }

  const withPhotos = done.filter((r) => r.photo && outcomes.get(r.row)!.outcome !== 'rejected');
  await photos?.keep(
    ctx,
    tx,
    withPhotos.map((r) => ({
      row: r.row,
      recordId: recordOf.get(r.row)!,
      name: [r.values.firstName, r.values.lastName].filter(Boolean).join(' '),
      ...r.photo!,
    })),
  );
  for (const r of withPhotos)
    addNote(
      r.row,
      `photo ${photos?.keeps ? 'kept' : 'would be kept'} (${r.photo!.contentType}, ${Math.ceil(r.photo!.bytes.length / 1024)} KB)`,
    );
  return { outcomes: batch.map((r) => outcomes.get(r.row)!), changes, dealsCreated, written };
}

/**
 * The deals of a batch's rows: found by name within the row's account, or created once for all the
 * rows that give it (with the first row's values); each row's contact gets its role in the deal. A
 * deal the engine refuses rejects every row that gives it.
 */
async function importDeals(
  ctx: RequestContext,
  tx: Executor,
  records: Records,
  deals: ImportPlan['object'],
  done: RowValues[],
  recordOf: Map<number, string>,
  dry: DryRunMemory | null,
  since: string,
  accountOf: (r: RowValues) => string | null,
) {
  const refused = new Map<number, Omit<ImportRowError, 'row'>[]>();
  const linked = new Map<number, { id: string; name: string; created: boolean }>();
  const changes: ChangedRecord[] = [];
  const byKey = new Map<string, { r: RowValues; contactId: string }[]>();
  for (const r of done) {
    if (!r.deal) continue;
    const key = dealKey(r.deal.name, r.values.accountId);
    byKey.set(key, [...(byKey.get(key) ?? []), { r, contactId: recordOf.get(r.row)! }]);
  }
  const found = await findDeals(ctx, tx, deals, [...byKey.keys()]);
  const creates: (Attempt & { key: string })[] = [];
  const updates: (Attempt & { key: string })[] = [];
  for (const [dealAt, rowsOfKey] of byKey) {
    const deal = found.get(dealAt);
    const rows = rowsOfKey.map((x) => x.r);
    const key = dealKey(rows[0].deal!.name, accountOf(rows[0]) ?? rows[0].values.accountId);
    if (deal) {
      const contacts = withContacts(deal.contacts, rowsOfKey);
      if (contacts.length > deal.contacts.length)
        updates.push({ key, rows, id: deal.id, body: { contacts } });
      else
        rows.forEach((r) => linked.set(r.row, { id: deal.id, name: String(r.deal!.name), created: false }));
    } else if (dry?.dealKeys.has(key))
      rows.forEach((r) => linked.set(r.row, { id: '', name: String(r.deal!.name), created: false }));
    else creates.push({ key, rows, body: newDeal(rowsOfKey) });
  }
  const refuse = (a: Attempt, errors: FieldError[]) =>
    a.rows.forEach((r) =>
      refused.set(
        r.row,
        errors.map((e) => ({ field: e.path ? `deal.${e.path}` : 'deal', message: e.message })),
      ),
    );
  const created = await writeAll(
    creates,
    (items) =>
      records.create(
        'deals',
        items.map((a, i) => ({ body: a.body, path: `create.${i}` })),
        'import',
      ),
    refuse,
  );
  for (const { attempt, saved } of created) {
    const [first, ...others] = attempt.rows;
    linked.set(first.row, { id: saved.id, name: String(saved.record.name), created: true });
    others.forEach((r) =>
      linked.set(r.row, { id: saved.id, name: String(saved.record.name), created: false }),
    );
    changes.push({ object: 'deals', recordId: saved.id, created: true, previous: {} });
    dry?.dealKeys.add((attempt as Attempt & { key: string }).key);
  }
  const updated = await writeAll(
    updates,
    (items) =>
      records.update(
        'deals',
        items.map((a, i) => ({ id: a.id!, body: a.body, path: `update.${i}` })),
        'import',
      ),
    refuse,
  );
  const previous = await overwritten(
    ctx,
    tx,
    'deals',
    updated.map((u) => u.saved.id),
    since,
  );
  for (const { attempt, saved } of updated) {
    attempt.rows.forEach((r) =>
      linked.set(r.row, { id: saved.id, name: String(saved.record.name), created: false }),
    );
    changes.push({
      object: 'deals',
      recordId: saved.id,
      created: false,
      previous: previous.get(saved.id) ?? {},
    });
  }
  return { refused, linked, changes, created: created.length };
}

class Retry extends Error {
  constructor(readonly refused: RowOutcome[]) {
    super('rows refused after their account or contact was written');
  }
}

/**
 * A batch where a refused row leaves nothing behind: when a row is refused after its account (or, for
 * a refused deal, its contact) was written for it, the batch is rolled back to its savepoint, with the
 * photos it stored, and done again without that row.
 */
export async function importRows(
  ctx: RequestContext,
  tx: Executor,
  objects: ObjectMap,
  plan: ImportPlan,
  batch: RowValues[],
  dry: DryRunMemory | null,
  afterCommit: (task: () => Promise<void>) => void,
  services: BatchServices,
): Promise<BatchResult> {
  const refused = new Map<number, RowOutcome>();
  let left = batch;
  for (;;) {
    const tasks: (() => Promise<void>)[] = [];
    const memory = dry && copyOf(dry);
    try {
      const result = await tx.transaction(async (savepoint) => {
        const service = records(ctx, savepoint, objects, (task) => tasks.push(task));
        const done = await importBatch(ctx, savepoint, service, plan, left, memory, services);
        const orphans = done.outcomes.filter((o) => o.outcome === 'rejected' && done.written.has(o.row));
        if (orphans.length) throw new Retry(orphans);
        return done;
      });
      if (dry && memory) {
        memory.matchKeys.forEach((k) => dry.matchKeys.add(k));
        memory.dealKeys.forEach((k) => dry.dealKeys.add(k));
      }
      tasks.forEach(afterCommit);
      const byRow = new Map(result.outcomes.map((o) => [o.row, o]));
      return {
        outcomes: batch.map((r) => refused.get(r.row) ?? byRow.get(r.row)!),
        changes: result.changes,
        dealsCreated: result.dealsCreated,
      };
    } catch (error) {
      await services.photos?.discard();
      if (!(error instanceof Retry)) throw error;
      for (const o of error.refused) refused.set(o.row, o);
      left = left.filter((r) => !refused.has(r.row));
    }
  }
}

/** The values an update of this batch overwrote, from the history entries it wrote (newer than `since`). */
async function overwritten(ctx: RequestContext, tx: Executor, object: string, ids: string[], since: string) {
  if (ids.length === 0) return new Map<string, Values>();
  const found = await rows<{ record_id: string; changes: { field: string; from: unknown }[] }>(
    tx,
    sql`SELECT record_id, changes FROM record_history
      WHERE workspace_id = ${ctx.workspace.id} AND object = ${object} AND id >= ${since}::uuid
        AND record_id = ANY(${`{${ids.map(arrayItem).join(',')}}`}::uuid[])
      ORDER BY id`,
  );
  const out = new Map<string, Values>();
  for (const entry of found) {
    const values = out.get(entry.record_id) ?? {};
    // The first change of a field in the batch holds the value from before the import.
    for (const c of entry.changes) if (!(c.field in values)) values[c.field] = c.from;
    out.set(entry.record_id, values);
  }
  return out;
}
