import { sql } from 'drizzle-orm';
import { index } from 'drizzle-orm/pg-core';
import { defineObject, live } from '../../../server/engine';
import {
  activityTypeLabels,
  activityTypes,
  bodyFormats,
  directions,
  outcomeLabels,
  outcomes,
  participants,
  priorities,
} from '../contract';
import { activityHooks } from './activityRules';

const options = <T extends string>(values: readonly T[], labels?: Record<T, string>) =>
  values.map((value) => ({ value, label: labels?.[value] ?? value[0].toUpperCase() + value.slice(1) }));

/** One interaction, note or task: a call, a meeting, an email, ..., linked to the records it is about. */
export const activityObject = defineObject({
  name: 'activities',
  label: 'Activity',
  labelPlural: 'Activities',
  titleField: 'subject',
  subtitleField: 'type',
  hasOwner: true,
  // Corporate memory: whoever picks up the phone sees what the company already knows.
  defaultVisibility: 'workspace',
  defaultSort: '-createdAt',
  fields: {
    type: {
      type: 'select',
      label: 'Type',
      required: true,
      notNull: true,
      options: options(activityTypes, activityTypeLabels),
      group: 'Activity',
    },
    subject: {
      type: 'text',
      label: 'Subject',
      searchable: true,
      max: 500,
      group: 'Activity',
      example: 'Call about the renewal',
    },
    direction: { type: 'select', label: 'Direction', options: options(directions), group: 'Activity' },
    channel: {
      type: 'text',
      label: 'Channel',
      max: 60,
      group: 'Activity',
      placement: 'detail',
      help: 'Where it happened when the type alone does not say: phone, Zoom, WhatsApp, LinkedIn...',
      example: 'Zoom',
    },
    body: {
      type: 'longtext',
      label: 'Body',
      max: 200_000,
      group: 'Activity',
      placement: 'detail',
      timeline: false,
    },
    bodyFormat: {
      type: 'select',
      label: 'Body format',
      notNull: true,
      options: options(bodyFormats),
      group: 'Activity',
      placement: 'hidden',
      help: 'HTML is sanitised when saved: no scripts, event handlers or javascript: links.',
    },
    occurredAt: {
      type: 'datetime',
      label: 'Occurred at',
      group: 'When',
      help: "When it happened; a meeting's start.",
    },
    dueAt: { type: 'datetime', label: 'Due at', group: 'When', help: 'When a task is due.' },
    durationMinutes: { type: 'integer', label: 'Duration (minutes)', group: 'When', placement: 'detail' },
    outcome: {
      type: 'select',
      label: 'Outcome',
      options: options(outcomes, outcomeLabels),
      group: 'Activity',
    },
    reminderAt: {
      type: 'datetime',
      label: 'Remind at',
      group: 'When',
      placement: 'detail',
      help: 'You get a notification at this time; it must not be in the past.',
    },
    done: { type: 'boolean', label: 'Done', notNull: true, group: 'Task' },
    doneAt: { type: 'datetime', label: 'Done at', readOnly: true, group: 'Task', placement: 'detail' },
    priority: { type: 'select', label: 'Priority', options: options(priorities), group: 'Task' },
    assigneeId: {
      type: 'reference',
      label: 'Assignee',
      reference: 'users',
      group: 'Task',
      help: 'Who does it; the person who logged it unless you choose another.',
    },
    participants: {
      type: 'json',
      label: 'Participants',
      schema: participants,
      group: 'Activity',
      placement: 'detail',
      help: 'Users and contacts who took part.',
    },
    recurrence: {
      type: 'text',
      label: 'Repeats',
      max: 500,
      group: 'Task',
      placement: 'detail',
      help: 'An RRULE, such as FREQ=WEEKLY;BYDAY=MO;COUNT=10; it must end (COUNT or UNTIL). Completing the task creates the next one.',
      example: 'FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8',
    },
    links: {
      type: 'links',
      label: 'Related to',
      group: 'Activity',
      help: 'The accounts, contacts and deals this is about.',
    },
  },
  indexes: (t) => [
    // My day and the calendar feed: a user's open tasks by due time, and their meetings by start.
    index('activities_assignee_due_idx').on(t.workspaceId, t.assigneeId, t.dueAt).where(live),
    index('activities_assignee_occurred_idx').on(t.workspaceId, t.assigneeId, t.occurredAt).where(live),
    index('activities_type_occurred_idx').on(t.workspaceId, t.type, t.occurredAt, t.id).where(live),
    // The engine's `links eq` filter (`@>`), for "activities of record X" through the list API.
    index('activities_links_idx').using('gin', sql`${t.links} jsonb_path_ops`),
  ],
  hooks: activityHooks,
});
export const activities = activityObject.table;
