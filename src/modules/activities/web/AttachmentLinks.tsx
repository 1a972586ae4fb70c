import { Anchor, Group, Stack, Text } from '@mantine/core';
import type { AttachmentSummary } from '../contract';
import { fileSize } from './attachmentUpload';

/** An activity's files as links that download them, with their size. */
export function AttachmentLinks({ files }: { files: AttachmentSummary[] }) {
  return (
    <Stack
      gap={0}
      component="ul"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
      aria-label="Attachments"
    >
      {files.map((f) => (
        <Group key={f.id} component="li" gap={6} wrap="nowrap">
          <Anchor size="sm" href={f.url} download={f.fileName} truncate="end" style={{ minWidth: 0 }}>
            {f.fileName}
          </Anchor>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {fileSize(f.size)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
