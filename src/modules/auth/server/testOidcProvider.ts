import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { Provider } from 'oidc-provider';

/** Who the tests' identity provider signs in next, as if they had typed their password there. */
export interface TestAccount {
  email: string;
  emailVerified: boolean;
  name?: string;
  /** The person cancels at the provider instead of signing in. */
  cancels?: boolean;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
}

/**
 * A real OpenID Provider for the tests (oidc-provider, the certified implementation) on loopback:
 * discovery, keys, authorization with PKCE, token and user info, RS256-signed ID tokens. Its only
 * shortcut is the interaction: the next account set with `signInAs` is signed in and consents at once.
 */
export async function startTestOidcProvider(clients: TestClient[], redirectUri: string, host = '127.0.0.1') {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test-key' };
  const accounts = new Map<string, TestAccount>();
  let next: TestAccount = { email: 'nobody@example.com', emailVerified: false };

  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    jwks: { keys: [signingKey] },
    cookies: { keys: ['test-provider-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      return (
        account && {
          accountId: sub,
          claims: () => ({
            sub,
            email: account.email,
            email_verified: account.emailVerified,
            name: account.name,
          }),
        }
      );
    },
  });
  const handle = provider.callback();

  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (next.cancels)
        return provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'The sign-in was cancelled' },
          { mergeWithLastSubmission: false },
        );
      if (details.prompt.name === 'login') {
        accounts.set(next.email, next);
        return provider.interactionFinished(
          req,
          res,
          { login: { accountId: next.email } },
          { mergeWithLastSubmission: false },
        );
      }
      const grant =
        (details.grantId && (await provider.Grant.find(details.grantId))) ||
        new provider.Grant({
          accountId: details.session!.accountId,
          clientId: String(details.params.client_id),
        });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      return provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  return {
    issuer,
    signInAs(account: TestAccount) {
      next = account;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestOidcProvider = Awaited<ReturnType<typeof startTestOidcProvider>>;
