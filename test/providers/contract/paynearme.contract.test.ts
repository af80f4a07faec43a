import { payNearMeContract } from '../paynearme/contract-fixture';
import { providerContract } from './contract-suite';

providerContract(payNearMeContract);
