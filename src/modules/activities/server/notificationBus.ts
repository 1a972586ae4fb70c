import type { Notification } from '../contract';

type Listener = (notification: Notification) => void;

/**
 * Delivers notifications to the live connections of this process at once. Connections also read the
 * notifications table on connect and every few seconds, so nothing is lost when the notification was
 * made by another process or while the user was away.
 */
export class NotificationBus {
  private readonly listeners = new Map<string, Set<Listener>>();

  listen(workspaceId: string, userId: string, listener: Listener): () => void {
    const key = `${workspaceId}/${userId}`;
    const set = this.listeners.get(key) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(key, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  publish(workspaceId: string, userId: string, notification: Notification): void {
    for (const listener of this.listeners.get(`${workspaceId}/${userId}`) ?? []) listener(notification);
  }
}
