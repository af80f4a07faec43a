import { paysafecardContract } from '../paysafecard/contract-fixture';
import { providerContract } from './contract-suite';

providerContract(paysafecardContract);
