import { useEffect, useRef } from 'react';
import { useSavedViews } from '../../api/views';
import { type ListSearch, searchOfView } from './listSearch';

/** Opening a list with no state in the URL applies the user's default view, once per visit. */
export function useDefaultView(
  object: string,
  search: ListSearch,
  apply: (search: ListSearch) => void,
): void {
  const views = useSavedViews(object).data;
  const appliedFor = useRef<string | null>(null);
  const pristine = Object.values(search).every((v) => v === undefined);
  useEffect(() => {
    if (!views || appliedFor.current === object) return;
    appliedFor.current = object;
    const preferred = views.find((v) => v.isDefault);
    if (!pristine || !preferred) return;
    apply(searchOfView(preferred));
  }, [views, object, pristine, apply]);
}
