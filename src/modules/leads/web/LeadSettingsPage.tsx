import { Alert, Stack, Title } from '@mantine/core';
import { useSession } from '../../../web/api/session';
import { AssignmentRulesPanel } from './AssignmentRulesPanel';
import { ScoringRulesPanel } from './ScoringRulesPanel';

/** Settings › Leads: how leads are scored and who gets them (admins). */
export function LeadSettingsPage() {
  const session = useSession();
  if (session?.user.role !== 'admin')
    return <Alert color="yellow">Only an admin can change lead rules.</Alert>;
  return (
    <Stack gap="md">
      <Title order={1} size="h3">
        Lead rules
      </Title>
      <ScoringRulesPanel />
      <AssignmentRulesPanel />
    </Stack>
  );
}
