import { Select, type SelectProps } from '@mantine/core';
import { useWorkspaceTeams } from '../../api/users';

/** Picks a team of the workspace (a filter by the owners' team). */
export function TeamSelect(props: Omit<SelectProps, 'data'>) {
  const teams = useWorkspaceTeams();
  return <Select {...props} searchable data={teams.map((t) => ({ value: t.id, label: t.name }))} />;
}
