import { Modal } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useObjectMeta } from '../api/metadata';
import { closeUnlessUnsaved } from '../components/record/discardGuard';
import { RoutePending } from '../pages/RoutePending';
import { closeRecordCreation, useRecordCreation } from './recordCreation';

const RecordCreateForm = lazy(() =>
  import('../components/record/RecordCreateForm').then((m) => ({ default: m.RecordCreateForm })),
);

/** The "new record" dialog for any object; its form loads only when first opened. */
export function RecordCreationModal() {
  const creation = useRecordCreation();
  const meta = useObjectMeta(creation?.object ?? '');
  return (
    <Modal
      opened={Boolean(creation && meta)}
      onClose={() => closeUnlessUnsaved(closeRecordCreation)}
      title={meta ? `New ${meta.label.toLowerCase()}` : ''}
      size="xl"
      closeOnClickOutside={false}
    >
      {creation && meta && (
        <Suspense fallback={<RoutePending />}>
          <RecordCreateForm meta={meta} prefill={creation.prefill} onClose={closeRecordCreation} />
        </Suspense>
      )}
    </Modal>
  );
}
