import {
  Alert,
  Button,
  Container,
  FileInput,
  Group,
  Select,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useObjectMeta, useObjects } from '../../../web/api/metadata';
import { notifyFailure } from '../../../web/api/notify';
import type { ImportMapping, ImportMatch, ImportPreview } from '../contract';
import { usePreview, useStartImport } from './api';
import { ImportResult } from './ImportResult';
import { MappingTable } from './MappingTable';
import { SavedMappings } from './SavedMappings';

const matchFields = (object: string) =>
  object === 'contacts'
    ? [
        { value: 'email', label: 'Email' },
        { value: 'name', label: 'First and last name at the same account' },
      ]
    : object === 'accounts'
      ? [
          { value: 'domain', label: 'Domain' },
          { value: 'name', label: 'Name' },
        ]
      : [{ value: 'name', label: 'Name' }];

/** The import wizard: upload → mapping → preview with row errors → dry run → import with progress → result. */
export function ImportPage() {
  const search = useSearch({ from: '/app/import' });
  const objects = useObjects().filter((o) => o.name !== 'pipelines');
  const [object, setObject] = useState(search.object ?? 'contacts');
  const meta = useObjectMeta(object);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [match, setMatch] = useState<ImportMatch | null>(null);
  const [step, setStep] = useState(0);
  const [dryRunId, setDryRunId] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const previewing = usePreview();
  const starting = useStartImport();

  const look = async (withMapping?: ImportMapping) => {
    if (!file) return;
    try {
      const answer = await previewing.mutateAsync({ file, object, mapping: withMapping });
      setPreview(answer);
      if (!withMapping) setMapping(answer.suggestedMapping);
      setStep(withMapping ? 2 : 1);
    } catch (error) {
      notifyFailure(error, 'The file could not be read');
    }
  };
  const start = async (dryRun: boolean) => {
    if (!file) return;
    try {
      const { id } = await starting.mutateAsync({ file, object, mapping, match, dryRun });
      if (dryRun) setDryRunId(id);
      else setImportId(id);
      setStep(dryRun ? 3 : 4);
    } catch (error) {
      notifyFailure(error, 'The import could not start');
    }
  };
  const previewFields = Object.values(mapping);

  return (
    <Container size="lg" py="md">
      <Title order={1} size="h2" mb="md">
        Import {meta?.labelPlural.toLowerCase() ?? 'records'}
      </Title>
      <Stepper active={step} onStepClick={(s) => s < step && !importId && setStep(s)}>
        <Stepper.Step label="Upload" description="CSV, Excel or vCard">
          <Stack maw={520}>
            <Select
              label="Import into"
              data={objects.map((o) => ({ value: o.name, label: o.labelPlural }))}
              value={object}
              onChange={(v) => v && setObject(v)}
              allowDeselect={false}
            />
            <FileInput
              label="File"
              placeholder="Choose a .csv, .xlsx or .vcf file"
              accept=".csv,.txt,.tsv,.xlsx,.vcf"
              leftSection={<IconUpload size={16} />}
              // Mantine's placeholder grey is 2.6:1 on white; this one is real text here, so axe checks it.
              styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
              value={file}
              onChange={setFile}
            />
            <Group>
              <Button disabled={!file} loading={previewing.isPending} onClick={() => look()}>
                Next: map columns
              </Button>
            </Group>
          </Stack>
        </Stepper.Step>
        <Stepper.Step label="Map columns" description="Suggested for you">
          {preview && meta && (
            <Stack>
              <SavedMappings
                object={object}
                headers={preview.headers}
                mapping={mapping}
                match={match}
                onApply={(saved, savedMatch) => {
                  setMapping(saved);
                  setMatch(savedMatch);
                }}
              />
              <MappingTable meta={meta} preview={preview} mapping={mapping} onChange={setMapping} />
              <Group align="flex-end">
                <Select
                  label="When a row matches an existing record by"
                  placeholder="Do not match: always create"
                  data={matchFields(object)}
                  value={match?.field ?? null}
                  clearable
                  onChange={(v) => setMatch(v ? { field: v, onMatch: match?.onMatch ?? 'update' } : null)}
                />
                {match && (
                  <Select
                    label="then"
                    data={[
                      { value: 'update', label: 'Update it' },
                      { value: 'skip', label: 'Skip the row' },
                      { value: 'create', label: 'Create a new one anyway' },
                    ]}
                    value={match.onMatch}
                    allowDeselect={false}
                    onChange={(v) => v && setMatch({ ...match, onMatch: v as ImportMatch['onMatch'] })}
                  />
                )}
              </Group>
              <Group>
                <Button loading={previewing.isPending} onClick={() => look(mapping)}>
                  Next: preview
                </Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>
        <Stepper.Step label="Preview" description="First rows and their errors">
          {preview && (
            <Stack>
              <Table data-testid="import-preview">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Row</Table.Th>
                    {previewFields.map((f) => (
                      <Table.Th key={f}>{f}</Table.Th>
                    ))}
                    <Table.Th>Problems</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rows.map((r) => (
                    <Table.Tr key={r.row} bg={r.errors.length ? 'var(--mantine-color-red-light)' : undefined}>
                      <Table.Td>{r.row}</Table.Td>
                      {previewFields.map((f) => (
                        <Table.Td key={f}>{r.values[f] === undefined ? '' : String(r.values[f])}</Table.Td>
                      ))}
                      <Table.Td>
                        {r.errors.map((e) => `${e.field ?? 'row'}: ${e.message}`).join('; ')}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="sm" c="dimmed">
                A row with any problem is not imported; the other rows are.
              </Text>
              <Group>
                <Button variant="default" loading={starting.isPending} onClick={() => start(true)}>
                  Dry run over the whole file
                </Button>
                <Button loading={starting.isPending} onClick={() => start(false)}>
                  Import now
                </Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>
        <Stepper.Step label="Dry run" description="What would happen">
          {dryRunId && (
            <Stack>
              <Alert color="blue">Nothing is written by a dry run.</Alert>
              <ImportResult id={dryRunId} />
              <Group>
                <Button loading={starting.isPending} onClick={() => start(false)}>
                  Import now
                </Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>
        <Stepper.Completed>{importId && <ImportResult id={importId} />}</Stepper.Completed>
      </Stepper>
    </Container>
  );
}
