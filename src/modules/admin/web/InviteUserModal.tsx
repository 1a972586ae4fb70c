import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { fieldErrorMap } from '../../../web/api/http';
import { type Role, roleOptions } from '../../auth/contract';
import { useAdminWrite, useTeams } from './api';
import { ShareLink } from './ShareLink';

const blank = { email: '', role: 'rep' as Role, teamId: null as string | null };

/** Invites by link: the invited person chooses their own name and password. */
export function InviteUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const teams = useTeams().data ?? [];
  const [values, setValues] = useState(blank);
  const invite = useAdminWrite<typeof blank, { url: string; emailed?: boolean }>(
    'POST',
    () => '/invitations',
    (v) => v,
  );
  const errors = fieldErrorMap(invite.error);
  const close = () => {
    invite.reset();
    setValues(blank);
    onClose();
  };
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={close} title="Invite a user">
      {invite.data ? (
        <Stack>
          <ShareLink
            url={invite.data.url}
            label={`Invitation link for ${values.email}`}
            help={
              invite.data.emailed
                ? 'We are emailing this link to them. It works once, within seven days; they choose their own name and password.'
                : 'Send this link to them (by email or chat); to have Rapport email invitations, set an outgoing mail server in the mail settings. It works once, within seven days; they choose their own name and password.'
            }
          />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            invite.mutate(values);
          }}
        >
          <Stack>
            <TextInput
              label="Email"
              type="email"
              required
              data-autofocus
              value={values.email}
              onChange={(e) => setValues({ ...values, email: e.currentTarget.value })}
              error={errors.email}
            />
            <Select
              label="Role"
              data={roleOptions}
              value={values.role}
              onChange={(r) => r && setValues({ ...values, role: r as Role })}
              allowDeselect={false}
              error={errors.role}
            />
            <Select
              label="Team"
              clearable
              data={teams.map((t) => ({ value: t.id, label: t.name }))}
              value={values.teamId}
              onChange={(teamId) => setValues({ ...values, teamId })}
              error={errors.teamId}
            />
            {invite.error && !Object.keys(errors).length && (
              <Text c="var(--mantine-color-error)" size="sm" role="alert">
                {invite.error.message}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={invite.isPending}>
                Create invitation link
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
