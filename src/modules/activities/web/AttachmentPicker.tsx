import { ActionIcon, Alert, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconPaperclip, IconX } from '@tabler/icons-react';
import { useId, useRef, useState, type DragEvent } from 'react';
import { fileSize, type UploadState } from './attachmentUpload';

/**
 * Files to attach: dropped on the area or chosen with the button (the keyboard's way), listed with
 * their size and a button to take each one back.
 */
export function AttachmentPicker({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const hint = useId();
  const [over, setOver] = useState(false);
  const add = (list: FileList | null) => list && onChange([...files, ...Array.from(list)]);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    add(e.dataTransfer.files);
  };

  return (
    <Stack gap={6}>
      <Paper
        withBorder
        p="sm"
        style={{ borderStyle: 'dashed', background: over ? 'var(--mantine-color-blue-light)' : undefined }}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-testid="attachment-drop"
      >
        <Group gap="sm" wrap="wrap">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPaperclip size={14} aria-hidden />}
            onClick={() => input.current?.click()}
            aria-describedby={hint}
          >
            Attach files
          </Button>
          <Text size="xs" c="dimmed" id={hint}>
            or drop them here
          </Text>
        </Group>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label="Files to attach"
          onChange={(e) => {
            add(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </Paper>
      {files.length > 0 && (
        <Stack
          gap={2}
          component="ul"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
          aria-label="Chosen files"
        >
          {files.map((file, index) => (
            <Group key={`${file.name}-${index}`} component="li" gap="xs" wrap="nowrap">
              <Text size="sm" truncate="end" style={{ minWidth: 0 }}>
                {file.name}
              </Text>
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                {fileSize(file.size)}
              </Text>
              <ActionIcon
                size="sm"
                variant="subtle"
                color="gray"
                aria-label={`Do not attach ${file.name}`}
                onClick={() => onChange(files.filter((_, i) => i !== index))}
              >
                <IconX size={14} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** Each file's upload as it goes, and in words why one failed. */
export function UploadProgress({ uploads }: { uploads: UploadState[] }) {
  if (!uploads.length) return null;
  return (
    <Stack gap={6} aria-live="polite">
      {uploads.map((u, index) =>
        u.error ? (
          <Alert key={index} color="red" p="xs" title={`${u.name} was not attached`}>
            {u.error}
          </Alert>
        ) : (
          <Stack key={index} gap={2}>
            <Text size="xs">
              {u.done ? `${u.name}: attached` : `Uploading ${u.name}: ${Math.round(u.progress * 100)} %`}
            </Text>
            <Progress value={u.progress * 100} size="sm" aria-label={`Upload of ${u.name}`} />
          </Stack>
        ),
      )}
    </Stack>
  );
}
