import '@mantine/charts/styles.css';
import { Alert, Button, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useSession } from '../../../web/api/session';
import type { ScorecardTile } from '../contract';
import { useScorecard } from './api';
import { MeasureTile } from './MeasureTile';
import { ObjectiveForm } from './ObjectiveForm';
import { ObjectiveProgress } from './ObjectiveProgress';

/** "Is Rapport working?": a tile per question, with its trend since go-live and its objective. */
export function ScorecardPage() {
  const session = useSession();
  const scorecard = useScorecard();
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<ScorecardTile | null>(null);
  const currency = session?.workspace.baseCurrency ?? 'USD';
  const isAdmin = session?.user.role === 'admin';
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={1} size="h2">
            Is Rapport working?
          </Title>
          {scorecard.data && (
            <Text size="sm" c="dimmed">
              Since go-live on {scorecard.data.goLive} · figures as of{' '}
              {new Date(scorecard.data.asOf).toLocaleString()}
            </Text>
          )}
        </div>
        {isAdmin && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            New objective
          </Button>
        )}
      </Group>
      {scorecard.isPending && <Loader />}
      {scorecard.error && <Alert color="red">{scorecard.error.message}</Alert>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3, xl: 4 }}>
        {scorecard.data?.tiles.map((tile) => (
          <MeasureTile key={tile.measure} tile={tile} currency={currency} onOpen={setOpen} />
        ))}
      </SimpleGrid>
      <ObjectiveForm opened={adding} onClose={() => setAdding(false)} />
      <ObjectiveProgress tile={open} currency={currency} onClose={() => setOpen(null)} />
    </Stack>
  );
}
