/** A small assertion: the e2e suite runs without a test framework. */
export function expect<T>(actual: T, what: string) {
  return {
    toBe(expected: T): void {
      if (!Object.is(actual, expected))
        throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    },
  };
}
