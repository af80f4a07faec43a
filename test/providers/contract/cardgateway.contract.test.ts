import { cardGatewayContract } from '../cardgateway/contract-fixture';
import { providerContract } from './contract-suite';

providerContract(cardGatewayContract);
