import { useState } from 'react';
import { notifyFailure } from '../../../web/api/notify';
import type { CrmRecord } from '../../../web/api/records';
import type { MissingCriterion } from '../contract';
import { missingOf, useMoveDeal } from './api';

/** A move the server refused for missing criteria: what to fill before trying again. */
export interface RefusedMove {
  deal: CrmRecord;
  stageId: string;
  missing: MissingCriterion[];
}

/**
 * Optimistic moves on the board: a dragged deal shows in its new column at once; when the server
 * refuses, it goes back where it was, and a move refused for missing criteria is kept to be completed.
 */
export function useBoardMoves() {
  const move = useMoveDeal();
  const [pending, setPending] = useState<Map<string, { deal: CrmRecord; stageId: string }>>(new Map());
  const [refused, setRefused] = useState<RefusedMove | null>(null);

  const settle = (id: string) =>
    setPending((current) => {
      const next = new Map(current);
      next.delete(id);
      return next;
    });

  async function moveDeal(deal: CrmRecord, stageId: string, values?: Record<string, unknown>) {
    if (deal.stageId === stageId && !values) return;
    setPending((current) => new Map(current).set(deal.id, { deal, stageId }));
    try {
      await move.mutateAsync({ deal, stageId, values });
      setRefused(null);
    } catch (error) {
      const missing = missingOf(error);
      if (missing) setRefused({ deal, stageId, missing });
      else notifyFailure(error, 'The deal was not moved');
    } finally {
      settle(deal.id);
    }
  }

  /** The deals a column shows: its own, less those on their way out, plus those on their way in. */
  function columnDeals(stageId: string, loaded: CrmRecord[]): CrmRecord[] {
    const staying = loaded.filter((d) => {
      const p = pending.get(d.id);
      return !p || p.stageId === stageId;
    });
    const arriving = [...pending.values()]
      .filter((p) => p.stageId === stageId && !staying.some((d) => d.id === p.deal.id))
      .map((p) => ({ ...p.deal, stageId }));
    return [...arriving, ...staying];
  }

  return { moveDeal, columnDeals, refused, dismissRefusal: () => setRefused(null), moving: move.isPending };
}
