import { Webhook } from 'standardwebhooks';
import { retryDelayMs } from '../../src/domain/webhooks/webhook-backoff';
import { generateWebhookSecret, signPayload, webhookHeaders } from '../../src/domain/webhooks/webhook-signing';
import { checkEndpointUrl } from '../../src/domain/webhooks/webhook-url';

describe('Standard Webhooks signing', () => {
  it('matches the example of the specification (secret, id, timestamp, body → signature)', () => {
    // https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md, "Signature scheme"
    const signature = signPayload('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('agrees with the standardwebhooks library for a generated secret, and lists one signature per secret', () => {
    const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const at = new Date();
    const headers = webhookHeaders([a, b], 'msg_1', at, '{"x":1}');
    expect(headers['webhook-signature'].split(' ')).toEqual([new Webhook(a).sign('msg_1', at, '{"x":1}'), new Webhook(b).sign('msg_1', at, '{"x":1}')]);
    expect(new Webhook(b).verify('{"x":1}', headers)).toEqual({ x: 1 });
  });
});

describe('retry delays', () => {
  it('double from the base up to the cap, each between half and all of the exponential value', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 5_000, 60_000, () => 0.999999))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(retryDelayMs(30, 5_000, 60_000, () => 0.999999)).toBe(60_000);
    expect(retryDelayMs(3, 5_000, 60_000, () => 0)).toBe(10_000);
  });
});

describe('endpoint URLs', () => {
  it('accept https, and http to loopback only when allowed', () => {
    expect(checkEndpointUrl('https://shop.example.com/hooks', false)).toBe('https://shop.example.com/hooks');
    expect(checkEndpointUrl('http://127.0.0.1:3000/hooks', true)).toBe('http://127.0.0.1:3000/hooks');
    expect(() => checkEndpointUrl('http://127.0.0.1:3000/hooks', false)).toThrow('url must be https');
    expect(() => checkEndpointUrl('http://shop.example.com/hooks', true)).toThrow('url must be https (or http to a loopback address)');
  });

  it('refuse credentials, non-URLs and, in production, loopback and private addresses', () => {
    expect(() => checkEndpointUrl('https://a:b@shop.example.com/', true)).toThrow('user name or password');
    expect(() => checkEndpointUrl('not a url', true)).toThrow('not an absolute URL');
    for (const url of ['https://127.0.0.1/', 'https://10.1.2.3/', 'https://169.254.169.254/latest', 'https://[::1]/', 'https://localhost/', 'https://192.168.0.1/']) {
      expect(() => checkEndpointUrl(url, false)).toThrow(/loopback or private/);
    }
  });
});
