import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { startDeviceSession, type StartDeviceSessionCommand } from '../../domain/inbound/device-sessions';
import { Scope } from '../../domain/sites/api-key.entity';
import { actingSiteIdOf } from '../../domain/tenancy';
import type { DeviceFlow } from '../../providers/provider';
import { runMutation } from '../common/mutation';
import type { Context } from '../context';
import { dbId, loadResults, money } from '../payments/payments-context';
import { StartCardVerificationInput, StartDeviceSaleInput, StartDeviceTransferInput, type DeviceSessionInput } from './device-session.input';
import { StartDeviceSessionPayload } from './device-session.payload';

const DESCRIPTION =
  "Scope PAY. Your server starts what the customer's app then performs with the provider directly (Payneteasy Device API " +
  '"Initiate …", docs/payneteasy.md): the answer is what the app sends the provider. Same as the app calling ' +
  '/providers/payneteasy/…/initiate-… itself.';

@Resolver()
export class DeviceSessionMutationsResolver {
  @Mutation(() => StartDeviceSessionPayload, { nullable: true, description: `${DESCRIPTION} A verification saves the card (clientCardId) without a payment.` })
  startCardVerification(@Arg('input') input: StartCardVerificationInput, @Ctx() ctx: Context): Promise<StartDeviceSessionPayload> {
    return start(ctx, 'startCardVerification', input, { flow: 'verification', currency: input.currency });
  }

  @Mutation(() => StartDeviceSessionPayload, { nullable: true, description: `${DESCRIPTION} With sourcePaymentMethodId: a repeat sale by a saved card.` })
  startDeviceSale(@Arg('input') input: StartDeviceSaleInput, @Ctx() ctx: Context): Promise<StartDeviceSessionPayload> {
    const amount = money(input.amount, ['input', 'amount'])!;
    const sourceCardId = dbId(input.sourcePaymentMethodId, 'PaymentMethod', ['input', 'sourcePaymentMethodId']);
    return start(ctx, 'startDeviceSale', input, { flow: 'sale', currency: amount.currency, amount, sourceCardId });
  }

  @Mutation(() => StartDeviceSessionPayload, { nullable: true, description: `${DESCRIPTION} A transfer may pause for the customer's fee choice (AWAITING_FEE_SELECTION → selectTransferFee).` })
  startDeviceTransfer(@Arg('input') input: StartDeviceTransferInput, @Ctx() ctx: Context): Promise<StartDeviceSessionPayload> {
    const amount = money(input.amount, ['input', 'amount'])!;
    const sourceCardId = dbId(input.sourcePaymentMethodId, 'PaymentMethod', ['input', 'sourcePaymentMethodId']);
    const destinationCardId = dbId(input.destinationPaymentMethodId, 'PaymentMethod', ['input', 'destinationPaymentMethodId']);
    return start(ctx, 'startDeviceTransfer', input, { flow: 'transfer', currency: amount.currency, amount, sourceCardId, destinationCardId });
  }
}

type Parts = Omit<StartDeviceSessionCommand, 'provider' | 'accessToken' | 'deviceId'> & { flow: DeviceFlow };

async function start(ctx: Context, operation: string, input: DeviceSessionInput, parts: Parts): Promise<StartDeviceSessionPayload> {
  const deps = { registry: ctx.deps.providers, cipher: ctx.deps.cipher, rootEm: ctx.deps.orm.em as never };
  const result = await runMutation(ctx, { operation, scope: Scope.PAY, input }, async (tx) => {
    const cmd = { ...parts, provider: input.provider, accessToken: input.accessToken, deviceId: input.deviceId };
    const { session, transactionId } = await startDeviceSession(tx, deps, actingSiteIdOf(tx)!, cmd);
    return { ...session, transactionId, sourceClientCardId: parts.sourceCardId ?? null, destinationClientCardId: parts.destinationCardId ?? null };
  });
  const { transaction } = await loadResults(ctx, result);
  const session = { ...result, expiresAt: new Date(result.expiresAt) };
  return { session, transaction, userErrors: [], replayed: result.replayed };
}
