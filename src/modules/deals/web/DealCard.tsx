import { useDraggable } from '@dnd-kit/core';
import { ActionIcon, Anchor, Card, Group, Menu, Text } from '@mantine/core';
import { IconArrowsExchange, IconGripVertical } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useUserName } from '../../../web/api/users';
import type { CrmRecord } from '../../../web/api/records';
import type { Stage } from '../contract';
import { formatMoney } from '../../../web/components/fields/money';

interface DealCardProps {
  deal: CrmRecord;
  stages: Stage[];
  onMove: (deal: CrmRecord, stageId: string) => void;
}

/** A deal on the board: dragged by its handle with a pointer or the keyboard, or moved from its menu. */
export function DealCard({ deal, stages, onMove }: DealCardProps) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: deal.id,
    data: { deal },
  });
  const owner = useUserName(deal.ownerId);
  const name = String(deal.name ?? 'Unnamed deal');
  const overdue = typeof deal.closeDate === 'string' && dayjs(deal.closeDate).isBefore(dayjs(), 'day');
  return (
    <Card
      ref={setNodeRef}
      withBorder
      padding="xs"
      radius="sm"
      data-deal={name}
      style={{
        opacity: isDragging ? 0.4 : 1,
        transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
        <Group gap={4} wrap="nowrap" align="flex-start">
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            {...attributes}
            {...listeners}
            aria-label={`Drag ${name} to another stage (space picks it up, arrows move it, space drops it)`}
            style={{ cursor: 'grab', touchAction: 'none' }}
            data-drag-handle
          >
            <IconGripVertical size={14} />
          </ActionIcon>
          <Anchor
            renderRoot={(props) => (
              <Link {...props} to="/o/$object/$id" params={{ object: 'deals', id: deal.id }} />
            )}
            size="sm"
            fw={600}
            lineClamp={2}
          >
            {name}
          </Anchor>
        </Group>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" size="sm" aria-label={`Move ${name} to another stage`}>
              <IconArrowsExchange size={14} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Move to</Menu.Label>
            {stages
              .filter((s) => s.id !== deal.stageId)
              .map((s) => (
                <Menu.Item key={s.id} onClick={() => onMove(deal, s.id)}>
                  {s.name}
                </Menu.Item>
              ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      <Text size="sm">{formatMoney(deal.amount as string | null, String(deal.currency ?? 'USD'))}</Text>
      <Group justify="space-between" gap={4}>
        <Text size="xs" c={overdue ? 'var(--mantine-color-error)' : 'dimmed'}>
          {typeof deal.closeDate === 'string' ? dayjs(deal.closeDate).format('D MMM YYYY') : 'No close date'}
        </Text>
        {owner && (
          <Text size="xs" c="dimmed" truncate>
            {owner}
          </Text>
        )}
      </Group>
    </Card>
  );
}
