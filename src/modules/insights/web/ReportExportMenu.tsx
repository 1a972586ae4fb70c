import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import { apiBase } from '../../../web/api/http';
import { notifyFailure } from '../../../web/api/notify';
import { downloadPosted } from '../../../web/components/list/exportView';
import type { ReportQuery } from '../contract';

const formats = [
  { format: 'csv', label: 'CSV (.csv)' },
  { format: 'xlsx', label: 'Excel (.xlsx)' },
  { format: 'pdf', label: 'PDF, chart and table (.pdf)' },
] as const;

/** Downloads the report as it stands (saved or not), run on the server as the signed-in user sees it. */
export function ReportExportMenu({ query, name }: { query: ReportQuery; name: string }) {
  const download = (format: (typeof formats)[number]['format']) => {
    const params = new URLSearchParams({ format, ...(name ? { title: name } : {}) });
    downloadPosted(`${apiBase}/insights/reports/export?${params}`, query, `report.${format}`).catch(
      (error: unknown) => notifyFailure(error, 'The report was not exported'),
    );
  };
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button
          size="compact-sm"
          variant="default"
          leftSection={<IconDownload size={14} />}
          rightSection={<IconChevronDown size={12} />}
        >
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {formats.map(({ format, label }) => (
          <Menu.Item key={format} onClick={() => download(format)}>
            {label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
