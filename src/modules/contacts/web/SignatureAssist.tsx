import { Alert, Button, Stack, Text, Textarea } from '@mantine/core';
import { IconBuildingPlus, IconWand } from '@tabler/icons-react';
import { useState } from 'react';
import type { ObjectMeta } from '../../../common/metadata';
import { useCreateRecord } from '../../../web/api/records';
import { searchObject } from '../../../web/api/search';
import { formatAddress } from '../../../web/components/fields/format';
import { parseSignature, type SignatureFields, type SignaturePhone } from './signature';

interface SignatureAssistProps {
  meta: ObjectMeta;
  onFill: (values: Record<string, unknown>) => void;
}

interface NewAccount {
  name: string;
  domain?: string;
}

/** Finds an existing account by the company name in the signature; never creates one silently. */
async function matchAccount(company: string): Promise<string | null> {
  const hits = await searchObject('accounts', company).catch(() => []);
  const exact = hits.find((h) => h.title.trim().toLowerCase() === company.trim().toLowerCase());
  return exact?.id ?? null;
}

/** A website as an account's domain: `https://www.acme.com/about` → `acme.com`. */
const domainOf = (website: string) =>
  website
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .split(/[/?#]/)[0]
    .toLowerCase();

/** The first phone of a kind, taken out of the list. */
function take(phones: SignaturePhone[], wanted?: SignaturePhone['kind']): string | undefined {
  const index = phones.findIndex((p) => !wanted || p.kind === wanted);
  return index < 0 ? undefined : phones.splice(index, 1)[0].number;
}

/**
 * Where each part of a signature goes on the contact: the office number to Phone, the mobile to
 * Mobile, the rest to Other phones, the address to the contact's address. What fits no field of the
 * form goes to the notes.
 */
function contactValues(found: SignatureFields, meta: ObjectMeta) {
  const fieldOf = (name: string) => meta.fields.find((f) => f.name === name && !f.readOnly && !f.retired);
  const values: Record<string, unknown> = {};
  const filled: string[] = [];
  const leftovers: string[] = [];
  const put = (name: string, value: unknown) => {
    const field = fieldOf(name);
    if (value === undefined || !field) return false;
    values[name] = value;
    filled.push(field.label);
    return true;
  };
  for (const name of ['firstName', 'lastName', 'title', 'email'] as const) put(name, found[name]);
  const phones = [...(found.phones ?? [])];
  if (fieldOf('mobilePhone')) put('mobilePhone', take(phones, 'mobile'));
  put('phone', take(phones, 'office') ?? take(phones));
  if (
    phones.length &&
    !put(
      'phones',
      phones.map((p) => p.number),
    )
  )
    leftovers.push(...phones.map((p) => `Phone (${p.kind}): ${p.number}`));
  const addressField = meta.fields.find((f) => f.type === 'address' && !f.readOnly && !f.retired);
  if (found.address && !(addressField && put(addressField.name, found.address)))
    leftovers.push(`Address: ${formatAddress(found.address)}`);
  return { values, filled, leftovers, hasAccount: Boolean(fieldOf('accountId')) };
}

/** Paste a signature; the new-contact form fills with what can be recognised. */
export function SignatureAssist({ meta, onFill }: SignatureAssistProps) {
  const [text, setText] = useState('');
  const [summary, setSummary] = useState<string | null>(null);
  const [newAccount, setNewAccount] = useState<NewAccount | null>(null);
  const createAccount = useCreateRecord('accounts');

  const fill = async (pasted: string) => {
    const found = parseSignature(pasted);
    const { values, filled, leftovers, hasAccount } = contactValues(found, meta);
    setNewAccount(null);
    if (found.company && hasAccount) {
      const accountId = await matchAccount(found.company);
      if (accountId) {
        values.accountId = accountId;
        filled.push(`account (${found.company})`);
      } else {
        // A new company: offered as an account with the website as its domain, never made silently.
        setNewAccount({ name: found.company, domain: found.website ? domainOf(found.website) : undefined });
      }
    } else {
      if (found.company) leftovers.push(`Company: ${found.company}`);
      if (found.website) leftovers.push(`Website: ${found.website}`);
    }
    if (leftovers.length && meta.fields.some((f) => f.name === 'notes')) {
      values.notes = leftovers.join('\n');
      filled.push('notes');
    }
    onFill(values);
    setSummary(
      filled.length
        ? `Filled ${filled.join(', ')}. Check before saving.`
        : 'Nothing recognisable in that text.',
    );
  };

  const addAccount = async (account: NewAccount) => {
    const created = await createAccount.mutateAsync({ ...account }).catch(() => null);
    if (!created) {
      // A domain the server refuses should not cost the account: try once more without it.
      const plain = await createAccount.mutateAsync({ name: account.name }).catch(() => null);
      if (!plain) return;
      onFill({ accountId: plain.id });
    } else onFill({ accountId: created.id });
    setNewAccount(null);
    setSummary((s) => `${s ?? ''} Account ${account.name} created.`.trim());
  };

  return (
    <>
      <Textarea
        label="Paste an email signature"
        description="Name, title, company, email, phones, website and address are filled in where they can be recognised."
        placeholder={'Jane Doe\nHead of Procurement | Acme Corp\njane@acme.com · +1 555 123 4567'}
        autosize
        minRows={2}
        maxRows={8}
        value={text}
        // Loaded after the form opens: autoFocus takes the focus on arrival, data-autofocus keeps the modal's trap on it.
        autoFocus
        data-autofocus
        onChange={(e) => setText(e.currentTarget.value)}
        onPaste={(e) => {
          const pasted = e.clipboardData.getData('text');
          if (pasted) setTimeout(() => void fill(pasted), 0);
        }}
        onBlur={() => text.trim() && !summary && void fill(text)}
      />
      {summary && (
        <Alert
          icon={<IconWand size={16} />}
          color="indigo"
          p="xs"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setSummary(null)}
        >
          <Stack gap={6}>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {summary}
            </Text>
            {newAccount && (
              <>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {newAccount.name} is not an account yet
                  {newAccount.domain ? ` (website ${newAccount.domain})` : ''}.
                </Text>
                <Button
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconBuildingPlus size={14} />}
                  loading={createAccount.isPending}
                  onClick={() => void addAccount(newAccount)}
                  aria-label={`Create account ${newAccount.name}`}
                  style={{ alignSelf: 'flex-start' }}
                >
                  Create account
                </Button>
              </>
            )}
          </Stack>
        </Alert>
      )}
    </>
  );
}
