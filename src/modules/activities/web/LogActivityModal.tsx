import {
  Alert,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { fieldErrorMap } from '../../../web/api/http';
import { activityTypeLabels, outcomeLabels, outcomes } from '../contract';
import { useLogActivity } from './api';
import { AttachmentPicker, UploadProgress } from './AttachmentPicker';
import { useAttachFiles } from './attachmentUpload';
import { logActivity, loggedTypes, type LoggedType } from './logActivity';

/** `datetime-local` wants local time without a zone; the API wants UTC. */
const localInput = (date: Date) =>
  new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

function Form({ type: initial, object, id }: { type: LoggedType; object: string; id: string }) {
  const [type, setType] = useState<LoggedType>(initial);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [outcome, setOutcome] = useState<string | null>(type === 'call' ? 'connected' : null);
  const [when, setWhen] = useState(localInput(new Date()));
  const [files, setFiles] = useState<File[]>([]);
  const [logged, setLogged] = useState(false);
  const log = useLogActivity();
  const { uploads, attach } = useAttachFiles();
  const errors = fieldErrorMap(log.error);
  useEffect(() => setOutcome(type === 'call' ? 'connected' : null), [type]);
  const task = type === 'task';

  const submit = () => {
    const at = new Date(when).toISOString();
    log.mutate(
      {
        type,
        subject: subject.trim() || undefined,
        body: body.trim() || undefined,
        ...(task ? { dueAt: at } : { occurredAt: at }),
        ...(type === 'call' ? { direction: 'outbound', outcome: outcome ?? undefined } : {}),
        links: [{ object, id }],
      },
      {
        onSuccess: async (activity) => {
          setLogged(true);
          // Logged first, then its files: a file that fails leaves the activity and says why.
          if (!files.length || (await attach(activity.id, files))) logActivity.open(null);
        },
      },
    );
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack>
        <SegmentedControl
          aria-label="Type"
          value={type}
          onChange={(v) => setType(v as LoggedType)}
          data={loggedTypes.map((t) => ({ value: t, label: activityTypeLabels[t] }))}
        />
        <TextInput
          label="Subject"
          data-autofocus
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          error={errors.subject}
          placeholder={task ? 'Send the proposal' : 'What was it about?'}
        />
        {type === 'call' && (
          <Select
            label="Outcome"
            data={outcomes.map((o) => ({ value: o, label: outcomeLabels[o] }))}
            value={outcome}
            onChange={setOutcome}
          />
        )}
        <Textarea
          label={task ? 'Details' : 'Notes'}
          autosize
          minRows={3}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={errors.body}
        />
        <TextInput
          type="datetime-local"
          label={task ? 'Due' : 'When'}
          value={when}
          onChange={(e) => setWhen(e.currentTarget.value)}
          error={errors.occurredAt ?? errors.dueAt}
        />
        {!logged && <AttachmentPicker files={files} onChange={setFiles} />}
        <UploadProgress uploads={uploads} />
        {log.error && !Object.keys(errors).length && <Alert color="red">{log.error.message}</Alert>}
        {logged ? (
          <Group justify="space-between">
            <Text size="sm">The {activityTypeLabels[type].toLowerCase()} is logged.</Text>
            <Button
              onClick={() => logActivity.open(null)}
              disabled={uploads.some((u) => !u.done && !u.error)}
            >
              Close
            </Button>
          </Group>
        ) : (
          <Group justify="flex-end">
            <Button variant="default" onClick={() => logActivity.open(null)}>
              Cancel
            </Button>
            <Button type="submit" loading={log.isPending}>
              Log {activityTypeLabels[type].toLowerCase()}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

/** The quick "Log activity" form of a record page: a call, note, meeting or task linked to the record. */
export function LogActivityModal({ object, id }: { object: string; id: string }) {
  const request = logActivity.use();
  const opened = request !== null && request.object === object && request.id === id;
  return (
    <Modal opened={opened} onClose={() => logActivity.open(null)} title="Log activity" size="lg">
      {opened && <Form key={`${request.type}-${request.id}`} {...request} />}
    </Modal>
  );
}
