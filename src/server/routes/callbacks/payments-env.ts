import { createPaymentsEnv, type PaymentsEnv } from '../../../domain/payments/payments-env';
import type { AppDeps } from '../../../graphql/context';

/** A PaymentsEnv for one callback or return request, on its own EntityManager fork. */
export function paymentsEnvOf(deps: AppDeps): PaymentsEnv {
  return createPaymentsEnv({
    em: deps.orm.em,
    hashKey: deps.hashKey,
    registry: deps.providers,
    cipher: deps.cipher,
    log: deps.log,
    providerTimeoutMs: deps.config.payments.providerTimeoutMs,
  });
}
