import { Alert, Button, Group, Skeleton, Stack } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useUnsavedInput } from './discardGuard';
import { useNavigate } from '@tanstack/react-router';
import { Suspense, useState } from 'react';
import type { ObjectMeta } from '../../../common/metadata';
import { ApiError, fieldErrorMap } from '../../api/http';
import { useCreateRecord } from '../../api/records';
import type { CreateWarning } from '../../modules';
import { webRegistry } from '../../registry';
import { recordTitle } from '../fields/recordTitle';
import { useFormWatch } from './formWatch';
import { CreateWarnings } from './CreateWarnings';
import { RecordForm } from './RecordForm';

interface RecordCreateFormProps {
  meta: ObjectMeta;
  prefill: Record<string, unknown>;
  onClose: () => void;
}

/** Drops untouched empty values so the server applies its own defaults. */
function meaningful(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(
      ([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

export function RecordCreateForm({ meta, prefill, onClose }: RecordCreateFormProps) {
  const [values, setValues] = useState<Record<string, unknown>>(prefill);
  const create = useCreateRecord(meta.name);
  const watch = useFormWatch(meta.name);
  const navigate = useNavigate();
  const errors = fieldErrorMap(create.error);
  useUnsavedInput(JSON.stringify(meaningful(values)) !== JSON.stringify(meaningful(prefill)));
  const Assist = webRegistry().recordFormAssist(meta.name);
  const unplacedErrors =
    create.error instanceof ApiError && !create.error.isTransient
      ? create.error.fieldErrors.filter(
          (e) => !meta.fields.some((f) => e.path === f.name || e.path.startsWith(`${f.name}.`)),
        )
      : [];

  const [warnings, setWarnings] = useState<CreateWarning[]>([]);
  const [checking, setChecking] = useState(false);

  /** Runs the modules' checks (likely duplicates) first, unless the person chose to create anyway. */
  const submit = async (anyway = false) => {
    const body = meaningful(values);
    if (!anyway) {
      setChecking(true);
      // A check that fails (a 400 for a bad value) leaves it to the create to report the error beside the field.
      const found = await Promise.all(
        webRegistry()
          .recordCreateChecks(meta)
          .map((c) => c.check(meta, body).catch(() => null)),
      ).finally(() => setChecking(false));
      const shown = found.filter((w): w is CreateWarning => w !== null && w.records.length > 0);
      setWarnings(shown);
      if (shown.length) return;
    }
    setWarnings([]);
    create.mutate(body, {
      onSuccess: (record) => {
        watch.completed();
        notifications.show({
          color: 'teal',
          title: `${meta.label} created`,
          message: recordTitle(meta, record),
        });
        onClose();
        void navigate({ to: '/o/$object/$id', params: { object: meta.name, id: record.id } });
      },
    });
  };
  const open = (object: string, id: string) => {
    onClose();
    void navigate({ to: '/o/$object/$id', params: { object, id } });
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={getHotkeyHandler([['mod+S', () => void submit()]])}
    >
      <Stack>
        {Assist && (
          <Suspense fallback={<Skeleton h={60} />}>
            <Assist meta={meta} onFill={(filled) => setValues((prev) => ({ ...prev, ...filled }))} />
          </Suspense>
        )}
        <RecordForm
          meta={meta}
          values={values}
          onChange={(name, value) => {
            setWarnings([]);
            setValues((prev) => ({ ...prev, [name]: value }));
          }}
          errors={errors}
          watch={watch}
          autoFocusFirst={!Assist}
        />
        {create.error instanceof ApiError &&
          !create.error.isTransient &&
          (!create.error.fieldErrors.length || unplacedErrors.length > 0) && (
            <Alert color="red" title={create.error.problem?.title ?? 'Not saved'}>
              {unplacedErrors.length
                ? unplacedErrors.map((e) => `${e.path}: ${e.message}`).join('; ')
                : create.error.message}
            </Alert>
          )}
        {warnings.length > 0 && (
          <CreateWarnings warnings={warnings} onOpen={open} onCreateAnyway={() => void submit(true)} />
        )}
        <Group justify="flex-end" pos="sticky" bottom={0} py="xs" bg="var(--mantine-color-body)">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || checking}>
            Create {meta.label.toLowerCase()}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
