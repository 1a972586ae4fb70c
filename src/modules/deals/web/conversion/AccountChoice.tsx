import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { searchObject } from '../../../../web/api/search';
import { ReferenceInput } from '../../../../web/components/fields/ReferenceInput';

/** Where the lead's deal goes: an account already in Rapport, or a company to create (unless one matches). */
export type AccountDraft =
  { mode: 'existing'; id: string | null } | { mode: 'new'; name: string; domain: string };

interface AccountChoiceProps {
  value: AccountDraft;
  onChange: (value: AccountDraft) => void;
  errors: Record<string, string>;
}

/** Accounts whose name is like the one typed: the duplicate a rep should use instead of creating another. */
function LikelyMatches({ name, onUse }: { name: string; onUse: (id: string) => void }) {
  const [term] = useDebouncedValue(name.trim(), 250);
  const matches = useQuery({
    queryKey: ['reference-search', 'accounts', term],
    enabled: term.length >= 2,
    queryFn: ({ signal }) => searchObject('accounts', term, signal),
  });
  const hits = (matches.data ?? []).slice(0, 3);
  if (term.length < 2 || hits.length === 0) return null;
  return (
    <Stack gap={4} role="group" aria-label="Accounts already in Rapport">
      <Text size="sm" fw={600}>
        Already in Rapport: use one of these instead of a new account?
      </Text>
      {hits.map((hit) => (
        <Group key={hit.id} justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm" truncate>
            {hit.title}
            {hit.subtitle ? (
              <Text span size="xs" c="dimmed">
                {' '}
                · {hit.subtitle}
              </Text>
            ) : null}
          </Text>
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => onUse(hit.id)}
            aria-label={`Use ${hit.title}`}
          >
            Use
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

/** The account half of a lead conversion, for a lead with no company yet. */
export function AccountChoice({ value, onChange, errors }: AccountChoiceProps) {
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label="Account"
        value={value.mode}
        onChange={(mode) =>
          onChange(mode === 'existing' ? { mode, id: null } : { mode: 'new', name: '', domain: '' })
        }
        data={[
          { value: 'new', label: 'New company' },
          { value: 'existing', label: 'Existing account' },
        ]}
      />
      {value.mode === 'existing' ? (
        <ReferenceInput
          object="accounts"
          label="Account"
          value={value.id}
          onChange={(id) => onChange({ mode: 'existing', id })}
          error={errors.account}
          required
        />
      ) : (
        <>
          <TextInput
            label="Company name"
            required
            value={value.name}
            error={errors.account ?? errors['account.name']}
            onChange={(e) => onChange({ ...value, name: e.currentTarget.value })}
          />
          <TextInput
            label="Website domain"
            description="An account with this domain is used instead of a new one"
            placeholder="acme.com"
            value={value.domain}
            error={errors['account.domain']}
            onChange={(e) => onChange({ ...value, domain: e.currentTarget.value })}
          />
          <LikelyMatches name={value.name} onUse={(id) => onChange({ mode: 'existing', id })} />
        </>
      )}
    </Stack>
  );
}
