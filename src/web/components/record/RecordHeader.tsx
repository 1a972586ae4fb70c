import { ActionIcon, Anchor, Breadcrumbs, Button, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconPencil, IconTrash } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import type { ObjectMeta } from '../../../common/metadata';
import { fieldsInWorkingOrder } from '../../api/metadata';
import { notifyFailure } from '../../api/notify';
import type { CrmRecord } from '../../api/records';
import type { RecordAction } from '../../modules';
import { webRegistry } from '../../registry';
import { FieldValue } from '../fields/FieldValue';
import { recordTitle } from '../fields/recordTitle';

interface RecordHeaderProps {
  meta: ObjectMeta;
  record: CrmRecord;
  onEdit: () => void;
  onDelete: () => void;
  previousId: string | null;
  nextId: string | null;
  onStep: (id: string) => void;
}

export function RecordHeader({
  meta,
  record,
  onEdit,
  onDelete,
  previousId,
  nextId,
  onStep,
}: RecordHeaderProps) {
  const subtitleField = meta.fields.find((f) => f.name === meta.subtitleField);
  // The owner comes first: who to ask about this record is what a rep looks for before anything else.
  const owner = meta.fields.find((f) => f.name === 'ownerId');
  const facts = fieldsInWorkingOrder(meta)
    .filter((f) => f.group !== 'System')
    .filter(
      (f) =>
        f.placement === 'list' &&
        f.name !== meta.titleField &&
        f.name !== meta.subtitleField &&
        !['firstName', 'lastName'].includes(f.name),
    );
  const keyFields = [...(owner ? [owner] : []), ...facts].slice(0, 5);
  const run = async (action: RecordAction) => {
    try {
      await action.run({ record, meta });
    } catch (error) {
      notifyFailure(error, `Could not ${action.label.toLowerCase()}`);
    }
  };
  return (
    <Stack gap="xs">
      <Breadcrumbs>
        <Anchor
          renderRoot={(props) => <Link {...props} to="/o/$object" params={{ object: meta.name }} />}
          size="sm"
        >
          {meta.labelPlural}
        </Anchor>
        <Text size="sm" c="dimmed" truncate maw={260}>
          {recordTitle(meta, record)}
        </Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 300px' }}>
          <Title order={1} size="h2" className="rp-text" lineClamp={2}>
            {recordTitle(meta, record)}
          </Title>
          {subtitleField &&
            record[subtitleField.name] !== undefined &&
            record[subtitleField.name] !== null && (
              <Text c="dimmed" component="div">
                <FieldValue
                  object={meta.name}
                  field={subtitleField}
                  value={record[subtitleField.name]}
                  record={record}
                />
              </Text>
            )}
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Tooltip label="Previous record (K)">
            <ActionIcon
              variant="default"
              size="lg"
              aria-label="Previous record"
              disabled={!previousId}
              onClick={() => previousId && onStep(previousId)}
            >
              <IconChevronUp size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Next record (J)">
            <ActionIcon
              variant="default"
              size="lg"
              aria-label="Next record"
              disabled={!nextId}
              onClick={() => nextId && onStep(nextId)}
            >
              <IconChevronDown size={18} />
            </ActionIcon>
          </Tooltip>
          {webRegistry()
            .recordActions(meta.name)
            .map((action) => (
              <Button
                key={action.key}
                variant="default"
                leftSection={<action.icon size={16} />}
                onClick={() => void run(action)}
              >
                {action.label}
              </Button>
            ))}
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit}>
            Edit
          </Button>
          <Tooltip label="Move to the recycle bin">
            <ActionIcon variant="default" color="red" size="lg" aria-label="Delete record" onClick={onDelete}>
              <IconTrash size={18} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      {keyFields.length > 0 && (
        <Group gap="xl" wrap="wrap" mt={4} role="group" aria-label="Key facts">
          {keyFields.map((field) => (
            <Stack key={field.name} gap={0} maw={260}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {field.label}
              </Text>
              <FieldValue
                object={meta.name}
                field={field}
                value={record[field.name]}
                record={record}
                // A linked record in the header is a link to it; everything else stays on one line.
                compact={field.type !== 'reference'}
              />
            </Stack>
          ))}
        </Group>
      )}
    </Stack>
  );
}
