import { Switch } from '@mantine/core';
import { notifyFailure } from '../../../web/api/notify';
import { useDigestSetting, useSetDigest } from './api';

/** "Email me my day every morning": on at 7:00 in this browser's time zone, or off. */
export function DigestSwitch() {
  const setting = useDigestSetting();
  const change = useSetDigest();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const on = setting.data?.enabled ?? false;
  return (
    <Switch
      label="Email me my day at 7:00"
      description={
        on ? `Each morning (${setting.data?.timeZone}), when the day has something in it.` : undefined
      }
      checked={on}
      disabled={setting.isPending || change.isPending}
      onChange={(e) =>
        change.mutate(e.currentTarget.checked ? { timeZone, hour: 7 } : null, {
          onError: (error) => notifyFailure(error, 'Could not change the morning email'),
        })
      }
    />
  );
}
