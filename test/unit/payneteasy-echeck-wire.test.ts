import { parseCurrency } from '../../src/kernel/money';
import { ProviderError } from '../../src/providers/provider';
import { saleAnswer, saleOutcome } from '../../src/providers/payneteasy/echeck/mapping';
import { parseForm, v2Response } from '../../src/providers/payneteasy/echeck/wire';
import { minorUnits } from '../../src/providers/payneteasy/sandbox/echeck/control';
import { readForm } from '../../src/providers/payneteasy/sandbox/echeck/form';
import { unknownEndpoint, validateSale } from '../../src/providers/payneteasy/sandbox/echeck/validate';

const USD = parseCurrency('USD');

/** payneteasy-sale-echeck.md "Request Example", body as printed (one "&name=value" per line, unencoded). */
const REQUEST_EXAMPLE = `client_orderid=902B4FF5
&order_desc=Test Order Description
&first_name=John
&last_name=Smith
&ssn=1267
&birthday=19820115
&address1=100 Main st
&city=Seattle
&state=WA
&zip_code=98102
&country=US
&phone=+12063582043
&amount=10.55
&email=john.smith@example.com
&currency=USD
&ipaddress=65.153.12.232
&routing_number=113024588
&account_number=1234567890
&check_number=77778888
&check_date=02/22/2025
&bank_name=testbank
&server_callback_url=https%3A%2F%2Fhttpstat.us%2F200
&control=5ce2641b344bf35930ba9536055d24f038a1065b`;

/** "Success Response Example" and "Fail Response Example": each value ends in 0xA. */
const SUCCESS = 'type=async-response\n&serial-number=00000000-0000-0000-0000-000002e3450d\n&merchant-order-id=902B4FF5\n&paynet-order-id=6994012\n&end-point-id=39790\n';
const FAIL = 'type=validation-error\n&serial-number=00000000-0000-0000-0000-000002b36f64\n&merchant-order-id=inv4097763\n&error-message=End+point+with+id+39790+not+found\n&error-code=3\n';

describe('the sale-echeck document examples', () => {
  it('parses the request example into the document\'s fields, 10.55 being 1055 minor units in the control', () => {
    const f = readForm(REQUEST_EXAMPLE);
    expect(f).toMatchObject({ client_orderid: '902B4FF5', order_desc: 'Test Order Description', address1: '100 Main st', amount: '10.55', routing_number: '113024588', account_number: '1234567890', check_date: '02/22/2025', server_callback_url: 'https://httpstat.us/200' });
    expect(Object.keys(f)).toHaveLength(23);
    expect(minorUnits(f.amount!)).toBe('1055');
    // "+" is a space in form encoding, and leading whitespace is omitted (the document's note).
    expect(f.phone).toBe('12063582043');
  });

  it('refuses the request example\'s control under another merchant control key (the document\'s key is redacted)', () => {
    const refused = validateSale({ endpointId: '39790', login: 'x', controlKey: 'not-the-documents-key' }, readForm(REQUEST_EXAMPLE));
    expect(refused).toMatchObject({ type: 'validation-error' });
  });

  it('understands the success response: async-response, the order taken in and processing', () => {
    const r = v2Response.parse(parseForm(SUCCESS));
    expect(r).toMatchObject({ type: 'async-response', 'merchant-order-id': '902B4FF5', 'paynet-order-id': '6994012', 'end-point-id': '39790' });
    expect(saleAnswer(r, USD)).toMatchObject({ status: 'processing', providerTransactionId: '6994012' });
  });

  it('understands the fail response as a final refusal with the document\'s text and code', () => {
    const r = v2Response.parse(parseForm(FAIL));
    expect(r['error-message']).toBe('End point with id 39790 not found');
    const error = (() => {
      try {
        return saleAnswer(r, USD);
      } catch (e) {
        return e;
      }
    })() as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect({ kind: error.kind, code: error.code, message: error.message }).toEqual({ kind: 'final', code: 'PAYNETEASY_3', message: 'Payneteasy refused the request: End point with id 39790 not found' });
    expect(unknownEndpoint('39790')).toEqual({ type: 'validation-error', errorCode: '3', errorMessage: 'End point with id 39790 not found' });
  });

  it('maps every status, an unknown one to processing', () => {
    const at = (status: string, code?: string) => saleOutcome({ type: 'status-response', status, 'error-code': code }, USD);
    expect(at('approved').status).toBe('succeeded');
    expect(at('APPROVED').status).toBe('succeeded');
    expect(at('declined', 'R01')).toMatchObject({ status: 'declined', code: 'R01', reasonCode: 'INSUFFICIENT_FUNDS' });
    expect(at('filtered')).toMatchObject({ status: 'declined', reasonCode: 'FRAUD_SUSPECTED' });
    expect(at('error')).toMatchObject({ status: 'failed', reasonCode: 'PROCESSING_ERROR' });
    expect(at('unknown').status).toBe('processing');
    expect(at('declined', 'R77')).toMatchObject({ reasonCode: 'UNKNOWN' });
  });
});

describe('what a status answer says was reversed', () => {
  it('reads returned-amount as the reversed total, and nothing when the answer has none', () => {
    expect(saleOutcome({ type: 'status-response', status: 'approved', amount: '19.99', currency: 'USD' }, USD).reversed).toBeUndefined();
    expect(saleOutcome({ type: 'status-response', status: 'approved', amount: '19.99', currency: 'USD', 'returned-amount': '19.99' }, USD).reversed).toEqual({ amountMinor: 1999n, currency: 'USD' });
  });
});
