import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { introspectionFromSchema, type GraphQLSchema } from 'graphql';
import { createAssetStore, type Asset } from './playground-assets';
import { PLAYGROUND_HTML } from './playground-page';

/**
 * Scripts and connections only to this origin: even a compromised asset could not send a pasted API key
 * elsewhere. GraphiQL and CodeMirror set inline styles, and the bundled fonts are data: URLs.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * GET /playground: GraphiQL pointed at /graphql. Registered only when config.graphql.playground is on. With
 * introspection on, GET /playground/schema.json serves the introspection result without an API key, so the
 * Docs panel and autocomplete work before a key is pasted; the schema is the same for every key.
 */
export function registerPlayground(app: FastifyInstance, schema?: GraphQLSchema): void {
  const asset = createAssetStore();
  const introspection = schema ? JSON.stringify({ data: introspectionFromSchema(schema) }) : undefined;
  app.get('/playground/schema.json', async (_request, reply) => {
    if (!introspection) return reply.code(404).send({ error: 'introspection is off (GRAPHQL_INTROSPECTION=false)' });
    return reply.header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-cache').send(introspection);
  });
  app.get('/playground', async (_request, reply) => {
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache');
    return PLAYGROUND_HTML;
  });
  app.get<{ Params: { name: string } }>('/playground/assets/:name', async (request, reply) => {
    const found = asset(request.params.name);
    if (!found) return reply.callNotFound();
    return sendAsset(request, reply, found);
  });
}

/** no-cache with an ETag: a revalidation costs a 304, and an upgraded GraphiQL is picked up at once. */
function sendAsset(request: FastifyRequest, reply: FastifyReply, found: Asset) {
  reply
    .header('content-type', found.contentType)
    .header('etag', found.etag)
    .header('cache-control', 'no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === found.etag) return reply.code(304).send();
  if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    return reply.header('content-encoding', 'gzip').send(found.gzip);
  }
  return reply.send(found.body);
}
