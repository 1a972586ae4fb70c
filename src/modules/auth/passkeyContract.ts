import { z } from 'zod';

/** A WebAuthn binary value as the browser sends it (base64url), bounded. */
const base64url = z
  .string()
  .max(16_000)
  .regex(/^[A-Za-z0-9_-]*$/, 'expected base64url');

const credential = {
  id: base64url.min(1).max(1400),
  rawId: base64url.min(1).max(1400),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()),
};

/** What `navigator.credentials.create()` answered, as @simplewebauthn/browser's startRegistration gives it. */
export const registrationResponse = z.object({
  ...credential,
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    authenticatorData: base64url.optional(),
    transports: z.array(z.string().max(20)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url.optional(),
  }),
});

/** What `navigator.credentials.get()` answered, as startAuthentication gives it. */
export const authenticationResponse = z.object({
  ...credential,
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
});

/** The options to hand to the browser's WebAuthn call (startRegistration / startAuthentication). */
export const passkeyOptions = z.object({ options: z.record(z.string(), z.unknown()) });

export const passkeyAddInput = z
  .object({ name: z.string().trim().min(1).max(60), response: registrationResponse })
  .strict();

export const passkeySignInInput = z.object({ response: authenticationResponse }).strict();

export const passkeyView = z.object({
  id: z.string(),
  name: z.string(),
  /** synced across the user's devices by their platform or password manager */
  backedUp: z.boolean(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type PasskeyView = z.infer<typeof passkeyView>;
export const passkeyList = z.object({ passkeys: z.array(passkeyView) });
