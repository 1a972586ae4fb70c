import dayjs from 'dayjs';

/** "on 3 Nov 2026 at 14:05", in the user's time zone. */
export function formatWhen(iso: string): string {
  const at = dayjs(iso);
  return `on ${at.format('D MMM YYYY')} at ${at.format('HH:mm')}`;
}
