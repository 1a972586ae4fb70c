import { describe, expect, it } from 'vitest';
import type { SavedReport } from './api';
import { narrowed } from './reportTile';

const report = {
  id: 'r',
  name: 'Pipeline',
  definition: {
    object: 'deals',
    filter: { field: 'closedAt', op: 'isNull', value: true },
    groupBy: ['stageId'],
    measures: [{ fn: 'count' }],
    chart: 'bar',
  },
} as unknown as SavedReport;
const viewer = { userId: 'u-1', teamId: 't-1' };
const members = [
  { id: 'u-1', teamId: 't-1' },
  { id: 'u-2', teamId: 't-2' },
  { id: 'u-3', teamId: 't-1' },
  { id: 'u-4', teamId: null },
];
const open = { field: 'closedAt', op: 'isNull', value: true };

describe("a dashboard's filters on a report", () => {
  it("stand for whoever looks: me is their own records, mine their team's members'", () => {
    expect(narrowed(report, { ownerId: 'me', teamId: 'mine' }, viewer, members).filter).toEqual({
      and: [
        open,
        { field: 'ownerId', op: 'eq', value: 'u-1' },
        { field: 'ownerId', op: 'in', value: ['u-1', 'u-3'] },
      ],
    });
  });

  it('narrow to a named team, to nothing for a team of none, and not at all for a viewer without a team', () => {
    const t2 = '0196a7b2-0000-7000-8000-000000000002';
    const withT2 = [...members, { id: 'u-5', teamId: t2 }];
    expect(narrowed(report, { teamId: t2 }, viewer, withT2).filter).toEqual({
      and: [open, { field: 'ownerId', op: 'in', value: ['u-5'] }],
    });
    const empty = '0196a7b2-0000-7000-8000-000000000009';
    expect(narrowed(report, { teamId: empty }, viewer, members).filter).toEqual({
      and: [
        open,
        {
          and: [
            { field: 'ownerId', op: 'isNull', value: true },
            { field: 'ownerId', op: 'isNull', value: false },
          ],
        },
      ],
    });
    expect(narrowed(report, { teamId: 'mine' }, { userId: 'u-4', teamId: null }, members).filter).toEqual({
      and: [open],
    });
    expect(narrowed(report, null, viewer, members)).toEqual({
      object: 'deals',
      filter: { and: [open] },
      groupBy: ['stageId'],
      measures: [{ fn: 'count' }],
    });
  });
});
