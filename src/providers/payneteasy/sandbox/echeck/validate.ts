import { expectedSaleControl, expectedStatusControl, minorUnits, type EcheckMerchant } from './control';

/** A refusal as the document shows it: type=validation-error with error-message and error-code. */
export interface Refusal {
  type: 'validation-error' | 'error';
  errorCode: string;
  errorMessage: string;
}

const refuse = (errorCode: string, errorMessage: string): Refusal => ({ type: 'validation-error', errorCode, errorMessage });

/** The document's example answer for an unknown endpoint, word for word: "End point with id 39790 not found", code 3. */
export const unknownEndpoint = (endpointId: string) => refuse('3', `End point with id ${endpointId} not found`);

/** Not in the document (it shows only the unknown endpoint): the sandbox's wording for a control that does not verify. */
export const badControl = () => refuse('2', 'Control code is invalid');

/** Fields the sandbox requires: the document's Required ones that the control and the debit need (docs/payneteasy.md). */
const REQUIRED = ['client_orderid', 'order_desc', 'amount', 'currency', 'email', 'routing_number', 'account_number', 'control'] as const;

export function validateSale(merchant: EcheckMerchant, f: Record<string, string>): Refusal | undefined {
  const missing = REQUIRED.find((name) => !f[name]);
  if (missing) return refuse('1', `Field ${missing} is required`);
  if (f.client_orderid!.length > 128) return refuse('1', 'Field client_orderid is too long');
  if (!minorUnits(f.amount!) || f.amount!.length > 10 || minorUnits(f.amount!) === '0') return refuse('1', 'Field amount is invalid');
  if (f.currency !== 'USD') return refuse('1', `Currency ${f.currency} is not supported by this end point`);
  if (!/^\d{9}$/.test(f.routing_number!)) return refuse('1', 'Field routing_number must be 9 digits');
  if (!/^\d{4,17}$/.test(f.account_number!)) return refuse('1', 'Field account_number is invalid');
  if (f.check_number && f.check_number.length > 22) return refuse('1', 'Field check_number is too long');
  if (f.check_date && !/^\d{2}\/\d{2}\/\d{4}$/.test(f.check_date)) return refuse('1', 'Field check_date must be MM/DD/YYYY');
  const control = expectedSaleControl(merchant, { client_orderid: f.client_orderid!, amount: f.amount!, email: f.email! });
  if (f.control !== control) return badControl();
  return undefined;
}

export function validateStatus(merchant: EcheckMerchant, f: Record<string, string>): Refusal | undefined {
  if (!f.login || !f.client_orderid || !f.control) return refuse('1', 'Fields login, client_orderid and control are required');
  if (f.login !== merchant.login) return refuse('1', 'Login is invalid');
  if (f.control !== expectedStatusControl(merchant, { client_orderid: f.client_orderid, orderid: f.orderid ?? '' })) return badControl();
  return undefined;
}
