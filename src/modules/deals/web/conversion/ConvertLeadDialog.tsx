import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { ObjectMeta } from '../../../../common/metadata';
import { ApiError, fieldErrorMap } from '../../../../web/api/http';
import { useObjectMeta } from '../../../../web/api/metadata';
import type { CrmRecord } from '../../../../web/api/records';
import { FieldInput } from '../../../../web/components/fields/FieldInput';
import { FieldValue } from '../../../../web/components/fields/FieldValue';
import { dealContactRoleLabels, dealContactRoles, type DealContactRole } from '../../contract';
import { usePipelines } from '../api';
import { AccountChoice, type AccountDraft } from './AccountChoice';
import { useConvertLead, type LeadConversionDraft } from './api';

interface ConvertLeadDialogProps {
  contact: CrmRecord;
  meta: ObjectMeta;
  onClose: () => void;
}

/** The errors under `deal.`, keyed by the deal's own field names, for the deal's inputs. */
function dealErrors(errors: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(errors).flatMap(([path, message]) =>
      path.startsWith('deal.') ? [[path.slice(5), message]] : [],
    ),
  );
}

function accountInput(account: AccountDraft): LeadConversionDraft['account'] {
  if (account.mode === 'existing') return account.id ? { id: account.id } : undefined;
  const name = account.name.trim();
  const domain = account.domain.trim();
  return name ? { name, ...(domain ? { domain } : {}) } : undefined;
}

/** One step from a qualified lead to selling: the account (found or created), the contact and a deal. */
export function ConvertLeadDialog({ contact, meta, onClose }: ConvertLeadDialogProps) {
  const navigate = useNavigate();
  const dealMeta = useObjectMeta('deals');
  const pipelines = usePipelines().data ?? [];
  const convert = useConvertLead(contact.id);
  const fallback = pipelines.find((p) => p.isDefault) ?? pipelines[0];
  const [account, setAccount] = useState<AccountDraft>({ mode: 'new', name: '', domain: '' });
  const [name, setName] = useState('');
  const [pipelineId, setPipelineId] = useState<string | null>(null);
  const [stageId, setStageId] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [role, setRole] = useState<DealContactRole>('champion');
  const pipeline = pipelines.find((p) => p.id === pipelineId) ?? fallback;
  const openStages = pipeline?.stages.filter((s) => !s.outcome) ?? [];
  const errors = fieldErrorMap(convert.error);
  const forDeal = dealErrors(errors);
  const hasAccount = typeof contact.accountId === 'string';
  const accountField = meta.fields.find((f) => f.name === 'accountId');
  const dealFields = ['amount', 'closeDate'].flatMap(
    (n) => dealMeta?.fields.filter((f) => f.name === n) ?? [],
  );

  // Awaited rather than a mutate callback: converting ends the lead, whose page then drops this dialog.
  const submit = async () => {
    const result = await convert.mutateAsync({
      ...(hasAccount ? {} : { account: accountInput(account) }),
      deal: {
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(pipeline ? { pipelineId: pipeline.id } : {}),
        ...(stageId ? { stageId } : {}),
        ...(values.amount != null ? { amount: values.amount as string } : {}),
        ...(values.closeDate != null ? { closeDate: values.closeDate as string } : {}),
        role,
      },
    });
    notifications.show({
      color: 'green',
      title: 'Lead converted',
      message: `${String(result.deal.name)} is open${result.accountCreated ? `, for the new account ${String(result.account.name)}` : ''}.`,
    });
    onClose();
    await navigate({ to: '/o/$object/$id', params: { object: 'deals', id: String(result.deal.id) } });
  };

  const general =
    convert.error instanceof ApiError && Object.keys(errors).length === 0 ? convert.error : null;
  return (
    <Modal opened onClose={onClose} title="Convert this lead" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          // A refusal shows beside the inputs (convert.error); nothing else to do with it here.
          submit().catch(() => undefined);
        }}
      >
        <Stack>
          <Text size="sm">
            The person becomes a contact of the account, marked qualified, and a deal opens with them on it.
            The lead&apos;s source stays on the deal, and nothing of its history is lost.
          </Text>
          {general ? <Alert color="red">{general.message}</Alert> : null}
          <Stack gap="xs">
            <Title order={2} size="h5">
              Account
            </Title>
            {hasAccount && accountField ? (
              <Text size="sm" component="div">
                Their company:{' '}
                <FieldValue
                  object={meta.name}
                  field={accountField}
                  value={contact.accountId}
                  record={contact}
                />
              </Text>
            ) : (
              <AccountChoice value={account} onChange={setAccount} errors={errors} />
            )}
          </Stack>
          <Stack gap="xs">
            <Title order={2} size="h5">
              Deal
            </Title>
            <TextInput
              label="Deal name"
              description="Left empty: the account's name and “new business”"
              value={name}
              error={forDeal.name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label="Pipeline"
                data={pipelines.map((p) => ({ value: p.id, label: p.name }))}
                value={pipeline?.id ?? null}
                allowDeselect={false}
                error={forDeal.pipelineId}
                onChange={(id) => {
                  setPipelineId(id);
                  setStageId(null);
                }}
              />
              <Select
                label="Stage"
                data={openStages.map((s) => ({ value: s.id, label: s.name }))}
                value={stageId ?? openStages[0]?.id ?? null}
                allowDeselect={false}
                error={forDeal.stageId}
                onChange={setStageId}
              />
              {dealFields.map((field) => (
                <FieldInput
                  key={field.name}
                  object="deals"
                  field={field}
                  value={values[field.name] ?? null}
                  errors={forDeal}
                  onChange={(v) => setValues((current) => ({ ...current, [field.name]: v }))}
                />
              ))}
              <Select
                label="Their role in the deal"
                data={dealContactRoles.map((r) => ({ value: r, label: dealContactRoleLabels[r] }))}
                value={role}
                allowDeselect={false}
                onChange={(r) => r && setRole(r as DealContactRole)}
              />
            </SimpleGrid>
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={convert.isPending}>
              Convert
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
