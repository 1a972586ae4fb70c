import { Anchor, Badge, Card, Group, Skeleton, Stack, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import type { DealsNeedingAttention as Attention } from '../contract';
import { useDealsNeedingAttention } from './api';

type Deal = Attention['data'][number];

/** Each reason in the words a rep uses. */
function reasonLabel(reason: Deal['reasons'][number], deal: Deal): string {
  if (reason === 'closeDatePassed') {
    const closeDate = dayjs(deal.closeDate);
    return `Close date passed ${closeDate.format(closeDate.isSame(dayjs(), 'year') ? 'D MMM' : 'D MMM YYYY')}`;
  }
  if (reason === 'stale') return `No activity for ${deal.idleDays} days`;
  return 'No next step';
}

/** On the home page, after My day: the rep's own open deals that need them, worst first. */
export function DealsNeedingAttention() {
  const deals = useDealsNeedingAttention();
  if (deals.isPending) return <Skeleton h={80} />;
  if (!deals.data || deals.data.length === 0) return null;
  return (
    <Card component="section" withBorder padding="md" aria-labelledby="deals-attention-title">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4" id="deals-attention-title">
            Deals needing attention
          </Title>
          <Badge variant="default">{deals.data.length}</Badge>
        </Group>
        {deals.data.map((deal) => (
          <Group key={deal.id} justify="space-between" gap="xs" wrap="wrap">
            <Anchor
              size="sm"
              renderRoot={(props) => (
                <Link {...props} to="/o/$object/$id" params={{ object: 'deals', id: deal.id }} />
              )}
            >
              {deal.name}
            </Anchor>
            <Group gap={4}>
              {deal.reasons.map((reason) => (
                <Badge
                  key={reason}
                  size="sm"
                  variant="light"
                  color={reason === 'noNextStep' ? 'gray' : 'orange'}
                  c="var(--mantine-color-text)"
                >
                  {reasonLabel(reason, deal)}
                </Badge>
              ))}
            </Group>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
