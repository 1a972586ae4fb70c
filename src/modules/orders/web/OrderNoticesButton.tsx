import { ActionIcon, Box, Indicator, Tooltip } from '@mantine/core';
import { IconTruckDelivery } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useOrderNotices } from './api';

/**
 * In the header, for the people who get order notices and have unread ones: their count and the way to
 * them. Not on a phone, whose header is full: there the navigation's Order notices is the way.
 */
export function OrderNoticesButton() {
  const unread = (useOrderNotices().data ?? []).filter((n) => !n.readAt).length;
  if (unread === 0) return null;
  const label = `Order notices, ${unread} unread`;
  return (
    <Box visibleFrom="sm">
      <Tooltip label={label}>
        <Indicator label={unread} size={16} offset={6} color="red">
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={label}
            renderRoot={(props) => <Link {...props} to="/orders/notices" />}
          >
            <IconTruckDelivery size={18} />
          </ActionIcon>
        </Indicator>
      </Tooltip>
    </Box>
  );
}
