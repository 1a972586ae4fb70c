import { Button, EmptyState } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';

export function NotFoundPage() {
  return (
    <EmptyState
      py={80}
      title="Nothing here"
      description="This page or record does not exist in your workspace, or it was deleted."
      icon={<IconMapOff size={28} />}
      withIndicatorBackground
    >
      <Button renderRoot={(props) => <Link {...props} to="/" />} variant="default" mt="md">
        Go home
      </Button>
    </EmptyState>
  );
}
