import { eq } from 'drizzle-orm';
import { NotFound } from '../../common/errors';
import type { VisibilityScope } from '../../common/metadata';
import type { Database } from '../db/database';
import type { WorkspaceInfo } from './context';
import { defineObject, type ObjectDeclaration } from './declaration';
import { addComputedFields, type ComputedFieldRow } from './formula/fields';
import { hideWhatRevealsHiddenFields, type FieldSetting, type Reader } from './fieldAccess';
import type { ObjectHooks, Subscription } from './lifecycle';
import { resolveObject, type CustomFieldRow, type ResolvedObject } from './resolved';
import { customObjects, customRecords, fieldDefinitions, fieldSettings, objectSettings } from './tables';
import { sql } from 'drizzle-orm';

type ObjectMap = Map<string, ResolvedObject>;

function customObjectDeclaration(row: {
  name: string;
  label: string;
  labelPlural: string;
}): ObjectDeclaration {
  return defineObject({
    name: row.name,
    label: row.label,
    labelPlural: row.labelPlural,
    table: customRecords,
    titleField: 'name',
    hasOwner: true,
    defaultVisibility: 'workspace',
    defaultSort: 'name',
    custom: true,
    fields: {
      name: { type: 'text', label: 'Name', required: true, searchable: true, sortable: true, max: 500 },
    },
    scope: { condition: (t) => sql`${t}.object_name = ${row.name}`, columns: { object_name: row.name } },
  });
}

interface WorkspaceRows {
  definitions: (CustomFieldRow | ComputedFieldRow)[];
  customs: { name: string; label: string; labelPlural: string }[];
  visibility: Map<string, VisibilityScope>;
  settings: Map<string, Map<string, FieldSetting>>;
}

/**
 * The objects of each workspace as each role sees them: the standard declarations plus that
 * workspace's custom fields, custom objects, visibility and field settings, cached until its metadata
 * version changes. `reader` null is the system, which sees every field.
 */
export class Registry {
  private cache = new Map<
    string,
    { version: number; rows: WorkspaceRows; byReader: Map<Reader, ObjectMap> }
  >();

  constructor(
    readonly standard: ObjectDeclaration[],
    private readonly subscriptions: Subscription[] = [],
    /** Formulas and rollups that every workspace has, declared by modules (an account's lifetime revenue). */
    private readonly standardComputed: ComputedFieldRow[] = [],
  ) {}

  standardObjects(): ResolvedObject[] {
    const peers = new Map<string, ResolvedObject>();
    for (const d of this.standard)
      peers.set(d.name, resolveObject(d, [], undefined, { subscriptions: this.subscribed(d.name), peers }));
    return [...peers.values()];
  }

  private subscribed(object: string): ObjectHooks[] {
    return this.subscriptions.filter((s) => s.object === object || s.object === '*').map((s) => s.hooks);
  }

  isStandard(name: string): boolean {
    return this.standard.some((d) => d.name === name);
  }

  async objects(db: Database, workspace: WorkspaceInfo, reader: Reader): Promise<ObjectMap> {
    let cached = this.cache.get(workspace.id);
    if (!cached || cached.version !== workspace.metadataVersion) {
      cached = {
        version: workspace.metadataVersion,
        rows: await this.rows(db, workspace.id),
        byReader: new Map(),
      };
      this.cache.set(workspace.id, cached);
    }
    let objects = cached.byReader.get(reader);
    if (!objects) {
      const full = reader === null ? undefined : await this.objects(db, workspace, null);
      objects = this.build(workspace, cached.rows, reader, full);
      cached.byReader.set(reader, objects);
    }
    return objects;
  }

  async object(
    db: Database,
    workspace: WorkspaceInfo,
    name: string,
    reader: Reader,
  ): Promise<ResolvedObject> {
    const object = (await this.objects(db, workspace, reader)).get(name);
    if (!object) throw new NotFound(`There is no object called "${name}"`);
    return object;
  }

  /** The objects as they would be with one more field definition: how a formula or rollup is checked before it is saved. */
  async withField(db: Database, workspace: WorkspaceInfo, row: CustomFieldRow | ComputedFieldRow) {
    const rows = await this.rows(db, workspace.id);
    return this.build(workspace, { ...rows, definitions: [...rows.definitions, row] }, null);
  }

  private async rows(db: Database, workspaceId: string): Promise<WorkspaceRows> {
    const [definitions, customs, visibility, settings] = await db.read(async (x) => [
      (await x
        .select()
        .from(fieldDefinitions)
        .where(eq(fieldDefinitions.workspaceId, workspaceId))
        .orderBy(fieldDefinitions.createdAt)) as (CustomFieldRow | ComputedFieldRow)[],
      await x.select().from(customObjects).where(eq(customObjects.workspaceId, workspaceId)),
      await x.select().from(objectSettings).where(eq(objectSettings.workspaceId, workspaceId)),
      await x.select().from(fieldSettings).where(eq(fieldSettings.workspaceId, workspaceId)),
    ]);
    const byObject = new Map<string, Map<string, FieldSetting>>();
    for (const s of settings) {
      if (!byObject.has(s.object)) byObject.set(s.object, new Map());
      byObject.get(s.object)!.set(s.field, { access: s.access, options: s.options, timeline: s.timeline });
    }
    return {
      definitions,
      customs,
      visibility: new Map(visibility.map((s) => [s.object, s.visibility])),
      settings: byObject,
    };
  }

  private build(workspace: WorkspaceInfo, rows: WorkspaceRows, reader: Reader, full?: ObjectMap): ObjectMap {
    const declarations = new Map(
      [...this.standard, ...rows.customs.map(customObjectDeclaration)].map((d) => [d.name, d]),
    );
    const map: ObjectMap = new Map();
    const isComputed = (f: CustomFieldRow | ComputedFieldRow): f is ComputedFieldRow =>
      f.type === 'formula' || f.type === 'rollup';
    const env = { defaultCountry: workspace.defaultCountry };
    // The related object of a rollup comes with its formulas but not its own rollups: rollups do not nest.
    // It is the system's view: a rollup computes the same for every reader.
    const resolve = (name: string, alias: string, withRollups: boolean, as: Reader) => {
      const d = declarations.get(name);
      if (!d) return undefined;
      const own = rows.definitions.filter((f) => f.object === name);
      const computed = [...this.standardComputed.filter((f) => f.object === name), ...own.filter(isComputed)];
      return resolveObject(
        d,
        own.filter((f): f is CustomFieldRow => !isComputed(f)),
        rows.visibility.get(name),
        {
          subscriptions: this.subscribed(name),
          peers: map,
          settings: rows.settings.get(name) ?? new Map(),
          reader: as,
          full: full?.get(name),
          computed: computed.length
            ? (object) =>
                addComputedFields(object, computed, {
                  env,
                  related: withRollups ? (other, at) => resolve(other, at, false, null) : undefined,
                })
            : undefined,
        },
        alias,
      );
    };
    for (const name of declarations.keys()) map.set(name, resolve(name, 't', true, reader)!);
    if (reader !== null) hideWhatRevealsHiddenFields(map);
    return map;
  }
}
