import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A software passkey authenticator for tests: real P-256 keys, real CBOR attestation ("none") and
 * real ECDSA signatures, so the server's WebAuthn checks run unchanged. Like a platform
 * authenticator it keeps discoverable credentials and verifies its user unless told otherwise.
 */
interface Credential {
  id: Buffer;
  rpId: string;
  userHandle: Buffer;
  key: KeyObject;
  counter: number;
}
interface CreateOptions {
  challenge: string;
  rp: { id?: string };
  user: { id: string };
}
interface GetOptions {
  challenge: string;
  rpId?: string;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const b64 = (data: Buffer | Uint8Array) => Buffer.from(data).toString('base64url');
const counterBytes = (n: number) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(n);
  return out;
};
const flags = { userPresent: 0x01, userVerified: 0x04, attestedData: 0x40 };

export class TestAuthenticator {
  readonly credentials: Credential[] = [];
  /** whether the next ceremonies verify the user (PIN or fingerprint) */
  userVerified = true;

  constructor(private readonly origin: string) {}

  private clientData(type: string, challenge: string, origin = this.origin) {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  private flagByte(extra = 0) {
    return Buffer.from([flags.userPresent | (this.userVerified ? flags.userVerified : 0) | extra]);
  }

  /** navigator.credentials.create, as @simplewebauthn/browser's startRegistration answers it */
  create(options: CreateOptions) {
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const coseKey = new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]);
    const id = randomBytes(16);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const authData = Buffer.concat([
      sha256(rpId),
      this.flagByte(flags.attestedData),
      counterBytes(0),
      Buffer.alloc(16), // AAGUID
      idLength,
      id,
      Buffer.from(isoCBOR.encode(coseKey)),
    ]);
    const attestation = isoCBOR.encode(
      new Map<string, string | Map<string, string> | Uint8Array>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', authData],
      ]),
    );
    this.credentials.push({
      id,
      rpId,
      userHandle: Buffer.from(options.user.id, 'base64url'),
      key: privateKey,
      counter: 0,
    });
    return {
      id: b64(id),
      rawId: b64(id),
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64(this.clientData('webauthn.create', options.challenge)),
        attestationObject: b64(attestation),
        transports: ['internal'],
      },
      clientExtensionResults: {},
    };
  }

  /** navigator.credentials.get with a discoverable credential (the latest made for this site) */
  get(options: GetOptions, origin = this.origin) {
    const rpId = options.rpId ?? new URL(this.origin).hostname;
    const credential = this.credentials.findLast((c) => c.rpId === rpId);
    if (!credential) throw new Error(`no credential for ${rpId}`);
    credential.counter += 1;
    const authData = Buffer.concat([sha256(rpId), this.flagByte(), counterBytes(credential.counter)]);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, origin);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.key);
    return {
      id: b64(credential.id),
      rawId: b64(credential.id),
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64(clientDataJSON),
        authenticatorData: b64(authData),
        signature: b64(signature),
        userHandle: b64(credential.userHandle),
      },
      clientExtensionResults: {},
    };
  }
}
