/** J or ↓ moves to the next row of the list, K or ↑ to the previous one; typing in a field moves nothing. */
export function rowStep(event: React.KeyboardEvent): -1 | 0 | 1 {
  if (event.ctrlKey || event.metaKey || event.altKey) return 0;
  const target = event.target as HTMLElement;
  if (target.matches('input:not([type="checkbox"]), textarea, [contenteditable="true"]')) return 0;
  if (target.closest('[role="dialog"]')) return 0;
  if (event.key === 'j' || event.key === 'ArrowDown') return 1;
  if (event.key === 'k' || event.key === 'ArrowUp') return -1;
  return 0;
}

/** Focuses the control in a row's cell once the virtualized row is on screen. */
export function focusCell(grid: HTMLElement | null, index: number, column: number, tries = 10): void {
  const row = grid?.querySelector(`[role="row"][aria-rowindex="${index + 2}"]`);
  const control = row?.children[column]?.querySelector<HTMLElement>('a, button, input');
  if (control) return control.focus();
  if (tries > 0) requestAnimationFrame(() => focusCell(grid, index, column, tries - 1));
}
