import { Alert, Button, Stack } from '@mantine/core';

/** When one email and password open several workspaces, the person picks the one to sign in to. */
export function WorkspacePicker({
  choices,
  onChoose,
}: {
  choices: { id: string; name: string }[];
  onChoose: (workspaceId: string) => void;
}) {
  return (
    <Alert color="blue" title="Choose a workspace" role="status">
      <Stack gap="xs" role="group" aria-label="Your workspaces">
        This email belongs to several workspaces. Which one do you want to sign in to?
        {choices.map((w) => (
          <Button key={w.id} variant="light" fullWidth onClick={() => onChoose(w.id)}>
            {w.name}
          </Button>
        ))}
      </Stack>
    </Alert>
  );
}
