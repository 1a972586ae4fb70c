import { Anchor, Button, EmptyState, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconRecycle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type BinEntry, binKeys, purgeBinned, useBinPages } from '../../api/bin';
import { useObjectMeta } from '../../api/metadata';
import { notifyFailure } from '../../api/notify';
import { recordKeys, restoreRecords } from '../../api/records';
import { useSession } from '../../api/session';
import { useWorkspaceUsers } from '../../api/users';
import { NotFoundPage } from '../../pages/NotFoundPage';
import { formatWhen } from './formatWhen';

const route = getRouteApi('/app/o/$object/bin');

/** Deleted records of one object: who deleted what and when; restore, or purge for good (admins). */
export function RecycleBinPage() {
  const { object } = route.useParams();
  const meta = useObjectMeta(object);
  const pages = useBinPages(object);
  const users = useWorkspaceUsers();
  const isAdmin = useSession()?.user.role === 'admin';
  const client = useQueryClient();
  if (!meta) return <NotFoundPage />;
  const entries = pages.data?.pages.flatMap((p) => p.data) ?? [];
  const label = meta.labelPlural.toLowerCase();
  const byName = (entry: BinEntry) => users.find((u) => u.id === entry.deletedBy)?.name;
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: binKeys.pages(object) }),
      client.invalidateQueries({ queryKey: recordKeys.all(object) }),
    ]);
  const restore = (entry: BinEntry) =>
    restoreRecords(object, [entry.id]).then(refresh, (e: unknown) => notifyFailure(e, 'Could not restore'));
  const purge = (entry: BinEntry) =>
    modals.openConfirmModal({
      title: `Delete “${entry.title}” for good?`,
      children: <Text size="sm">It cannot be restored afterwards. Its past changes stay in history.</Text>,
      labels: { confirm: 'Delete for good', cancel: 'Keep it' },
      // Shade 8 keeps the white label above the 4.5:1 contrast ratio.
      confirmProps: { color: 'red.9' },
      onConfirm: () =>
        void purgeBinned(object, entry.id).then(refresh, (e: unknown) =>
          notifyFailure(e, 'Could not delete'),
        ),
    });

  return (
    <Stack gap="sm" maw={1100}>
      <Group justify="space-between">
        <Title order={1} size="h3">
          Recycle bin: {meta.labelPlural}
        </Title>
        <Button
          variant="default"
          renderRoot={(props) => <Link {...props} to="/o/$object" params={{ object }} />}
        >
          Back to {label}
        </Button>
      </Group>
      {pages.isPending ? (
        <Skeleton h={200} />
      ) : entries.length === 0 ? (
        <EmptyState
          py={48}
          title="The recycle bin is empty"
          description={`Deleted ${label} wait here until someone restores them.`}
          icon={<IconRecycle size={28} />}
          withIndicatorBackground
        />
      ) : (
        <Stack
          gap={0}
          component="ul"
          aria-label={`Deleted ${label}`}
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
        >
          {entries.map((entry) => (
            <Group
              key={entry.id}
              component="li"
              justify="space-between"
              gap="xs"
              py="sm"
              style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
            >
              <div>
                <Anchor
                  renderRoot={(props) => (
                    <Link {...props} to="/o/$object/$id" params={{ object, id: entry.id }} />
                  )}
                >
                  {entry.title || '(no name)'}
                </Anchor>
                <Text size="sm" c="dimmed">
                  Deleted {formatWhen(entry.deletedAt)}
                  {byName(entry) ? ` by ${byName(entry)}` : ''}
                </Text>
              </div>
              <Group gap="xs" wrap="nowrap">
                <Button size="compact-sm" onClick={() => void restore(entry)}>
                  Restore
                </Button>
                {isAdmin && (
                  <Button size="compact-sm" variant="default" onClick={() => purge(entry)}>
                    Delete for good
                  </Button>
                )}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
      {pages.hasNextPage && (
        <Button
          variant="default"
          loading={pages.isFetchingNextPage}
          onClick={() => void pages.fetchNextPage()}
        >
          Show more
        </Button>
      )}
    </Stack>
  );
}
