import { Alert, Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconRecycle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ObjectMeta } from '../../../common/metadata';
import { binKeys, useBinnedRecord } from '../../api/bin';
import { notifyFailure } from '../../api/notify';
import { recordKeys, restoreRecords } from '../../api/records';
import { useUserName } from '../../api/users';
import { NotFoundPage } from '../../pages/NotFoundPage';
import { formatWhen } from './formatWhen';

/** A record page whose record is gone: in the recycle bin (with Restore), or nowhere. */
export function MissingRecordPage({ meta, id }: { meta: ObjectMeta; id: string }) {
  const binned = useBinnedRecord(meta.name, id, true);
  const client = useQueryClient();
  const deletedBy = useUserName(binned.data?.deletedBy);
  if (binned.isPending) return <Skeleton h={160} />;
  if (!binned.data) return <NotFoundPage />;
  const entry = binned.data;
  const restore = () =>
    restoreRecords(meta.name, [id]).then(
      () =>
        Promise.all([
          client.invalidateQueries({ queryKey: recordKeys.one(meta.name, id) }),
          client.invalidateQueries({ queryKey: recordKeys.all(meta.name) }),
          client.invalidateQueries({ queryKey: binKeys.pages(meta.name) }),
        ]),
      (e: unknown) => notifyFailure(e, 'Could not restore'),
    );
  return (
    <Stack maw={720} py="xl">
      <Title order={1} size="h3">
        {entry.title}
      </Title>
      <Alert color="gray" icon={<IconRecycle size={18} />} title="In the recycle bin">
        <Text size="sm">
          This {meta.label.toLowerCase()} was deleted {formatWhen(entry.deletedAt)}
          {deletedBy ? ` by ${deletedBy}` : ''}. Restore it to bring it back with everything it had.
        </Text>
        <Group mt="sm" gap="xs">
          <Button size="xs" onClick={() => void restore()}>
            Restore
          </Button>
          <Button
            size="xs"
            variant="default"
            renderRoot={(props) => <Link {...props} to="/o/$object/bin" params={{ object: meta.name }} />}
          >
            Open the recycle bin
          </Button>
        </Group>
      </Alert>
    </Stack>
  );
}
