import { Alert, Button, Group, Skeleton, Stack } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useUnsavedInput } from './discardGuard';
import { useNavigate } from '@tanstack/react-router';
import { Suspense, useState } from 'react';
import type { ObjectMeta } from '../../../common/metadata';
import { ApiError, fieldErrorMap } from '../../api/http';
import { useCreateRecord } from '../../api/records';
import { webRegistry } from '../../registry';
import { recordTitle } from '../fields/recordTitle';
import { useFormWatch } from './formWatch';
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

  const submit = () =>
    create.mutate(meaningful(values), {
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

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={getHotkeyHandler([['mod+S', submit]])}
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
          onChange={(name, value) => setValues((prev) => ({ ...prev, [name]: value }))}
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
        <Group justify="flex-end" pos="sticky" bottom={0} py="xs" bg="var(--mantine-color-body)">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create {meta.label.toLowerCase()}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
