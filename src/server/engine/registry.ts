import { and, eq } from 'drizzle-orm';
import { NotFound } from '../../common/errors';
import type { VisibilityScope } from '../../common/metadata';
import type { Database } from '../db/database';
import type { WorkspaceInfo } from './context';
import { defineObject, type ObjectDeclaration } from './declaration';
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
    const objects = await this.load(db, workspace.id);
    this.cache.set(workspace.id, { version: workspace.metadataVersion, objects });
    return objects;
  }

  async object(db: Database, workspace: WorkspaceInfo, name: string): Promise<ResolvedObject> {
    const object = (await this.objects(db, workspace)).get(name);
    if (!object) throw new NotFound(`There is no object called "${name}"`);
    return object;
  }

  private async load(db: Database, workspaceId: string): Promise<ObjectMap> {
    const [fields, customs, settings] = await db.read(async (x) => [
      (await x
        .select()
        .from(fieldDefinitions)
        .where(eq(fieldDefinitions.workspaceId, workspaceId))
        .orderBy(fieldDefinitions.createdAt)) as CustomFieldRow[],
      await x
        .select()
        .from(customObjects)
        .where(and(eq(customObjects.workspaceId, workspaceId))),
      await x.select().from(objectSettings).where(eq(objectSettings.workspaceId, workspaceId)),
    ]);
    const visibility = new Map<string, VisibilityScope>(settings.map((s) => [s.object, s.visibility]));
    const declarations = [...this.standard, ...customs.map(customObjectDeclaration)];
    const map: ObjectMap = new Map();
    for (const d of declarations) {
      const own = fields.filter((f) => f.object === d.name);
      map.set(
        d.name,
        resolveObject(d, own, visibility.get(d.name), { subscriptions: this.subscribed(d.name), peers: map }),
      );
    }
    return map;
  }
}
