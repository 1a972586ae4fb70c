import { ActionIcon, CopyButton, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

/** A sign-in link an admin passes on (an invitation, a password reset): shown once, ready to copy. */
export function ShareLink({ url, label, help }: { url: string; label: string; help: string }) {
  return (
    <Stack gap="xs">
      <TextInput
        label={label}
        value={url}
        readOnly
        onFocus={(e) => e.currentTarget.select()}
        rightSection={
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy link'} withArrow>
                <ActionIcon variant="subtle" onClick={copy} aria-label={copied ? 'Copied' : 'Copy link'}>
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        }
      />
      <Text size="xs" c="dimmed">
        {help}
      </Text>
    </Stack>
  );
}
