import { sql } from 'drizzle-orm';
import { index } from 'drizzle-orm/pg-core';
import { defineObject, live } from '../../../server/engine';
import { accounts } from '../../accounts/server';
import { leadSources, optionLabel } from '../../contacts/contract';
import {
  dealChecklist,
  dealContactRoleLabels,
  dealContacts,
  forecastCategories,
  forecastCategoryLabels,
} from '../contract';
import { dealHooks } from './dealRules';
import { pipelineHooks, stagesSchema } from './pipelineRules';

/** A sales process: its ordered stages with probabilities, playbooks and exit criteria. */
export const pipelineObject = defineObject({
  name: 'pipelines',
  label: 'Pipeline',
  labelPlural: 'Pipelines',
  titleField: 'name',
  hasOwner: false,
  defaultVisibility: 'workspace',
  defaultSort: 'name',
  fields: {
    name: { type: 'text', label: 'Name', required: true, notNull: true, searchable: true, max: 120 },
    enforceCriteria: {
      type: 'boolean',
      label: 'Enforce exit criteria',
      notNull: true,
      help: 'Enforced: a deal cannot leave a stage before its criteria are met. Advisory: the move goes through and the gap is recorded.',
    },
    isDefault: {
      type: 'boolean',
      label: 'Default pipeline',
      notNull: true,
      help: 'Deals created without a pipeline go here; there is one default per workspace.',
    },
    stages: {
      type: 'json',
      label: 'Stages',
      required: true,
      notNull: true,
      schema: stagesSchema,
      placement: 'detail',
      timeline: false,
    },
    lostReasons: {
      type: 'tags',
      label: 'Lost reasons',
      placement: 'detail',
      help: 'When set, a lost deal must give one of these reasons; otherwise any text.',
      example: 'Price',
    },
    staleAfterDays: {
      type: 'integer',
      label: 'Stale after (days)',
      placement: 'detail',
      help: 'A deal with no change for this many days counts as stale.',
      example: '30',
    },
  },
  indexes: (t) => [index('pipelines_default_idx').on(t.workspaceId, t.isDefault).where(live)],
  hooks: pipelineHooks,
});
export const pipelines = pipelineObject.table;

/** An opportunity to sell: an amount, a close date and a place in a pipeline. */
export const dealObject = defineObject({
  name: 'deals',
  label: 'Deal',
  labelPlural: 'Deals',
  titleField: 'name',
  subtitleField: 'amount',
  hasOwner: true,
  defaultVisibility: 'team',
  defaultSort: 'closeDate',
  fields: {
    name: {
      type: 'text',
      label: 'Name',
      required: true,
      notNull: true,
      searchable: true,
      max: 300,
      group: 'Deal',
      example: 'Acme: 250 seats',
    },
    accountId: { type: 'reference', label: 'Account', reference: 'accounts', group: 'Deal' },
    contacts: {
      type: 'json',
      label: 'Contacts',
      schema: dealContacts,
      placement: 'detail',
      group: 'Deal',
      help: `The people in the deal and their part: ${Object.values(dealContactRoleLabels).join(', ').toLowerCase()}.`,
    },
    amount: {
      type: 'money',
      label: 'Amount',
      group: 'Deal',
      help: 'What the customer pays, before tax, in the currency below.',
      example: '12000.00',
    },
    currency: {
      type: 'text',
      label: 'Currency',
      max: 3,
      group: 'Deal',
      help: "ISO 4217 code; the workspace's base currency when not given.",
      example: 'EUR',
    },
    weightedAmount: {
      type: 'money',
      label: 'Weighted amount',
      readOnly: true,
      group: 'Deal',
      placement: 'detail',
      help: 'The amount times the probability.',
      derivedFrom: [
        { object: 'deals', field: 'amount' },
        { object: 'deals', field: 'probability' },
      ],
    },
    amountInBase: {
      type: 'money',
      label: 'Amount (base currency)',
      readOnly: true,
      inBaseCurrency: true,
      group: 'Deal',
      placement: 'detail',
      help: "The amount in the workspace's base currency, at the rate of the close date (the latest rate when there is none); empty while no rate is known.",
      derivedFrom: [{ object: 'deals', field: 'amount' }],
    },
    closeDate: { type: 'date', label: 'Close date', group: 'Deal', example: '2026-12-31' },
    pipelineId: {
      type: 'reference',
      label: 'Pipeline',
      reference: 'pipelines',
      group: 'Stage',
      help: "The workspace's default pipeline when not given.",
    },
    stageId: {
      type: 'reference',
      label: 'Stage',
      group: 'Stage',
      help: "A stage of the deal's pipeline; its first stage when not given.",
    },
    stageEnteredAt: {
      type: 'datetime',
      label: 'In stage since',
      readOnly: true,
      group: 'Stage',
      placement: 'detail',
      help: 'When the deal entered its current stage.',
    },
    probability: {
      type: 'integer',
      label: 'Probability (%)',
      group: 'Stage',
      help: "The stage's probability unless you set another, 0 to 100.",
    },
    forecastCategory: {
      type: 'select',
      label: 'Forecast category',
      options: forecastCategories.map((value) => ({ value, label: forecastCategoryLabels[value] })),
      group: 'Stage',
      help: 'Where the deal counts in the forecast; closed won once won, omitted once lost.',
    },
    checklist: {
      type: 'json',
      label: 'Checklist',
      schema: dealChecklist,
      placement: 'hidden',
      group: 'Stage',
      timeline: false,
    },
    nextStep: { type: 'text', label: 'Next step', max: 500, group: 'Deal', example: 'Demo to IT on Tuesday' },
    source: {
      type: 'select',
      label: 'Source',
      options: leadSources.map((value) => ({ value, label: optionLabel(value) })),
      group: 'Attribution',
      placement: 'detail',
    },
    campaign: {
      type: 'text',
      label: 'Campaign',
      max: 200,
      group: 'Attribution',
      placement: 'detail',
      example: 'Spring webinar 2026',
    },
    competitors: { type: 'tags', label: 'Competitors', group: 'Deal', placement: 'detail' },
    lostReason: {
      type: 'text',
      label: 'Lost reason',
      max: 500,
      group: 'Outcome',
      placement: 'detail',
      help: 'Required when the deal is lost.',
    },
    wonReason: {
      type: 'text',
      label: 'Won reason',
      max: 500,
      group: 'Outcome',
      placement: 'detail',
      help: 'Why the customer chose you.',
    },
    closedAt: {
      type: 'datetime',
      label: 'Closed at',
      readOnly: true,
      group: 'Outcome',
      placement: 'detail',
      help: 'When the deal reached its won or lost stage.',
    },
  },
  indexes: (t) => [
    // The board: a pipeline's deals by stage, with owner for visibility; its column totals read
    // close day, amounts and probability from the index alone.
    index('deals_board_idx')
      .on(
        t.workspaceId,
        t.pipelineId,
        t.stageId,
        t.ownerId,
        t.closeDate,
        t.amount,
        t.amountInBase,
        t.probability,
      )
      .where(live),
    index('deals_owner_close_idx').on(t.workspaceId, t.ownerId, t.closeDate).where(live),
    index('deals_close_idx').on(t.workspaceId, t.closeDate, t.id).where(live),
    index('deals_account_idx').on(t.workspaceId, t.accountId, t.id).where(live),
    index('deals_name_idx').on(t.workspaceId, t.name, t.id).where(live),
    // A merge of contacts finds the deals that give them a role.
    index('deals_contacts_idx')
      .using('gin', sql`${t.contacts} jsonb_path_ops`)
      .where(live),
    // The forecast sums a period's deals from this index alone (an index-only scan on PostgreSQL).
    index('deals_forecast_idx')
      .on(t.workspaceId, t.closeDate, t.ownerId, t.currency, t.forecastCategory, t.amount, t.weightedAmount)
      .where(live),
    // The statistical forecast and win rates read deals by when they closed, won ones with their amounts.
    index('deals_closed_at_idx')
      .on(t.workspaceId, t.closedAt, t.forecastCategory, t.currency, t.amount, t.ownerId)
      .where(live),
    // Prospect to payment reads the won deals, with what it needs of them, from this index alone.
    index('deals_won_idx')
      .on(t.workspaceId, t.closedAt, t.id, t.accountId, t.ownerId, t.createdAt)
      .where(sql`deleted_at IS NULL AND forecast_category = 'closedWon'`),
    // The statistical forecast reads today's open deals, by stage and since when, from this index alone.
    index('deals_open_idx')
      .on(t.workspaceId, t.pipelineId, t.stageId, t.stageEnteredAt, t.currency, t.amount, t.ownerId)
      .where(sql`deleted_at IS NULL AND closed_at IS NULL`),
  ],
  foreignKeys: {
    deals_account_fk: { field: 'accountId', table: () => accounts },
    deals_pipeline_fk: { field: 'pipelineId', table: () => pipelines },
  },
  hooks: dealHooks,
});
export const deals = dealObject.table;
