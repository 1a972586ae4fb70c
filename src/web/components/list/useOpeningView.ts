import { useEffect, useRef } from 'react';
import { useSession } from '../../api/session';
import { useSavedViews } from '../../api/views';
import { readLastList, rememberLastList } from './lastList';
import { isBareViewLink, type ListSearch, searchOfView } from './listSearch';

/**
 * What a list opens on, once per visit: a bare `?view=<id>` link opens exactly what the view saved;
 * a list opened with nothing in its address shows what the user had there last (if its view still
 * exists), else their default view. From then on, what is on screen is remembered.
 */
export function useOpeningView(
  object: string,
  search: ListSearch,
  apply: (search: ListSearch) => void,
): void {
  const views = useSavedViews(object).data;
  const userId = useSession()?.user.id;
  const openedFor = useRef<string | null>(null);
  const pristine = Object.values(search).every((v) => v === undefined);
  useEffect(() => {
    if (!views || !userId || openedFor.current === object) return;
    openedFor.current = object;
    if (isBareViewLink(search)) {
      const linked = views.find((v) => v.id === search.view);
      if (linked) apply(searchOfView(linked));
      return;
    }
    if (!pristine) return;
    const last = readLastList(userId, object);
    if (last && (!last.view || views.some((v) => v.id === last.view))) return apply(last);
    const preferred = views.find((v) => v.isDefault);
    if (preferred) apply(searchOfView(preferred));
  }, [views, userId, object, pristine, search, apply]);
  const current = JSON.stringify(search);
  useEffect(() => {
    if (userId && openedFor.current === object) rememberLastList(userId, object, JSON.parse(current));
  }, [userId, object, current]);
}
