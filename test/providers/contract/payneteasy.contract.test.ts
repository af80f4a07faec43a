import { payneteasyContract } from '../payneteasy/contract-fixture';
import { providerContract } from './contract-suite';

providerContract(payneteasyContract);
