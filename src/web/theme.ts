import {
  Autocomplete,
  createTheme,
  type CSSVariablesResolver,
  Menu,
  Modal,
  MultiSelect,
  Notification,
  Select,
  TagsInput,
} from '@mantine/core';

const scrollingOptions = { maxHeight: 280, overflowY: 'auto' } as const;

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 7 keeps white button text and links on white above the 4.5:1 contrast ratio.
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    // Mantine's focus placeholder is a focusable role="presentation" div, which a menu may not hold (axe).
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
    // A long list of options scrolls in the listbox itself rather than in Mantine's scroll area inside it:
    // a listbox that a combobox controls takes the keys from its input, which axe knows, whereas an inner
    // scroll region would need a focus of its own, and a focusable child a listbox may not hold.
    Select: Select.extend({ defaultProps: { withScrollArea: false }, styles: { options: scrollingOptions } }),
    MultiSelect: MultiSelect.extend({
      defaultProps: { withScrollArea: false },
      styles: { options: scrollingOptions },
    }),
    Autocomplete: Autocomplete.extend({
      defaultProps: { withScrollArea: false },
      styles: { options: scrollingOptions },
    }),
    TagsInput: TagsInput.extend({
      defaultProps: { withScrollArea: false },
      styles: { options: scrollingOptions },
    }),
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } }),
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } },
      styles: { description: { color: 'var(--mantine-color-dimmed)' } },
    }),
  },
});

/** The colour halfway between two `#rrggbb` colours. */
function halfway(a: string, b: string): string {
  const channel = (c: string, i: number) => parseInt(c.slice(i, i + 2), 16);
  return `#${[1, 3, 5]
    .map((i) =>
      Math.round((channel(a, i) + channel(b, i)) / 2)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/**
 * Secondary text one shade darker than Mantine's default, and field errors (the message and the
 * value typed) in red 9 instead of red 6 (3.3:1 on white), for readable contrast. Light and subtle
 * primary controls keep their text (shade 9) but hover on a tint halfway between shades 1 and 2:
 * shade 2 left that text at 4.1:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const primary = t.colors[t.primaryColor];
  return {
    variables: {},
    light: {
      '--mantine-color-dimmed': t.colors.gray[7],
      '--mantine-color-error': t.colors.red[9],
      [`--mantine-color-${t.primaryColor}-light-hover`]: halfway(primary[1], primary[2]),
    },
    dark: { '--mantine-color-dimmed': t.colors.dark[1] },
  };
};
