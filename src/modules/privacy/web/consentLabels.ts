import type { ConsentChannel } from '../contract';

/** Each channel as people say it. */
export const channelLabels: Record<ConsentChannel, string> = {
  email: 'Email',
  phone: 'Phone',
  sms: 'SMS',
  post: 'Post',
  messaging: 'Messaging apps',
};
