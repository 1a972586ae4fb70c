import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The frame of every screen before the app: sign-in, joining, resetting, setting up a second factor. */
export function AuthCard({
  title,
  children,
  width = 400,
}: {
  title: string;
  children: ReactNode;
  width?: number;
}) {
  return (
    <Center mih="100dvh" p="md" bg="var(--mantine-color-default-hover)">
      <Paper withBorder shadow="sm" p="xl" radius="lg" w="100%" maw={width} component="main">
        <Stack>
          <Stack gap={2}>
            <Text fw={750} size="xl" c="indigo">
              Rapport
            </Text>
            <Title order={1} size="h3">
              {title}
            </Title>
          </Stack>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}
