import { Group, Kbd, Modal, Table, Text } from '@mantine/core';
import { setShortcutSheetOpen, shortcuts, useShortcutSheetOpen } from './shortcutSheet';

export function ShortcutSheet() {
  const opened = useShortcutSheetOpen();
  return (
    <Modal opened={opened} onClose={() => setShortcutSheetOpen(false)} title="Keyboard shortcuts" size="lg">
      <Table verticalSpacing="xs">
        <Table.Tbody>
          {shortcuts.map((s) => (
            <Table.Tr key={s.action}>
              <Table.Td w={140}>
                <Group gap={4} wrap="nowrap">
                  {s.keys.map((k) => (
                    <Kbd key={k}>{k}</Kbd>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{s.action}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
