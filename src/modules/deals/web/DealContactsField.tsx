import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useObjectMeta } from '../../../web/api/metadata';
import type { FieldInputProps } from '../../../web/components/fields/FieldInput';
import { recordTitle } from '../../../web/components/fields/recordTitle';
import { ReferenceInput } from '../../../web/components/fields/ReferenceInput';
import { useReferencedRecord } from '../../../web/components/fields/referenceNames';
import type { FieldDisplayProps } from '../../../web/modules';
import { dealContactRoleLabels, dealContactRoles, type DealContact } from '../contract';

const asContacts = (value: unknown): DealContact[] => (Array.isArray(value) ? (value as DealContact[]) : []);
const roleOptions = dealContactRoles.map((r) => ({ value: r, label: dealContactRoleLabels[r] }));

function ContactName({ id }: { id: string }) {
  const meta = useObjectMeta('contacts');
  const contact = useReferencedRecord('contacts', id);
  return <>{contact.data ? recordTitle(meta, contact.data) : '…'}</>;
}

/** The people in a deal, each with the part they play. */
export function DealContactsValue({ value, compact }: FieldDisplayProps) {
  const contacts = asContacts(value);
  if (compact) return <>{contacts.length ? `${contacts.length} contacts` : ''}</>;
  return (
    <Stack gap={2}>
      {contacts.map((c) => (
        <Text key={c.contactId} size="sm">
          <ContactName id={c.contactId} /> · {dealContactRoleLabels[c.role]}
        </Text>
      ))}
    </Stack>
  );
}

export function DealContactsInput({ field, value, onChange, errors = {} }: FieldInputProps) {
  const contacts = asContacts(value);
  const set = (i: number, patch: Partial<DealContact>) =>
    onChange(contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <Stack gap="xs" role="group" aria-label={field.label}>
      <Text size="sm" fw={500}>
        {field.label}
      </Text>
      {contacts.map((c, i) => (
        <Group key={i} align="flex-end" wrap="nowrap">
          <ReferenceInput
            object="contacts"
            label="Contact"
            value={c.contactId || null}
            error={errors[`${field.name}.${i}.contactId`]}
            onChange={(id) => set(i, { contactId: id ?? '' })}
          />
          <Select
            label="Role"
            data={roleOptions}
            value={c.role}
            allowDeselect={false}
            onChange={(role) => set(i, { role: (role ?? 'user') as DealContact['role'] })}
            w={150}
          />
          <ActionIcon
            variant="subtle"
            aria-label="Remove contact"
            onClick={() => onChange(contacts.filter((_, j) => j !== i))}
            mb={4}
          >
            <IconX size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconPlus size={14} />}
        onClick={() => onChange([...contacts, { contactId: '', role: 'influencer' }])}
        w="fit-content"
      >
        Add a contact
      </Button>
    </Stack>
  );
}
