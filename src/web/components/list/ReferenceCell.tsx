import { Anchor } from '@mantine/core';
import { useRouter } from '@tanstack/react-router';
import { useObjectMeta } from '../../api/metadata';
import { recordTitle } from '../fields/recordTitle';
import { useReferencedRecord } from '../fields/referenceNames';

/**
 * A linked record's name in a grid cell, as a link to it. A plain anchor that the router follows on a
 * plain click: a router Link per cell costs too much while a long list scrolls.
 */
export function ReferenceCell({ object, id }: { object: string; id: string }) {
  const meta = useObjectMeta(object);
  const { data } = useReferencedRecord(object, id);
  const router = useRouter();
  const href = `/o/${object}/${id}`;
  return (
    <Anchor
      href={href}
      size="sm"
      truncate
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        void router.navigate({ to: '/o/$object/$id', params: { object, id } });
      }}
    >
      {data ? recordTitle(meta, data) : '…'}
    </Anchor>
  );
}
