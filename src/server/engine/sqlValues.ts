/** A PostgreSQL array literal; every element quoted and escaped. */
export function pgTextArray(values: unknown[]): string {
  return `{${values.map((v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
