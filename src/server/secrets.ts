import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DomainError } from '../common/errors';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

// scrypt is memory-hard: N=2^15, r=8 needs 32 MiB per hash.
const cost = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password.normalize('NFKC'), salt, 32, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: cost.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

/** A dummy hash so unknown emails take as long as wrong passwords. */
export const decoyHash =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$mKMGTjzr+GrUUKoxKj4QCc7GhfwOEpRKMtpoHX8/bjE=';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * A sealed secret that this server's key cannot open: the database was restored without the
 * `secret.key` (or `RAPPORT_SECRET`) it was written with. The operator must put the key back.
 */
export class SecretKeyMismatch extends DomainError {
  constructor() {
    super(
      503,
      'Secret key missing',
      "A stored secret cannot be read: this server's key (RAPPORT_DATA_DIR/secret.key or RAPPORT_SECRET) is not the one it was sealed with. Restore the key that was kept with the backup.",
    );
  }
}

/**
 * Encrypts secrets the workspace stores (TOTP seeds, mail passwords) with AES-256-GCM.
 * The key is RAPPORT_SECRET, or a key file made once in the data folder.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: string | undefined, dataDir: string) {
    if (secret) {
      this.key = createHash('sha256').update(secret).digest();
      return;
    }
    const file = join(dataDir, 'secret.key');
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    }
    this.key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }

  /** A keyed digest (HMAC-SHA256, base64url): a value only this server can compute, such as a feed token from its stored salt. */
  mac(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      'v1',
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      body.toString('base64'),
    ].join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1') throw new Error('Unknown secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretKeyMismatch();
    }
  }
}
