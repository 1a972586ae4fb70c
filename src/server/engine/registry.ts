import { and, eq } from 'drizzle-orm';
import { NotFound } from '../../common/errors';
import type { VisibilityScope } from '../../common/metadata';
import type { Database } from '../db/database';
import type { WorkspaceInfo } from './context';
import { defineObject, type ObjectDeclaration } from './declaration';
import { addComputedFields, type ComputedFieldRow } from './formula/fields';
import type { ObjectHooks, Subscription } from './lifecycle';
import { resolveObject, type CustomFieldRow, type ResolvedObject } from './resolved';
import { customObjects, customRecords, fieldDefinitions, objectSettings } from './tables';
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

/**
 * The objects of each workspace: the standard declarations plus that workspace's custom fields,
 * custom objects and visibility settings, cached until its metadata version changes.
 */
export class Registry {
  private cache = new Map<string, { version: number; objects: ObjectMap }>();

  constructor(
    readonly standard: ObjectDeclaration[],
    private readonly subscriptions: Subscription[] = [],
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

  async objects(db: Database, workspace: WorkspaceInfo): Promise<ObjectMap> {
    const cached = this.cache.get(workspace.id);
    if (cached && cached.version === workspace.metadataVersion) return cached.objects;
    const objects = await this.load(db, workspace);
    this.cache.set(workspace.id, { version: workspace.metadataVersion, objects });
    return objects;
  }

  async object(db: Database, workspace: WorkspaceInfo, name: string): Promise<ResolvedObject> {
    const object = (await this.objects(db, workspace)).get(name);
    if (!object) throw new NotFound(`There is no object called "${name}"`);
    return object;
  }

  /** The objects as they would be with one more field definition: how a formula or rollup is checked before it is saved. */
  async withField(db: Database, workspace: WorkspaceInfo, row: CustomFieldRow | ComputedFieldRow) {
    return this.load(db, workspace, row);
  }

  private async load(
    db: Database,
    workspace: WorkspaceInfo,
    extra?: CustomFieldRow | ComputedFieldRow,
  ): Promise<ObjectMap> {
    const workspaceId = workspace.id;
    const [stored, customs, settings] = await db.read(async (x) => [
      (await x
        .select()
        .from(fieldDefinitions)
        .where(eq(fieldDefinitions.workspaceId, workspaceId))
        .orderBy(fieldDefinitions.createdAt)) as (CustomFieldRow | ComputedFieldRow)[],
      await x
        .select()
        .from(customObjects)
        .where(and(eq(customObjects.workspaceId, workspaceId))),
      await x.select().from(objectSettings).where(eq(objectSettings.workspaceId, workspaceId)),
    ]);
    const visibility = new Map<string, VisibilityScope>(settings.map((s) => [s.object, s.visibility]));
    const declarations = new Map(
      [...this.standard, ...customs.map(customObjectDeclaration)].map((d) => [d.name, d]),
    );
    const definitions = extra ? [...stored, extra] : stored;
    const map: ObjectMap = new Map();
    const isComputed = (f: CustomFieldRow | ComputedFieldRow): f is ComputedFieldRow =>
      f.type === 'formula' || f.type === 'rollup';
    const env = { defaultCountry: workspace.defaultCountry };
    // The related object of a rollup comes with its formulas but not its own rollups: rollups do not nest.
    const resolve = (name: string, alias: string, withRollups: boolean) => {
      const d = declarations.get(name);
      if (!d) return undefined;
      const own = definitions.filter((f) => f.object === name);
      const computed = own.filter(isComputed);
      return resolveObject(
        d,
        own.filter((f): f is CustomFieldRow => !isComputed(f)),
        visibility.get(name),
        {
          subscriptions: this.subscribed(name),
          peers: map,
          computed: computed.length
            ? (object) =>
                addComputedFields(object, computed, {
                  env,
                  related: withRollups ? (other, at) => resolve(other, at, false) : undefined,
                })
            : undefined,
        },
        alias,
      );
    };
    for (const name of declarations.keys()) map.set(name, resolve(name, 't', true)!);
    return map;
  }
}
