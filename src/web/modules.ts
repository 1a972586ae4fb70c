import type { Icon } from '@tabler/icons-react';
import type { AnyRoute } from '@tanstack/react-router';
import type { ComponentType, ReactNode } from 'react';
import type { FieldMeta, FieldType, ObjectMeta } from '../common/metadata';
import type { SessionView } from '../modules/auth/contract';
import type { ListLayoutName } from '../modules/views/contract';
import type { CrmRecord } from './api/records';
import type { FieldInputProps } from './components/fields/FieldInput';

/** What a record page hands every tab, panel and action a module adds to it. */
export interface RecordViewProps {
  record: CrmRecord;
  meta: ObjectMeta;
}

/** The parts of the navigation, top to bottom: the work, what it adds up to, the workspace's settings. */
export const navigationSections = ['records', 'insights', 'workspace'] as const;
export type NavigationSection = (typeof navigationSections)[number];

/** How an object shows in the navigation and beside search hits. */
export interface ObjectLook {
  icon: Icon;
  /** lower comes first in its section; objects without one follow in metadata order */
  order?: number;
  /** where its list is in the navigation (records when unset); `none` for objects reached from another (a deal's line items) */
  section?: NavigationSection | 'none';
}

/** A page of the module's own in the navigation (the admin screens). */
export interface NavigationEntry {
  to: string;
  label: string;
  icon: Icon;
  order: number;
  section: NavigationSection;
  /** left out when it returns false (an admin-only screen for everyone else) */
  visible?: (session: SessionView) => boolean;
}

/** A section at the top of the home page; lower `order` comes first. */
export interface HomeSection {
  key: string;
  component: ComponentType;
  order: number;
  /** left out when it returns false (a manager's section for everyone else) */
  visible?: (session: SessionView) => boolean;
}

/** Something a module adds to one object's record page; `order` places it among its kind. */
interface RecordPart {
  object: string;
  key: string;
  label: string;
  order?: number;
}

/** A tab between Overview and History. */
export interface RecordTab extends RecordPart {
  component: ComponentType<RecordViewProps>;
}

/** A card beside the record's fields on the Overview tab (an account's people). */
export interface RecordPanel extends RecordPart {
  component: ComponentType<RecordViewProps>;
}

/** A short note under a field's value on a record page (a value possibly stale, an address that bounced). */
export interface FieldNote {
  object: string;
  key: string;
  component: ComponentType<{ object: string; field: FieldMeta; record: CrmRecord }>;
}

/** A button in the record page's header. */
export interface RecordAction extends RecordPart {
  icon: Icon;
  run: (props: RecordViewProps) => void | Promise<void>;
}

/** A button beside an activity on a record's timeline (Reply beside an email), for the types it names. */
export interface TimelineAction {
  key: string;
  activityTypes: string[];
  component: ComponentType<TimelineActionProps>;
}

export interface TimelineActionProps {
  /** the record whose timeline shows the activity */
  record: { object: string; id: string };
  activity: { id: string; title: string };
}

/** A helper above an object's "new record" form (a contact's signature paste). */
export interface RecordFormAssist {
  object: string;
  component: ComponentType<{ meta: ObjectMeta; onFill: (values: Record<string, unknown>) => void }>;
}

/** Records a module warns about before a new one is saved (its likely duplicates). */
export interface CreateWarning {
  title: string;
  records: { object: string; id: string; title: string; detail: string }[];
}

export { everyCustomObject } from '../common/metadata';

/** A check run before an object's "new record" form saves; the person may still create anyway. */
export interface RecordCreateCheck {
  /** an object's name, or `everyCustomObject` */
  object: string;
  check: (meta: ObjectMeta, values: Record<string, unknown>) => Promise<CreateWarning | null>;
}

/** The loaded rows of the list page's current state: what the table and every other layout show. */
export interface ListRows {
  meta: ObjectMeta;
  columns: FieldMeta[];
  rows: CrmRecord[];
  total: number | undefined;
  loading: boolean;
  hasNextPage: boolean;
  fetchingNextPage: boolean;
  fetchNextPage: () => void;
  /** what to show when there is nothing to show (no records, or none that match) */
  empty: ReactNode;
}

/** What a list layout is given: the list's rows, and the grouping it may keep. */
export interface ListLayoutProps extends ListRows {
  /** the field the layout groups by (a board's columns), kept in the URL and saved with a view */
  groupBy: string | undefined;
  onGroupByChange: (field: string | undefined) => void;
}

/** Another way to show a list than the built-in table (a board, a calendar). */
export interface ListLayout {
  name: Exclude<ListLayoutName, 'table'>;
  label: string;
  icon: Icon;
  /** the objects it suits; every object when left out */
  objects?: string[];
  component: ComponentType<ListLayoutProps>;
}

/** Read-only display of a field value, as FieldValue is called. */
export interface FieldDisplayProps {
  field: FieldMeta;
  value: unknown;
  /** in a grid cell: one line, no wrapping, no links */
  compact?: boolean;
}

/** A module's own display and input for a field type or one field; either may be left to the built-in one. */
export interface FieldRenderer {
  display?: ComponentType<FieldDisplayProps>;
  input?: ComponentType<FieldInputProps>;
}

export interface FieldRendererForField extends FieldRenderer {
  object: string;
  field: string;
}

/** The record the user is looking at, if any: what palette commands act on. */
export interface RecordInView {
  object: string;
  id: string;
}

/** A command of the palette (Ctrl K), shown while nothing is typed or when its label matches. */
export interface PaletteCommand {
  key: string;
  /** the label for the record in view, or null when the command does not apply to it */
  label: (view: RecordInView | null) => string | null;
  run: (view: RecordInView | null) => void;
}

/** Something a module shows in the header of every signed-in page (the feedback button). */
export interface ShellWidget {
  key: string;
  component: ComponentType;
}

/** What happens in a record form: a field filled or cleared, the form saved or left unsaved. */
export interface FormEvent {
  object: string;
  field?: string;
  kind: 'filled' | 'cleared' | 'completed' | 'abandoned';
  /** from the form's opening, for `completed` and `abandoned` */
  durationMs?: number;
}

/** Told what happens in record forms (friction figures); may put a small action beside each field. */
export interface FormWatcher {
  key: string;
  onEvent: (event: FormEvent) => void;
  fieldAction?: ComponentType<{ object: string; field: FieldMeta }>;
}

/** Everything a domain module adds to the web app; each module's web/index.ts exports one. */
export interface WebModule {
  name: string;
  /** routes under the signed-in layout */
  routes?: AnyRoute[];
  /** routes outside it (sign-in) */
  publicRoutes?: AnyRoute[];
  navigation?: NavigationEntry[];
  objects?: Record<string, ObjectLook>;
  recordTabs?: RecordTab[];
  recordPanels?: RecordPanel[];
  recordActions?: RecordAction[];
  fieldNotes?: FieldNote[];
  recordFormAssists?: RecordFormAssist[];
  recordCreateChecks?: RecordCreateCheck[];
  listLayouts?: ListLayout[];
  fieldTypes?: Partial<Record<FieldType, FieldRenderer>>;
  fields?: FieldRendererForField[];
  paletteCommands?: PaletteCommand[];
  /** sections at the top of the home page (the user's day) */
  homeSections?: HomeSection[];
  /** buttons beside activities on timelines */
  timelineActions?: TimelineAction[];
  shellWidgets?: ShellWidget[];
  formWatchers?: FormWatcher[];
}
