import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/**
 * A real S3-compatible server on loopback for tests (s3rver, files in a temporary folder), with one
 * empty bucket; `env` is what an operator would set to use it.
 */
export async function startS3Server(bucket = 'rapport-files') {
  const directory = mkdtempSync(join(tmpdir(), 'rapport-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  return {
    env: {
      RAPPORT_FILE_STORE: 's3',
      RAPPORT_S3_ENDPOINT: `http://127.0.0.1:${port}`,
      RAPPORT_S3_REGION: 'us-east-1',
      RAPPORT_S3_BUCKET: bucket,
      RAPPORT_S3_ACCESS_KEY_ID: 'S3RVER',
      RAPPORT_S3_SECRET_ACCESS_KEY: 'S3RVER',
      RAPPORT_S3_PATH_STYLE: '1',
    },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
