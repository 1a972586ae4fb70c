/** A decimal string in a currency, in the reader's locale; compact ($57.1M) where space is short; none is ''. */
export function formatMoney(value: string | null | undefined, currency: string, compact = false): string {
  if (value === null || value === undefined || value === '') return '';
  try {
    const format = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
    });
    // A string is formatted as the exact decimal it spells (Intl.NumberFormat v3), never through a float.
    return format.format(value as unknown as number);
  } catch {
    return `${value} ${currency}`;
  }
}

/** The currency a record's money is in: its own `currency` field, else the workspace's. */
export function currencyOf(record: Record<string, unknown> | undefined, fallback: string): string {
  const own = record?.currency;
  return typeof own === 'string' && /^[A-Z]{3}$/.test(own) ? own : fallback;
}
