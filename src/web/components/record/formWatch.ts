import { useEffect, useMemo, useRef } from 'react';
import type { FormEvent } from '../../modules';
import { webRegistry } from '../../registry';

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

export interface FormWatch {
  object: string;
  /** a field's value changed from `before` to `after` */
  changed: (field: string, before: unknown, after: unknown) => void;
  /** the form was saved */
  completed: () => void;
}

/**
 * Tells the modules' form watchers what happens in one record form from its opening: fields filled
 * or cleared, the form saved, or closed unsaved after some input (abandoned).
 */
export function useFormWatch(object: string): FormWatch {
  const opened = useRef(Date.now());
  const touched = useRef(false);
  const done = useRef(false);
  const watch = useMemo(() => {
    const tell = (event: Omit<FormEvent, 'object'>) => {
      for (const watcher of webRegistry().formWatchers()) watcher.onEvent({ object, ...event });
    };
    const durationMs = () => Date.now() - opened.current;
    return {
      object,
      changed: (field: string, before: unknown, after: unknown) => {
        touched.current = true;
        if (isEmpty(before) && !isEmpty(after)) tell({ field, kind: 'filled' });
        else if (!isEmpty(before) && isEmpty(after)) tell({ field, kind: 'cleared' });
      },
      completed: () => {
        done.current = true;
        tell({ kind: 'completed', durationMs: durationMs() });
      },
      abandonedIfLeft: () => {
        if (touched.current && !done.current) tell({ kind: 'abandoned', durationMs: durationMs() });
      },
    };
  }, [object]);
  useEffect(() => () => watch.abandonedIfLeft(), [watch]);
  return watch;
}
