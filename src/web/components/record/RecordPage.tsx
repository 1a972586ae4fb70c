import { Alert, Button, Grid, Skeleton, Stack, Tabs } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { Suspense } from 'react';
import { ApiError } from '../../api/http';
import { useObjectMeta } from '../../api/metadata';
import { notifyFailure } from '../../api/notify';
import { deleteRecord, recordKeys, restoreRecords, useRecord } from '../../api/records';
import { NotFoundPage } from '../../pages/NotFoundPage';
import { webRegistry } from '../../registry';
import { MissingRecordPage } from '../bin/MissingRecordPage';
import { recordTitle } from '../fields/recordTitle';
import { neighbourRecord } from '../list/recordNavigation';
import { ConflictModal } from './ConflictModal';
import { FieldGroups } from './FieldGroups';
import { HistoryTab } from './HistoryTab';
import { RecordEditModal } from './RecordEditModal';
import { RecordHeader } from './RecordHeader';
import { useGuardedSave } from './useGuardedSave';

const route = getRouteApi('/app/o/$object/$id');

export function RecordPage() {
  const { object, id } = route.useParams();
  const meta = useObjectMeta(object);
  const query = useRecord(object, id);
  const record = query.data ?? undefined;
  const navigate = useNavigate();
  const client = useQueryClient();
  const [editing, edit] = useDisclosure(false);
  const guarded = useGuardedSave(object, record);
  const previousId = neighbourRecord(object, id, -1);
  const nextId = neighbourRecord(object, id, 1);
  const step = (to: string) => void navigate({ to: '/o/$object/$id', params: { object, id: to } });

  useHotkeys([
    ['e', () => record && edit.open()],
    ['j', () => nextId && step(nextId)],
    ['k', () => previousId && step(previousId)],
  ]);

  if (!meta) return <NotFoundPage />;
  if (query.error instanceof ApiError && query.error.status === 404)
    return <MissingRecordPage meta={meta} id={id} />;
  if (query.isError && !record)
    return <Alert color="red">Could not load this record: {query.error.message}</Alert>;
  if (!record) {
    return (
      <Stack>
        <Skeleton h={90} />
        <Skeleton h={320} />
      </Stack>
    );
  }

  const remove = async () => {
    try {
      await deleteRecord(object, id);
      await navigate({ to: '/o/$object', params: { object } });
      client.removeQueries({ queryKey: recordKeys.one(object, id) });
      void client.invalidateQueries({ queryKey: recordKeys.all(object) });
      const noteId = `deleted-${id}`;
      const undo = () =>
        restoreRecords(object, [id]).then(
          () => {
            notifications.hide(noteId);
            void client.invalidateQueries({ queryKey: recordKeys.all(object) });
            void navigate({ to: '/o/$object/$id', params: { object, id } });
          },
          (e: unknown) => notifyFailure(e, 'Could not restore'),
        );
      notifications.show({
        id: noteId,
        autoClose: 10_000,
        title: `${recordTitle(meta, record)} moved to the recycle bin`,
        message: (
          <Button size="compact-xs" variant="light" mt={4} onClick={() => void undo()}>
            Undo
          </Button>
        ),
      });
    } catch (error) {
      notifyFailure(error, 'Could not delete');
    }
  };

  const panels = webRegistry().recordPanels(object);
  const tabs = webRegistry().recordTabs(object);

  return (
    <Stack gap="lg" maw={1400}>
      <RecordHeader
        meta={meta}
        record={record}
        onEdit={edit.open}
        onDelete={() => void remove()}
        previousId={previousId}
        nextId={nextId}
        onStep={step}
      />
      <Tabs defaultValue="overview" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.key} value={tab.key}>
              {tab.label}
            </Tabs.Tab>
          ))}
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Grid gap="md">
            {/* On a phone the panels (an account's people, a deal's next steps) come before the long list of fields. */}
            <Grid.Col span={{ base: 12, lg: panels.length ? 7 : 12 }} order={{ base: 2, lg: 1 }}>
              <FieldGroups meta={meta} record={record} save={guarded.save} wide={panels.length === 0} />
            </Grid.Col>
            {panels.length > 0 && (
              <Grid.Col span={{ base: 12, lg: 5 }} order={{ base: 1, lg: 2 }}>
                <Stack>
                  {panels.map((panel) => (
                    <Suspense key={panel.key} fallback={<Skeleton h={120} />}>
                      <panel.component record={record} meta={meta} />
                    </Suspense>
                  ))}
                </Stack>
              </Grid.Col>
            )}
          </Grid>
        </Tabs.Panel>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab.key} value={tab.key} pt="md">
            <Suspense fallback={<Skeleton h={320} />}>
              <tab.component record={record} meta={meta} />
            </Suspense>
          </Tabs.Panel>
        ))}
        <Tabs.Panel value="history" pt="md">
          <HistoryTab meta={meta} id={id} />
        </Tabs.Panel>
      </Tabs>
      <RecordEditModal
        meta={meta}
        record={record}
        opened={editing}
        onClose={edit.close}
        save={guarded.save}
      />
      <ConflictModal
        meta={meta}
        conflict={guarded.conflict}
        onOverwrite={() => void guarded.overwrite()}
        onKeepTheirs={guarded.dismissConflict}
      />
    </Stack>
  );
}
