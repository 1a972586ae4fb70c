import { Anchor, Card, Group, Image, Text, Title } from '@mantine/core';
import type { RecordViewProps } from '../../../web/modules';
import { useContactPhotos } from './api';

/** The contact's photo kept from a vCard import, on its page; nothing when there is none. */
export function ContactPhotoPanel({ record }: RecordViewProps) {
  const photos = useContactPhotos(record.id);
  const [photo] = photos.data ?? [];
  if (!photo) return null;
  const name = [record.firstName, record.lastName].filter(Boolean).join(' ');
  return (
    <Card withBorder data-testid="contact-photo">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Photo</Title>
        <Anchor href={photo.url} download size="sm">
          Download
        </Anchor>
      </Group>
      <Image src={photo.url} alt={name ? `Photo of ${name}` : 'Photo'} maw={160} radius="sm" />
      <Text size="xs" c="dimmed" mt="xs">
        From a vCard import on {photo.createdAt.slice(0, 10)}
      </Text>
    </Card>
  );
}
