import Fastify, {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Server as HttpsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { PonsError, httpStatusOf, isPonsError } from '../errors.js';
import { accessHook, type Access, type Authenticator } from './access.js';
import { auditHook, needsAuditDeclaration, type AuditDeclaration, type AuditSink } from './audit-hook.js';

export type App = FastifyInstance<HttpsServer, IncomingMessage, ServerResponse, Logger, TypeBoxTypeProvider>;
export type { RawServerDefault };

interface RouteOptions {
  method: string | string[];
  url: string;
  config?: { access?: Access; audit?: AuditDeclaration };
}

export interface DeclaredRoute {
  method: string | string[];
  url: string;
  access: Access | undefined;
  audit: AuditDeclaration | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    declaredRoutes(): DeclaredRoute[];
  }
}

export interface HttpOptions {
  logger: Logger;
  metrics: Metrics;
  /** `ticketKeys` (48 bytes) lets clients resume TLS sessions across restarts; `ticketLifetimeS` bounds them. */
  tls: { cert: string; key: string; ticketKeys?: Buffer; ticketLifetimeS?: number };
  trustedProxies: string[];
  authenticator: Authenticator;
  /** Where state-changing requests are recorded. */
  audit: AuditSink;
}

/** Turns any thrown value into our error body; the stack goes to the log, never to the client. */
function toPonsError(error: FastifyError | Error): PonsError {
  if (isPonsError(error)) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const first = fastifyError.validation[0];
    const where = first?.instancePath ? `"${first.instancePath}"` : (fastifyError.validationContext ?? 'request');
    const what =
      first?.keyword === 'additionalProperties'
        ? `has an unknown field "${String((first.params as { additionalProperty?: string }).additionalProperty)}"`
        : (first?.message ?? 'is invalid');
    return new PonsError('PONS_E_VALIDATION', `The ${fastifyError.validationContext ?? 'request'} is invalid: ${where} ${what}.`);
  }
  if (fastifyError.statusCode === 413)
    return new PonsError('PONS_E_PAYLOAD_TOO_LARGE', 'The request body is larger than this route accepts.');
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new PonsError('PONS_E_VALIDATION', 'Send the body as application/json.');
  if (fastifyError.statusCode === 400) return new PonsError('PONS_E_VALIDATION', `The request is malformed: ${fastifyError.message}.`);
  return new PonsError('PONS_E_INTERNAL', 'The server failed to handle this request; the error is in its log.', undefined, {
    cause: error,
  });
}

export function createHttpApp(options: HttpOptions): App {
  const app = Fastify({
    loggerInstance: options.logger,
    // Requests are logged by our onResponse hook at debug level, with secrets redacted.
    logController: new LogController({ disableRequestLogging: true }),
    https: {
      cert: options.tls.cert,
      key: options.tls.key,
      minVersion: 'TLSv1.2',
      ...(options.tls.ticketKeys ? { ticketKeys: options.tls.ticketKeys, sessionTimeout: options.tls.ticketLifetimeS } : {}),
    },
    trustProxy: options.trustedProxies.length > 0 ? options.trustedProxies : false,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  // Uploads (package files, files sent to a machine) arrive as raw bytes and are streamed to where
  // they go, never held in memory: the handler gets the request stream.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
  app.decorateRequest('principal', null);
  app.decorateRequest('auditTarget', null);
  app.decorateRequest('auditError', null);

  // Every route must declare its access rule. Plugins' routes get theirs from a scoped onRoute
  // hook that runs after this one, so the check happens once all routes are known.
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onReady', (done) => {
    const name = (r: RouteOptions) => `${String(r.method)} ${r.url}`;
    const missing = routes.filter((r) => !r.config?.access);
    if (missing.length > 0) {
      done(new Error(`routes without an access rule (every route must declare one): ${missing.map(name).join(', ')}`));
      return;
    }
    const unaudited = routes.filter((r) => needsAuditDeclaration(r.method) && !r.config?.audit);
    if (unaudited.length > 0) {
      done(new Error(`state-changing routes without an audit declaration: ${unaudited.map(name).join(', ')}`));
      return;
    }
    done();
  });
  app.decorate('declaredRoutes', () =>
    routes.map((r) => ({ method: r.method, url: r.url, access: r.config?.access, audit: r.config?.audit })),
  );
  app.addHook('onRequest', accessHook(options.authenticator));
  app.addHook('onSend', auditHook(options.audit, options.logger));

  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    options.metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    request.log.debug({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'http');
    done();
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const pons = toPonsError(error);
    const status = httpStatusOf(pons.code);
    request.auditError = pons.code;
    if (status >= 500) request.log.error({ err: error, url: request.url }, 'request failed');
    else request.log.debug({ code: pons.code, url: request.url }, pons.message);
    if (pons.code === 'PONS_E_BANNED' && typeof pons.details?.retryAfterSeconds === 'number') {
      void reply.header('retry-after', String(pons.details.retryAfterSeconds));
    }
    void reply
      .status(status)
      .send({ error: { code: pons.code, message: pons.message, ...(pons.details ? { details: pons.details } : {}) } });
  });

  return app;
}
