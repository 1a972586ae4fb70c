import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useEffect } from 'react';

// One record form is open at a time; it says here whether it holds unsaved input.
let unsaved = false;

/** Declares whether the open record form holds input that closing it would throw away. */
export function useUnsavedInput(dirty: boolean): void {
  useEffect(() => {
    unsaved = dirty;
    return () => void (unsaved = false);
  }, [dirty]);
}

/** Closes the form's dialog at once, or, when it holds unsaved input, after the user agrees to discard it. */
export function closeUnlessUnsaved(close: () => void): void {
  if (!unsaved) return close();
  modals.openConfirmModal({
    title: 'Discard your changes?',
    children: <Text size="sm">What you typed in this form has not been saved.</Text>,
    labels: { confirm: 'Discard', cancel: 'Keep editing' },
    confirmProps: { color: 'red.9' },
    onConfirm: () => {
      unsaved = false;
      close();
    },
  });
}
