import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import type { ObjectMeta } from '../../../common/metadata';
import { downloadViewExport, exportPath, type ExportFormat } from './exportView';
import { listQueryParams, pruneFilter } from './filterModel';
import type { ListSearch } from './listSearch';

const formats: { format: ExportFormat; label: string; only?: string }[] = [
  { format: 'csv', label: 'CSV (.csv)' },
  { format: 'xlsx', label: 'Excel (.xlsx)' },
  { format: 'vcf', label: 'Address book (.vcf)', only: 'contacts' },
];

/**
 * Exports what the list shows, filtered and sorted, with names and labels in place of ids. A view the
 * query string can carry is a plain link the browser streams; one with "any" groups is posted.
 */
export function ExportMenu({ meta, search }: { meta: ObjectMeta; search: ListSearch }) {
  const params = listQueryParams(search);
  const post = (format: ExportFormat) =>
    downloadViewExport(meta.name, format, {
      filter: pruneFilter(search.filter),
      sort: search.sort,
      q: search.q,
    }).catch((error: Error) =>
      notifications.show({ color: 'red', title: 'Export failed', message: error.message }),
    );
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
        >
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {formats
          .filter(({ only }) => !only || only === meta.name)
          .map(({ format, label }) =>
            params ? (
              <Menu.Item
                key={format}
                component="a"
                href={`${exportPath(meta.name, format)}?${new URLSearchParams(format === 'vcf' ? params : [['format', format], ...params])}`}
                download
              >
                {label}
              </Menu.Item>
            ) : (
              <Menu.Item key={format} onClick={() => void post(format)}>
                {label}
              </Menu.Item>
            ),
          )}
      </Menu.Dropdown>
    </Menu>
  );
}
