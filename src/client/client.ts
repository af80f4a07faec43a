import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, print, type DocumentNode } from 'graphql';

export interface PaygraphClientOptions {
  /** The GraphQL endpoint, e.g. https://pay.example.com/graphql. */
  url: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** Partners only: the merchant site to act for (its id), sent as X-Acting-Site. */
  actingSite?: string;
  /** Per-request time limit; the request is aborted after it. Default 30 s. */
  timeoutMs?: number;
  /** Another fetch (a proxy agent, a test double of the network); the global fetch by default. */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  /** Sent as Idempotency-Key. Reuse the same key when retrying the same mutation after a network failure. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface GraphqlErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; correlationId?: string; [key: string]: unknown };
}

/**
 * A request that did not produce a complete result: top-level GraphQL errors (unauthenticated, forbidden,
 * invalid query, internal), or a response that is not GraphQL at all. Mutation userErrors are not thrown:
 * they are data in the payload.
 */
export class PaygraphError extends Error {
  constructor(
    readonly status: number,
    readonly errors: GraphqlErrorBody[],
    readonly data?: unknown,
  ) {
    super(errors.map((e) => e.message).join('; ') || `HTTP ${status}`);
    this.name = 'PaygraphError';
  }

  /** The first error's code, e.g. UNAUTHENTICATED, FORBIDDEN, GRAPHQL_VALIDATION_FAILED. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/** Variables may be left out when the operation has none or all of them are optional. */
type VariablesArgs<V> = Record<string, never> extends V ? [variables?: V, options?: RequestOptions] : [variables: V, options?: RequestOptions];

const printed = new WeakMap<DocumentNode, string>();

/** A small fetch client for the generated typed documents (src/client/generated/graphql.ts). */
export class PaygraphClient {
  constructor(private readonly options: PaygraphClientOptions) {}

  /** The same client acting for another merchant site (partners). */
  forSite(actingSite: string): PaygraphClient {
    return new PaygraphClient({ ...this.options, actingSite });
  }

  async request<R, V>(document: TypedDocumentNode<R, V>, ...[variables, options = {}]: VariablesArgs<V>): Promise<R> {
    const { timeoutMs = 30_000, fetch: send = fetch } = this.options;
    const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
    const response = await send(this.options.url, {
      method: 'POST',
      headers: this.headers(options),
      body: JSON.stringify({ query: textOf(document), operationName: operationNameOf(document), variables: variables ?? {} }),
      signal: AbortSignal.any(signals),
    });
    const body = await parseBody(response);
    if (body.errors?.length || body.data === undefined || body.data === null) {
      throw new PaygraphError(response.status, body.errors ?? [], body.data ?? undefined);
    }
    return body.data as R;
  }

  private headers(options: RequestOptions): Record<string, string> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      authorization: `Bearer ${this.options.apiKey}`,
    };
    if (this.options.actingSite) headers['x-acting-site'] = this.options.actingSite;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    return headers;
  }
}

async function parseBody(response: Response): Promise<{ data?: unknown; errors?: GraphqlErrorBody[] }> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as { data?: unknown; errors?: GraphqlErrorBody[] };
    if (parsed && typeof parsed === 'object') return parsed;
  } catch {
    // fall through: a proxy's HTML error page or an empty body is reported by its status alone
  }
  return { errors: [{ message: `HTTP ${response.status}: not a GraphQL response` }] };
}

function textOf(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

function operationNameOf(document: DocumentNode): string | undefined {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operation?.kind === Kind.OPERATION_DEFINITION ? operation.name?.value : undefined;
}
