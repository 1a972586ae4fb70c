import { Center, Loader, VisuallyHidden } from '@mantine/core';

/** While a page loads: a spinner, named in text (an aria-label is not allowed on its plain span). */
export function RoutePending() {
  return (
    <Center h={240}>
      <Loader size="sm" aria-hidden />
      <VisuallyHidden>Loading</VisuallyHidden>
    </Center>
  );
}
