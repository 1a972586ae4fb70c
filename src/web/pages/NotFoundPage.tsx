import { Box, Button, EmptyState } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';

export function NotFoundPage() {
  return (
    <EmptyState
      py={80}
      title={
        // The page's one heading, in the empty state's own type.
        <Box component="h1" m={0} fz="inherit" fw="inherit">
          Nothing here
        </Box>
      }
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
