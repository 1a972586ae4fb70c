import { apiBase } from '../../../web/api/http';
import type { FormEvent } from '../../../web/modules';

/** Form events wait here and leave together: at 50, after 10 s, or when the page is hidden. */
const batchSize = 50;
const waitMs = 10_000;
const maxDurationMs = 86_400_000;
const pending: FormEvent[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let listening = false;

function send() {
  clearTimeout(timer);
  timer = undefined;
  while (pending.length) {
    const events = pending.splice(0, 100);
    // keepalive: a batch sent as the page goes away still arrives.
    fetch(`${apiBase}/insights/form-events`, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: true,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ events }),
    }).catch((error: unknown) => console.warn('Form events were not recorded', error));
  }
}

/** Records what happens in a record form, for the admins' friction view (counts only, never who). */
export function recordFormEvent(event: FormEvent) {
  if (!listening) {
    listening = true;
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') send();
    });
  }
  pending.push(
    event.durationMs === undefined
      ? event
      : { ...event, durationMs: Math.min(event.durationMs, maxDurationMs) },
  );
  if (pending.length >= batchSize) send();
  else timer ??= setTimeout(send, waitMs);
}
