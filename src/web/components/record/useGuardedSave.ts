import { useState } from 'react';
import { ApiError } from '../../api/http';
import { notifyFailure } from '../../api/notify';
import { type CrmRecord, fetchRecord, useUpdateRecord } from '../../api/records';

export interface EditConflict {
  mine: Record<string, unknown>;
  base: CrmRecord;
  theirs: CrmRecord;
}

/**
 * Saves only the fields the user changed, against the version they saw. A stale version
 * answers 412: the latest record is fetched and both sides are kept until the user chooses.
 */
export function useGuardedSave(object: string, record: CrmRecord | undefined) {
  const update = useUpdateRecord(object);
  const [conflict, setConflict] = useState<EditConflict | null>(null);

  const save = async (
    changes: Record<string, unknown>,
    version = record?.version,
  ): Promise<CrmRecord | null> => {
    if (!record || version === undefined) return null;
    try {
      return await update.mutateAsync({ id: record.id, version, changes });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        try {
          setConflict({ mine: changes, base: record, theirs: await fetchRecord(object, record.id) });
        } catch (reloadError) {
          notifyFailure(reloadError, 'Could not load the latest version');
        }
        return null;
      }
      if (error instanceof ApiError && !error.isTransient && !error.fieldErrors.length)
        notifyFailure(error, 'Could not save');
      throw error;
    }
  };

  const overwrite = async () => {
    if (!conflict) return;
    const current = conflict;
    setConflict(null);
    await save(current.mine, current.theirs.version).catch(() => undefined);
  };

  return {
    save,
    conflict,
    overwrite,
    dismissConflict: () => setConflict(null),
    pending: update.isPending,
    error: update.error,
  };
}
