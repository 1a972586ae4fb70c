import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useObjectMeta } from '../../../web/api/metadata';
import { FieldInput } from '../../../web/components/fields/FieldInput';
import type { CrmRecord } from '../../../web/api/records';
import type { Stage } from '../contract';
import type { RefusedMove, useBoardMoves } from './useBoardMoves';

interface MissingCriteriaDialogProps {
  refused: RefusedMove;
  stages: Stage[];
  moving: boolean;
  onMove: (deal: CrmRecord, stageId: string, values: Record<string, unknown>) => void;
  onClose: () => void;
}

/** A refused move: what the stage asks for, with the inputs to provide it and move again. */
export function MissingCriteriaDialog({
  refused,
  stages,
  moving,
  onMove,
  onClose,
}: MissingCriteriaDialogProps) {
  const meta = useObjectMeta('deals');
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const target = stages.find((s) => s.id === refused.stageId);
  const fields = refused.missing.flatMap((m) => ('field' in m ? [m.field] : []));
  const items = refused.missing.flatMap((m) => ('checklistItem' in m ? [m.checklistItem] : []));
  const complete =
    fields.every((f) => values[f] !== undefined && values[f] !== null && values[f] !== '') &&
    items.every((i) => ticked[i]);
  const submit = () => {
    const checklist = items.length
      ? { checklist: { ...((refused.deal.checklist ?? {}) as Record<string, boolean>), ...ticked } }
      : {};
    onMove(refused.deal, refused.stageId, { ...values, ...checklist });
  };
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close without moving' }}
      title={`Before "${String(refused.deal.name)}" moves to ${target?.name ?? 'this stage'}`}
    >
      <Stack>
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
          <Text size="sm" fw={600}>
            This stage&apos;s criteria are not met
          </Text>
          <Text size="sm">The move was not made. Fill in what is missing to move the deal.</Text>
        </Alert>
        {fields.map((name) => {
          const field = meta?.fields.find((f) => f.name === name);
          return field ? (
            <FieldInput
              key={name}
              object="deals"
              field={{ ...field, required: true }}
              value={values[name] ?? null}
              onChange={(v) => setValues((current) => ({ ...current, [name]: v }))}
            />
          ) : (
            <Text key={name} size="sm">
              {name}
            </Text>
          );
        })}
        {items.length > 0 && (
          <Stack gap="xs" role="group" aria-label="Checklist">
            {items.map((item) => (
              <Checkbox
                key={item}
                label={item}
                checked={ticked[item] ?? false}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  setTicked((current) => ({ ...current, [item]: checked }));
                }}
              />
            ))}
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Leave it where it is
          </Button>
          <Button onClick={submit} disabled={!complete} loading={moving}>
            Save and move
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The dialog for the move the board or the deal page last had refused, if any. */
export function RefusedMoveDialog({
  moves,
  stages,
}: {
  moves: ReturnType<typeof useBoardMoves>;
  stages: Stage[];
}) {
  if (!moves.refused) return null;
  return (
    <MissingCriteriaDialog
      refused={moves.refused}
      stages={stages}
      moving={moves.moving}
      onMove={(deal, stageId, values) => void moves.moveDeal(deal, stageId, values)}
      onClose={moves.dismissRefusal}
    />
  );
}
