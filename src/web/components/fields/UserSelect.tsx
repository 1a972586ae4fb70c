import { Select, type SelectProps } from '@mantine/core';
import { useWorkspaceUsers } from '../../api/users';

/** Picks a user of the workspace (record owner, assignee). */
export function UserSelect(props: Omit<SelectProps, 'data'>) {
  const users = useWorkspaceUsers();
  return <Select {...props} searchable data={users.map((u) => ({ value: u.id, label: u.name }))} />;
}
