import { test } from './fixtures';
import { checkLoadingStates } from './loadingStates';

test('the list and the palette pass axe while rows load, with no match, and while a search is on its way', async ({
  page,
  baseURL,
}) => {
  await checkLoadingStates(page, baseURL ?? '');
});
