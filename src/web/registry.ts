import type { FieldMeta, ObjectMeta } from '../common/metadata';
import type { SessionView } from '../modules/auth/contract';
import type {
  FieldNote,
  FieldRenderer,
  FormWatcher,
  HomeSection,
  ListLayout,
  NavigationEntry,
  ObjectLook,
  PaletteCommand,
  RecordAction,
  RecordCreateCheck,
  RecordFormAssist,
  RecordPanel,
  RecordTab,
  ShellWidget,
  TimelineAction,
  WebModule,
} from './modules';
import { everyCustomObject } from './modules';

/** The web modules' contributions, as generic components look them up. */
export interface WebRegistry {
  objectLook: (object: string) => ObjectLook | undefined;
  /** objects in navigation order: contributed orders first, then the rest as given */
  objectsInOrder: (objects: ObjectMeta[]) => ObjectMeta[];
  navigation: (session: SessionView | null) => NavigationEntry[];
  recordTabs: (object: string) => RecordTab[];
  recordPanels: (object: string) => RecordPanel[];
  recordActions: (object: string) => RecordAction[];
  fieldNotes: (object: string) => FieldNote[];
  recordFormAssist: (object: string) => RecordFormAssist['component'] | undefined;
  formWatchers: () => FormWatcher[];
  /** The checks a new record of this object goes through before it is saved. */
  recordCreateChecks: (meta: ObjectMeta) => RecordCreateCheck[];
  listLayouts: (object: string) => ListLayout[];
  /** a field's own renderer wins over its type's, part by part */
  fieldRenderer: (object: string, field: FieldMeta) => FieldRenderer;
  paletteCommands: () => PaletteCommand[];
  homeSections: (session: SessionView | null) => HomeSection[];
  /** the buttons beside an activity of this type on a timeline */
  timelineActions: (activityType: string) => TimelineAction[];
  /** what modules show in the header of every signed-in page */
  shellWidgets: () => ShellWidget[];
}

/** Stable: items without an order keep the order they came in, after the others (Infinity - Infinity is NaN, hence `|| 0`). */
function byOrder<T extends { order?: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || 0);
}

/** The entries a session may see: those without a `visible` test, and those whose test it passes. */
function shownTo<T extends { visible?: (session: SessionView) => boolean }>(
  items: T[],
  session: SessionView | null,
): T[] {
  return items.filter((e) => !e.visible || (session !== null && e.visible(session)));
}

/** Two modules claiming the same slot is a wiring mistake: it fails at start, not as a silent override. */
function claim(claimed: Map<string, string>, slot: string, module: string): void {
  const holder = claimed.get(slot);
  if (holder) throw new Error(`Web modules ${holder} and ${module} both contribute ${slot}`);
  claimed.set(slot, module);
}

function perObject<T extends { object: string }>(items: T[]): (object: string) => T[] {
  const found = new Map<string, T[]>();
  for (const item of items) found.set(item.object, [...(found.get(item.object) ?? []), item]);
  return (object) => found.get(object) ?? [];
}

export function composeWebModules(modules: WebModule[]): WebRegistry {
  const claimed = new Map<string, string>();
  const looks = new Map<string, ObjectLook>();
  const typeRenderers = new Map<string, FieldRenderer>();
  const fieldRenderers = new Map<string, FieldRenderer>();
  for (const module of modules) {
    claim(claimed, `module ${module.name}`, module.name);
    for (const [object, look] of Object.entries(module.objects ?? {})) {
      claim(claimed, `the look of ${object}`, module.name);
      looks.set(object, look);
    }
    for (const entry of module.navigation ?? []) claim(claimed, `navigation to ${entry.to}`, module.name);
    const parts = [
      ...(module.recordTabs ?? []).map((p) => ['tab', p] as const),
      ...(module.recordPanels ?? []).map((p) => ['panel', p] as const),
      ...(module.recordActions ?? []).map((p) => ['action', p] as const),
    ];
    for (const [kind, part] of parts)
      claim(claimed, `record ${kind} ${part.object}.${part.key}`, module.name);
    for (const assist of module.recordFormAssists ?? [])
      claim(claimed, `the form assist of ${assist.object}`, module.name);
    for (const layout of module.listLayouts ?? [])
      for (const object of layout.objects ?? ['*'])
        claim(claimed, `list layout ${layout.name} of ${object}`, module.name);
    for (const [type, renderer] of Object.entries(module.fieldTypes ?? {})) {
      claim(claimed, `the ${type} field renderer`, module.name);
      typeRenderers.set(type, renderer);
    }
    for (const { object, field, ...renderer } of module.fields ?? []) {
      claim(claimed, `the renderer of ${object}.${field}`, module.name);
      fieldRenderers.set(`${object}.${field}`, renderer);
    }
    for (const widget of module.shellWidgets ?? [])
      claim(claimed, `the shell widget ${widget.key}`, module.name);
  }
  const widgets = modules.flatMap((m) => m.shellWidgets ?? []);

  const tabs = perObject(byOrder(modules.flatMap((m) => m.recordTabs ?? [])));
  const panels = perObject(byOrder(modules.flatMap((m) => m.recordPanels ?? [])));
  const actions = perObject(byOrder(modules.flatMap((m) => m.recordActions ?? [])));
  const notes = perObject(modules.flatMap((m) => m.fieldNotes ?? []));
  const assists = new Map(modules.flatMap((m) => m.recordFormAssists ?? []).map((a) => [a.object, a]));
  const createChecks = perObject(modules.flatMap((m) => m.recordCreateChecks ?? []));
  const layouts = modules.flatMap((m) => m.listLayouts ?? []);
  const navigation = byOrder(modules.flatMap((m) => m.navigation ?? []));
  const commands = modules.flatMap((m) => m.paletteCommands ?? []);
  const homeSections = byOrder(modules.flatMap((m) => m.homeSections ?? []));
  const formWatchers = modules.flatMap((m) => m.formWatchers ?? []);
  const timelineActions = modules.flatMap((m) => m.timelineActions ?? []);

  return {
    objectLook: (object) => looks.get(object),
    objectsInOrder: (objects) =>
      byOrder(objects.map((meta) => ({ meta, order: looks.get(meta.name)?.order }))).map((o) => o.meta),
    navigation: (session) => shownTo(navigation, session),
    recordTabs: tabs,
    recordPanels: panels,
    recordActions: actions,
    fieldNotes: notes,
    recordFormAssist: (object) => assists.get(object)?.component,
    formWatchers: () => formWatchers,
    recordCreateChecks: (meta) => [
      ...createChecks(meta.name),
      ...(meta.custom ? createChecks(everyCustomObject) : []),
    ],
    listLayouts: (object) => {
      // A layout made for this object replaces a generic one of the same name.
      const own = layouts.filter((l) => l.objects?.includes(object));
      const generic = layouts.filter((l) => !l.objects && !own.some((o) => o.name === l.name));
      return [...own, ...generic];
    },
    shellWidgets: () => widgets,
    fieldRenderer: (object, field) => ({
      ...typeRenderers.get(field.type),
      ...fieldRenderers.get(`${object}.${field.name}`),
    }),
    paletteCommands: () => commands,
    homeSections: (session) => shownTo(homeSections, session),
    timelineActions: (activityType) => timelineActions.filter((a) => a.activityTypes.includes(activityType)),
  };
}

let installed: WebRegistry = composeWebModules([]);

/** Called once by the composition root, before the router is built and the app renders. */
export function installWebModules(modules: WebModule[]): void {
  installed = composeWebModules(modules);
}

export function webRegistry(): WebRegistry {
  return installed;
}
