import type { Settings } from '../env';
import { DataFolderStore, type FileStore } from './fileStore';
import { S3Store } from './s3Store';

/** The file store the operator chose (RAPPORT_FILE_STORE): every part of the server gets its store here. */
export function fileStoreFor(settings: Settings): FileStore {
  if (settings.RAPPORT_FILE_STORE === 'data-folder') return new DataFolderStore(settings.RAPPORT_DATA_DIR);
  const region = settings.RAPPORT_S3_REGION;
  return new S3Store({
    endpoint: settings.RAPPORT_S3_ENDPOINT ?? `https://s3.${region}.amazonaws.com`,
    region,
    bucket: settings.RAPPORT_S3_BUCKET!,
    pathStyle: settings.RAPPORT_S3_PATH_STYLE === '1',
    credentials: {
      accessKeyId: settings.RAPPORT_S3_ACCESS_KEY_ID!,
      secretAccessKey: settings.RAPPORT_S3_SECRET_ACCESS_KEY!,
    },
  });
}
