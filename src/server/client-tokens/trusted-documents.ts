import type { FastifyInstance, FastifyReply } from 'fastify';
import { documentHash, type TrustedDocuments } from '../../client/trusted-documents';
import { clientTokenBearer } from '../../domain/client-tokens/client-token-secret';
import manifest from '../../../schema/trusted-documents.json';

export const TRUSTED_DOCUMENTS: TrustedDocuments = manifest;
export const NOT_TRUSTED = 'PERSISTED_QUERY_NOT_TRUSTED';

function persistedHash(body: Record<string, unknown>): string | undefined {
  const extensions = body.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined;
  const hash = extensions?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

function refuse(reply: FastifyReply, status: number, message: string) {
  return reply.code(status).type('application/json; charset=utf-8').send({ errors: [{ message, extensions: { code: NOT_TRUSTED } }] });
}

/**
 * Trusted documents: the operations in schema/operations, registered by hash at build time
 * (schema/trusted-documents.json). Anyone may send a registered hash alone (Apollo's persisted-query shape) and
 * the gateway fills in the text; a client token may run nothing else, and is refused here before parsing.
 */
export function registerTrustedDocuments(app: FastifyInstance, path: string, documents: TrustedDocuments = TRUSTED_DOCUMENTS): void {
  app.addHook('preValidation', async (request, reply) => {
    if (request.routeOptions.url !== path || request.method === 'OPTIONS') return;
    const clientToken = clientTokenBearer(request.headers.authorization) !== undefined;
    const body = request.body;
    if (request.method === 'POST' && body && typeof body === 'object' && !Array.isArray(body)) {
      const fields = body as Record<string, unknown>;
      const hash = persistedHash(fields);
      if (typeof fields.query !== 'string' && hash && documents[hash]) fields.query = documents[hash].query;
      if (!clientToken || (typeof fields.query === 'string' && documents[documentHash(fields.query)])) return;
    } else if (!clientToken) {
      return;
    }
    request.log.info({ code: NOT_TRUSTED }, 'request refused: client token with an unregistered document');
    return refuse(reply, 403, 'client tokens may run only the trusted documents (schema/trusted-documents.json): POST a registered extensions.persistedQuery.sha256Hash, or its exact query text');
  });
}
