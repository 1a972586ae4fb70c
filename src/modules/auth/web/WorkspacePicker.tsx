import { Button, Stack, Text } from '@mantine/core';

/** When one email and password open several workspaces, the person picks the one to sign in to. */
export function WorkspacePicker({
  choices,
  onChoose,
}: {
  choices: { id: string; name: string }[];
  onChoose: (workspaceId: string) => void;
}) {
  return (
    <Stack gap="xs" role="group" aria-label="Your workspaces">
      <Text size="sm" fw={600} role="status">
        This email belongs to several workspaces. Which one do you want to sign in to?
      </Text>
      {choices.map((w) => (
        <Button key={w.id} variant="default" fullWidth onClick={() => onChoose(w.id)}>
          {w.name}
        </Button>
      ))}
    </Stack>
  );
}
