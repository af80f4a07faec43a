import type { InboundRequest, InboundRoute, InboundRoutesDeclaration } from '../../facets';
import { listCards } from './cards';
import { check, verifyCheck } from './check';
import { refuse } from './errors';
import { initiate, startSession } from './initiate';
import { notify, verifyNotification } from './notification';
import { appCredentialsOf, PATH, type Flow } from './wire';

/** The document's bodies are small; 16 KiB bounds every merchant-server request with room to spare. */
export const DAPI_BODY_LIMIT_BYTES = 16 * 1024;

const FLOWS: readonly Flow[] = ['verification', 'sale', 'transfer'];

const appToken = { kind: 'app-access-token', read: appCredentialsOf } as const;

/** The app may retry an Initiate with an Idempotency-Key header and gets the same invoiceId and nonce back. */
function headerKey(request: InboundRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  return typeof value === 'string' && value.length > 0 && value.length <= 255 ? value : undefined;
}

const sessionToken = (request: InboundRequest) => (request.body as { session?: { token?: string } }).session?.token;

function flowRoutes(flow: Flow): InboundRoute[] {
  return [
    {
      method: 'POST',
      path: PATH.initiate[flow],
      authentication: appToken,
      idempotencyScope: `initiate-${flow}`,
      idempotencyKey: (request, caller) => {
        const key = headerKey(request);
        return key && `${caller.customerId ?? ''}:${caller.deviceId}:${key}`;
      },
      handle: (request, caller, services) => initiate(flow, request, caller, services),
    },
    {
      method: 'POST',
      path: PATH.check[flow],
      authentication: { kind: 'provider-signature', verify: verifyCheck(flow) },
      idempotencyScope: `check-${flow}`,
      // Payneteasy retrying the same check gets the same answer; another session token is refused as a replay.
      idempotencyKey: (request) => `${request.params.invoiceId}:${sessionToken(request)}`,
      handle: (request, caller, services) => check(flow, request, caller, services),
    },
    {
      method: 'POST',
      path: PATH.notification[flow],
      authentication: { kind: 'provider-signature', verify: verifyNotification(flow) },
      idempotencyScope: `notification-${flow}`,
      idempotencyKey: (request) => sessionToken(request),
      handle: (request, caller, services) => notify(flow, request, caller, services),
    },
  ];
}

/**
 * The merchant-server endpoints of Payneteasy's Device API (docs/payneteasy.md "Mobile Device API"), mounted
 * by the gateway under /providers/payneteasy: the app's initiate calls, Payneteasy's check calls and card-mapping
 * notifications, and the app's list of saved cards.
 */
export const dapiInboundRoutes: InboundRoutesDeclaration = {
  bodyLimitBytes: DAPI_BODY_LIMIT_BYTES,
  refuse,
  startSession,
  routes: [
    ...FLOWS.flatMap(flowRoutes),
    {
      method: 'POST',
      path: PATH.cards,
      authentication: appToken,
      idempotencyScope: 'cards',
      idempotencyKey: () => undefined,
      handle: (_request, caller, services) => listCards(caller, services),
    },
  ],
};
