/** An amount (a decimal string) in its currency, in the reader's locale; compact for board headers. */
export function formatMoney(amount: string | null | undefined, currency: string, compact = false): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const value = Number(amount);
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      notation: compact ? 'compact' : 'standard',
      maximumFractionDigits: compact ? 1 : undefined,
    }).format(value);
  } catch {
    return `${amount} ${currency}`;
  }
}
