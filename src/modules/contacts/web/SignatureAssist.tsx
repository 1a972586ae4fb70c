import { Alert, Textarea } from '@mantine/core';
import { IconWand } from '@tabler/icons-react';
import { useState } from 'react';
import type { ObjectMeta } from '../../../common/metadata';
import { searchObject } from '../../../web/api/search';
import { formatAddress } from '../../../web/components/fields/format';
import { parseSignature, type SignatureFields } from './signature';

interface SignatureAssistProps {
  meta: ObjectMeta;
  onFill: (values: Record<string, unknown>) => void;
}

const simpleFields = ['firstName', 'lastName', 'title', 'email', 'phone'] as const;

/** Finds an existing account by the company name in the signature; never creates one silently. */
async function matchAccount(company: string): Promise<string | null> {
  const hits = await searchObject('accounts', company).catch(() => []);
  const exact = hits.find((h) => h.title.trim().toLowerCase() === company.trim().toLowerCase());
  return exact?.id ?? null;
}

/** Paste a signature; the new-contact form fills with what can be recognised. */
export function SignatureAssist({ meta, onFill }: SignatureAssistProps) {
  const [text, setText] = useState('');
  const [summary, setSummary] = useState<string | null>(null);
  const has = (name: string) => meta.fields.some((f) => f.name === name && !f.readOnly && !f.retired);
  const addressField = meta.fields.find((f) => f.type === 'address' && !f.readOnly && !f.retired);

  const fill = async (pasted: string) => {
    const found: SignatureFields = parseSignature(pasted);
    const values: Record<string, unknown> = {};
    const filled: string[] = [];
    for (const name of simpleFields) {
      if (found[name] && has(name)) {
        values[name] = found[name];
        filled.push(meta.fields.find((f) => f.name === name)?.label ?? name);
      }
    }
    const leftovers: string[] = [];
    if (found.company) {
      const accountId = has('accountId') ? await matchAccount(found.company) : null;
      if (accountId) {
        values.accountId = accountId;
        filled.push(`account (${found.company})`);
      } else leftovers.push(`Company: ${found.company}`);
    }
    if (found.address) {
      if (addressField) {
        values[addressField.name] = found.address;
        filled.push(addressField.label);
      } else leftovers.push(`Address: ${formatAddress(found.address)}`);
    }
    if (found.website) leftovers.push(`Website: ${found.website}`);
    if (leftovers.length && has('notes')) {
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

  return (
    <>
      <Textarea
        label="Paste an email signature"
        description="Name, title, company, email, phone and address are filled in where they can be recognised."
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
          {summary}
        </Alert>
      )}
    </>
  );
}
