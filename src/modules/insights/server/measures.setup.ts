import { expect } from 'vitest';
import type { TestApp } from '../../../server/testing';

/** Midnight UTC of a day, as the measures' ranges take it. */
export const day = (date: string) => `${date}T00:00:00Z`;

/** A measure's value over [from, to) (days), as the API answers it. */
export async function measureValue(app: TestApp, as: string, measure: string, from: string, to: string) {
  const answer = await app.call(
    'GET',
    `/api/v1/insights/measures/${measure}/value?from=${day(from)}&to=${day(to)}`,
    { as },
  );
  expect(answer.status, answer.body).toBe(200);
  return answer.json<{ value: unknown }>().value;
}
