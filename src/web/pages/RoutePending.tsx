import { Center, Loader } from '@mantine/core';

export function RoutePending() {
  return (
    <Center h={240}>
      <Loader size="sm" aria-label="Loading" />
    </Center>
  );
}
