import {
  IconBriefcase,
  IconBuilding,
  IconBox,
  IconCalendarEvent,
  IconFileInvoice,
  IconHeadset,
  IconSpeakerphone,
  IconTargetArrow,
  IconUsers,
  IconShoppingCart,
  type Icon,
} from '@tabler/icons-react';

const icons: Record<string, Icon> = {
  accounts: IconBuilding,
  contacts: IconUsers,
  deals: IconTargetArrow,
  activities: IconCalendarEvent,
  products: IconBox,
  quotes: IconFileInvoice,
  orders: IconShoppingCart,
  campaigns: IconSpeakerphone,
  cases: IconHeadset,
};

export function ObjectIcon({ object, size = 18 }: { object: string; size?: number }) {
  const Glyph = icons[object] ?? IconBriefcase;
  return <Glyph size={size} stroke={1.6} aria-hidden />;
}
