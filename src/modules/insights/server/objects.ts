import { sql } from 'drizzle-orm';
import { index } from 'drizzle-orm/pg-core';
import { defineObject, live } from '../../../server/engine';
import { chartKinds, dashboardFilters, dashboardTiles, reportDefinition, reportSchedules } from '../contract';
import { catalogue } from './measures/catalogue';
import { dashboardHooks, objectiveHooks, reportHooks } from './objectRules';

/** What the CRM is for, set at the outset: a measure of the catalogue, from a baseline to a target by a date. */
export const objectiveObject = defineObject({
  name: 'objectives',
  label: 'Objective',
  labelPlural: 'Objectives',
  titleField: 'name',
  hasOwner: false,
  defaultVisibility: 'workspace',
  defaultSort: 'dueDate',
  fields: {
    name: {
      type: 'text',
      label: 'Name',
      required: true,
      notNull: true,
      searchable: true,
      max: 200,
      example: 'Lift the win rate to 25% by Q4',
    },
    measure: {
      type: 'select',
      label: 'Measure',
      required: true,
      notNull: true,
      options: catalogue.map((m) => ({ value: m.id, label: m.label })),
      help: 'What is measured, from the built-in catalogue.',
    },
    baseline: {
      type: 'number',
      label: 'Baseline',
      required: true,
      notNull: true,
      help: "Where the measure stood at the start, in the measure's unit: a rate as a fraction (0.18 for 18%), days as days.",
      example: '0.18',
    },
    target: {
      type: 'number',
      label: 'Target',
      required: true,
      notNull: true,
      help: "Where it should be by the due date, in the measure's unit.",
      example: '0.25',
    },
    startDate: {
      type: 'date',
      label: 'Start date',
      help: "The workspace's go-live date when not given.",
    },
    dueDate: { type: 'date', label: 'Due date', required: true, notNull: true, example: '2026-12-31' },
  },
  indexes: (t) => [index('objectives_measure_idx').on(t.workspaceId, t.measure).where(live)],
  hooks: objectiveHooks,
});

/** A saved report: a query over one object and its relations, and the chart that draws it. */
export const reportObject = defineObject({
  name: 'reports',
  label: 'Report',
  labelPlural: 'Reports',
  titleField: 'name',
  hasOwner: true,
  defaultVisibility: 'workspace',
  defaultSort: 'name',
  fields: {
    name: { type: 'text', label: 'Name', required: true, notNull: true, searchable: true, max: 200 },
    chart: {
      type: 'select',
      label: 'Chart',
      options: chartKinds.map((value) => ({ value, label: value === 'number' ? 'Single number' : value })),
    },
    definition: {
      type: 'json',
      label: 'Definition',
      required: true,
      notNull: true,
      schema: reportDefinition,
      placement: 'detail',
      timeline: false,
    },
    emailSchedule: {
      type: 'select',
      label: 'Email it',
      options: reportSchedules.map((value) => ({
        value,
        label: value === 'weekly' ? 'Every Monday' : 'On the 1st of each month',
      })),
      group: 'Email',
      placement: 'detail',
      help: "Sends the report's table at 07:00 UTC to the addresses below, as its owner sees it; the first one within the hour.",
    },
    emailTo: { type: 'emails', label: 'Email to', group: 'Email', placement: 'detail' },
    emailFormat: {
      type: 'select',
      label: 'Attached as',
      options: [
        { value: 'csv', label: 'CSV' },
        { value: 'xlsx', label: 'Excel' },
        { value: 'pdf', label: 'PDF (chart and table)' },
      ],
      group: 'Email',
      placement: 'detail',
    },
    lastEmailedAt: {
      type: 'datetime',
      label: 'Last emailed',
      readOnly: true,
      group: 'Email',
      placement: 'detail',
    },
  },
  // The hourly job looks for scheduled reports across workspaces.
  indexes: (t) => [
    index('reports_email_schedule_idx')
      .on(t.emailSchedule)
      .where(sql`email_schedule IS NOT NULL AND deleted_at IS NULL`),
  ],
  hooks: reportHooks,
});

/** A grid of reports and scorecard tiles, with its filters; one may be the default of a role. */
export const dashboardObject = defineObject({
  name: 'dashboards',
  label: 'Dashboard',
  labelPlural: 'Dashboards',
  titleField: 'name',
  hasOwner: true,
  defaultVisibility: 'workspace',
  defaultSort: 'name',
  fields: {
    name: { type: 'text', label: 'Name', required: true, notNull: true, searchable: true, max: 200 },
    defaultForRole: {
      type: 'select',
      label: 'Default for role',
      options: [
        { value: 'rep', label: 'Rep' },
        { value: 'manager', label: 'Manager' },
        { value: 'admin', label: 'Admin' },
        { value: 'viewer', label: 'Viewer' },
      ],
      help: 'People of this role see this dashboard first.',
    },
    tiles: { type: 'json', label: 'Tiles', schema: dashboardTiles, placement: 'detail', timeline: false },
    filters: {
      type: 'json',
      label: 'Filters',
      schema: dashboardFilters,
      placement: 'detail',
      timeline: false,
    },
  },
  hooks: dashboardHooks,
});

export const objectives = objectiveObject.table;
export const reports = reportObject.table;
export const dashboards = dashboardObject.table;
