import { ActionIcon, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { RecordViewProps } from '../../../web/modules';
import { useAttachments, useDeleteAttachment } from './api';
import { AttachmentLinks } from './AttachmentLinks';
import { AttachmentPicker, UploadProgress } from './AttachmentPicker';
import { useAttachFiles } from './attachmentUpload';

/** The Files card of an activity's page: its files (uploaded and captured with its email), and more to add. */
export function ActivityFiles({ record }: RecordViewProps) {
  const list = useAttachments(record.id);
  const remove = useDeleteAttachment(record.id);
  const { uploads, attach } = useAttachFiles();
  const [chosen, setChosen] = useState<File[]>([]);
  const add = async (files: File[]) => {
    setChosen(files);
    await attach(record.id, files);
    setChosen([]);
  };

  return (
    <Card component="section" withBorder padding="md" aria-labelledby="files-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="files-title">
          Files
        </Title>
        {list.isPending ? (
          <Loader size="sm" />
        ) : list.data?.data.length ? (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {list.data.data.map((f) => (
              <Group key={f.id} component="li" gap={6} wrap="nowrap" justify="space-between">
                <AttachmentLinks files={[f]} />
                {f.source === 'upload' && (
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${f.fileName}`}
                    loading={remove.isPending && remove.variables === f.id}
                    onClick={() => remove.mutate(f.id)}
                  >
                    <IconTrash size={14} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            No files yet.
          </Text>
        )}
        {remove.error && (
          <Text size="sm" c="var(--mantine-color-error)">
            {remove.error.message}
          </Text>
        )}
        <AttachmentPicker files={chosen} onChange={(files) => void add(files)} />
        <UploadProgress uploads={uploads} />
      </Stack>
    </Card>
  );
}
