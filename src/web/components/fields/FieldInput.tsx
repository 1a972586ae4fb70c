import {
  Checkbox,
  Fieldset,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { FieldMeta } from '../../../common/metadata';
import { addressPartLabels, addressParts, type Address } from '../../../common/address';
import { webRegistry } from '../../registry';
import { formatFieldText, isAddress } from './format';
import { ReferenceInput } from './ReferenceInput';
import { UserSelect } from './UserSelect';

export interface FieldInputProps {
  /** the object the field belongs to: its module may give one of its fields an input of its own */
  object: string;
  field: FieldMeta;
  value: unknown;
  onChange: (value: unknown) => void;
  /** server errors keyed by path (`billingAddress.city`) */
  errors?: Record<string, string>;
  autoFocus?: boolean;
  /** hide the visible label (grid cells), keeping it for assistive technology */
  hideLabel?: boolean;
  /** inside a popover, dropdowns must render inline or a click in them closes the popover */
  inPopover?: boolean;
}

const asText = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const asList = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
const emptyToNull = (text: string) => (text === '' ? null : text);

/** The input for one field: a module's own for this field or its type, else the built-in one for the type. */
export function FieldInput(props: FieldInputProps) {
  const Contributed = webRegistry().fieldRenderer(props.object, props.field).input;
  return Contributed ? <Contributed {...props} /> : <BuiltInFieldInput {...props} />;
}

function BuiltInFieldInput({
  field,
  value,
  onChange,
  errors = {},
  autoFocus,
  hideLabel,
  inPopover,
}: FieldInputProps) {
  const comboboxProps = inPopover ? { withinPortal: false } : undefined;
  const common = {
    label: hideLabel ? undefined : field.label,
    'aria-label': hideLabel ? field.label : undefined,
    required: field.required,
    error: errors[field.name],
    autoFocus,
    // Help and an example, as the field declares them; the compact editors of a list cell go without.
    description: hideLabel ? undefined : field.help,
    placeholder: field.example,
  };
  switch (field.type) {
    case 'longtext':
      return (
        <Textarea
          {...common}
          autosize
          minRows={3}
          maxRows={12}
          value={asText(value)}
          onChange={(e) => onChange(emptyToNull(e.currentTarget.value))}
        />
      );
    case 'number':
    case 'integer':
      return (
        <NumberInput
          {...common}
          allowDecimal={field.type === 'number'}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(v === '' ? null : typeof v === 'number' ? v : Number(v))}
        />
      );
    case 'money':
      return (
        <TextInput
          {...common}
          inputMode="decimal"
          placeholder={field.example ?? '0.00'}
          value={asText(value)}
          onChange={(e) => onChange(emptyToNull(e.currentTarget.value.trim()))}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={asText(value)}
          onChange={(e) => onChange(emptyToNull(e.currentTarget.value))}
        />
      );
    case 'datetime':
      return (
        <TextInput
          {...common}
          type="datetime-local"
          value={value ? asText(value).slice(0, 16) : ''}
          onChange={(e) =>
            onChange(e.currentTarget.value ? new Date(e.currentTarget.value).toISOString() : null)
          }
        />
      );
    case 'boolean':
      return (
        <Checkbox
          label={field.label}
          error={errors[field.name]}
          autoFocus={autoFocus}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          mt={hideLabel ? 0 : 'xs'}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          comboboxProps={comboboxProps}
          clearable
          searchable
          data={field.options ?? []}
          value={value ? String(value) : null}
          onChange={(v) => onChange(v)}
        />
      );
    case 'multiselect':
      return (
        <MultiSelect
          {...common}
          comboboxProps={comboboxProps}
          clearable
          searchable
          data={field.options ?? []}
          value={asList(value)}
          onChange={onChange}
        />
      );
    case 'tags':
    case 'emails':
    case 'phones':
      return (
        <TagsInput
          {...common}
          value={asList(value)}
          onChange={onChange}
          clearable
          placeholder={field.example ? `e.g. ${field.example}, then Enter` : 'Type and press Enter'}
        />
      );
    case 'reference':
      if (field.reference === 'users')
        return (
          <UserSelect
            {...common}
            comboboxProps={comboboxProps}
            value={value ? String(value) : null}
            onChange={onChange}
          />
        );
      return field.reference ? (
        <ReferenceInput
          object={field.reference}
          label={field.label}
          required={field.required}
          autoFocus={autoFocus}
          value={value ? String(value) : null}
          onChange={onChange}
          error={errors[field.name]}
          inPopover={inPopover}
        />
      ) : null;
    case 'link':
    case 'links':
      // Links to records of any object are set by the module that makes them (an activity's links).
      return (
        <TextInput
          {...common}
          value={formatFieldText(field, value)}
          readOnly
          description="Set where the link is made"
        />
      );
    case 'address': {
      const address: Address = isAddress(value) ? value : {};
      return (
        <Fieldset legend={field.label} variant="filled">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            {addressParts.map((part, index) => (
              <TextInput
                key={part}
                label={addressPartLabels[part]}
                autoFocus={autoFocus && index === 0}
                value={asText(address[part])}
                error={errors[`${field.name}.${part}`]}
                onChange={(e) => onChange({ ...address, [part]: emptyToNull(e.currentTarget.value) })}
              />
            ))}
          </SimpleGrid>
          {errors[field.name] && (
            <Text c="var(--mantine-color-error)" size="xs" mt={4}>
              {errors[field.name]}
            </Text>
          )}
        </Fieldset>
      );
    }
    default:
      return (
        <TextInput
          {...common}
          type={
            field.type === 'email'
              ? 'email'
              : field.type === 'url'
                ? 'url'
                : field.type === 'phone'
                  ? 'tel'
                  : 'text'
          }
          value={asText(value)}
          onChange={(e) => onChange(emptyToNull(e.currentTarget.value))}
        />
      );
  }
}
