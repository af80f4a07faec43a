import { parseCurrency } from '../../../src/domain/money';
import { cardGatewayModule } from '../../../src/providers/cardgateway';
import { DeclineReasonCode } from '../../../src/providers/provider';
import { providerContract } from './contract-suite';

providerContract({
  module: cardGatewayModule,
  currency: parseCurrency('EUR'),
  cards: {
    approved: '4111111111111111',
    declined: { number: '4000000000009995', reasonCode: DeclineReasonCode.INSUFFICIENT_FUNDS },
    lostAnswer: '4000000000000341',
    slow: '4000000000000077',
  },
  slowMs: 3_000,
});
