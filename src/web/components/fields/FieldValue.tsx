import { Anchor, Badge, Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { FieldMeta } from '../../../common/metadata';
import { useObjectMeta } from '../../api/metadata';
import { useSession } from '../../api/session';
import { useUserName } from '../../api/users';
import type { FieldDisplayProps } from '../../modules';
import { webRegistry } from '../../registry';
import { formatFieldText, optionLabel, safeHref } from './format';
import { currencyOf, formatMoney } from './money';
import { useFormattedPhone } from './phoneFormat';
import { recordTitle } from './recordTitle';
import { useReferencedRecord } from './referenceNames';

interface FieldValueProps extends FieldDisplayProps {
  /** the object the field belongs to: its module may show one of its fields its own way */
  object: string;
  /** the record the value is from: money is shown in its currency, unless the field is in the base currency */
  record?: Record<string, unknown>;
}

function MoneyValue({
  field,
  value,
  record,
  compact,
}: {
  field: FieldMeta;
  value: unknown;
  record?: Record<string, unknown>;
  compact?: boolean;
}) {
  const base = useSession()?.workspace.baseCurrency ?? 'USD';
  const currency = field.inBaseCurrency ? base : currencyOf(record, base);
  const text = formatMoney(String(value), currency, compact);
  return compact ? (
    <>{text}</>
  ) : (
    <Text span size="sm">
      {text}
    </Text>
  );
}

function PhoneText({ value }: { value: string }) {
  return <>{useFormattedPhone(value)}</>;
}

function ReferenceValue({ object, id, compact }: { object: string; id: string; compact?: boolean }) {
  const meta = useObjectMeta(object);
  const { data } = useReferencedRecord(object, id);
  if (compact) return <>{data ? recordTitle(meta, data) : '…'}</>;
  return (
    <Anchor
      renderRoot={(props) => <Link {...props} to="/o/$object/$id" params={{ object, id }} />}
      size="sm"
      onClick={(e) => e.stopPropagation()}
    >
      {data ? recordTitle(meta, data) : '…'}
    </Anchor>
  );
}

function UserValue({ id }: { id: string }) {
  return <>{useUserName(id) ?? 'Another user'}</>;
}

/** Renders any field value as text (never as markup), links only where safe; empty is a dash for every field. */
export function FieldValue({ object, field, value, compact, record }: FieldValueProps) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  }
  const Contributed = webRegistry().fieldRenderer(object, field).display;
  if (Contributed) return <Contributed field={field} value={value} compact={compact} />;
  const text = formatFieldText(field, value);
  if (field.type === 'money')
    return <MoneyValue field={field} value={value} record={record} compact={compact} />;
  if (field.type === 'phones' && Array.isArray(value))
    return (
      <>
        {value.map((v, i) => (
          <span key={String(v)}>
            {i > 0 && ', '}
            <PhoneText value={String(v)} />
          </span>
        ))}
      </>
    );
  if (compact && field.type === 'phone') return <PhoneText value={String(value)} />;
  // Grid cells are buttons themselves, so links inside them would nest interactive controls.
  if (compact && ['email', 'url', 'multiselect', 'tags'].includes(field.type)) return <>{text}</>;
  switch (field.type) {
    case 'reference':
      if (field.reference === 'users') return <UserValue id={String(value)} />;
      return field.reference ? (
        <ReferenceValue object={field.reference} id={String(value)} compact={compact} />
      ) : (
        <>{text}</>
      );
    case 'link':
    case 'links': {
      // Each linked record by its name (fetched in one batch per object), as a link outside grid cells.
      const links = (Array.isArray(value) ? value : [value]) as { object?: string; id?: string }[];
      return (
        <>
          {links
            .filter((l) => l?.object && l.id)
            .map((l, i) => (
              <span key={`${l.object}:${l.id}`}>
                {i > 0 && ', '}
                <ReferenceValue object={l.object!} id={l.id!} compact={compact} />
              </span>
            ))}
        </>
      );
    }
    case 'email':
      return (
        <Anchor href={`mailto:${String(value)}`} size="sm" onClick={(e) => e.stopPropagation()}>
          {text}
        </Anchor>
      );
    case 'phone':
      return (
        <Anchor
          href={`tel:${String(value).replace(/[^\d+]/g, '')}`}
          size="sm"
          onClick={(e) => e.stopPropagation()}
        >
          <PhoneText value={String(value)} />
        </Anchor>
      );
    case 'url': {
      const href = safeHref(String(value));
      return href ? (
        <Anchor
          href={href}
          target="_blank"
          rel="noopener noreferrer"
          size="sm"
          onClick={(e) => e.stopPropagation()}
        >
          {text}
        </Anchor>
      ) : (
        <>{text}</>
      );
    }
    case 'select':
      return (
        <Badge variant="light" size="sm" radius="sm" tt="none">
          {text}
        </Badge>
      );
    case 'multiselect':
    case 'tags':
      if (!Array.isArray(value) || compact) return <>{text}</>;
      return (
        <Group gap={4}>
          {value.map((v) => (
            <Badge key={String(v)} variant="outline" size="sm" radius="sm" tt="none">
              {field.type === 'multiselect' ? optionLabel(field, String(v)) : String(v)}
            </Badge>
          ))}
        </Group>
      );
    default:
      return compact ? (
        <>{text}</>
      ) : (
        <Text span size="sm" className="rp-text">
          {text}
        </Text>
      );
  }
}
