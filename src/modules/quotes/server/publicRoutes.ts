import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../common/errors';
import { parse } from '../../../server/http/validate';
import type { Platform } from '../../../server/platform';
import { customerAnswer, publicQuote } from '../contract';
import { answerQuote, publicQuoteOf } from './customerLink';
import { quotePage } from './quotePage';

/** The customer's side, with no sign-in: the token is the only key, and a page of one quote. */
export function publicQuoteRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi, registry, db } = platform;
  const limited = { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } };
  const token = (request: FastifyRequest) => (request.params as { token: string }).token;

  openapi.add({
    method: 'get',
    path: '/public/quotes/{token}',
    tag: 'Quotes',
    summary:
      "A customer link's quote: its lines, totals and status only (no sign-in; 404 or 410 for a bad link)",
    response: publicQuote,
  });
  app.get('/api/v1/public/quotes/:token', limited, async (request) => publicQuoteOf(db, token(request)));
  for (const [path, answer] of [
    ['accept', 'accepted'],
    ['decline', 'declined'],
  ] as const) {
    openapi.add({
      method: 'post',
      path: `/public/quotes/{token}/${path}`,
      tag: 'Quotes',
      summary: `The customer ${answer} the quote with their name (409 once answered or past its validity)`,
      body: customerAnswer,
      response: publicQuote,
    });
    app.post(`/api/v1/public/quotes/:token/${path}`, limited, async (request) => {
      const { name } = parse(customerAnswer, request.body);
      return answerQuote(db, registry, token(request), answer, name, request.ip);
    });
  }

  // The page itself: server-rendered, no script, a form that posts back here (so the page works under the CSP).
  const page = async (reply: FastifyReply, t: string, notice: string | null, status = 200) => {
    const quote = await publicQuoteOf(db, t);
    return reply.status(status).type('text/html; charset=utf-8').send(quotePage(quote, notice));
  };
  const failure = (reply: FastifyReply, error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    return reply.status(error.status).type('text/html; charset=utf-8').send(quotePage(null, error.message));
  };
  app.get('/q/:token', limited, async (request, reply) => {
    try {
      return await page(reply, token(request), null);
    } catch (error) {
      return failure(reply, error);
    }
  });
  app.register(async (scoped) => {
    scoped.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    scoped.post('/q/:token', limited, async (request, reply) => {
      const form = (request.body ?? {}) as { name?: string; answer?: string };
      try {
        const answer = form.answer === 'decline' ? 'declined' : 'accepted';
        const { name } = parse(customerAnswer, { name: form.name });
        await answerQuote(db, registry, token(request), answer, name, request.ip);
        return await page(reply, token(request), `Thank you, ${name}: the quote is ${answer}.`);
      } catch (error) {
        // A refused answer shows the quote again with the reason; a bad link shows the reason alone.
        if (error instanceof DomainError && (error.status === 400 || error.status === 409))
          return page(reply, token(request), error.message, error.status).catch((e: unknown) =>
            failure(reply, e),
          );
        return failure(reply, error);
      }
    });
  });
}
