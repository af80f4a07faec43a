import 'reflect-metadata';
import { FeeSelectionAction, nextActionFrom, PollAction, RedirectAction, RedirectMethod } from '../../src/graphql/payments/next-action.type';

/** The stored jsonb keeps the providers' shape; the GraphQL union is read from it (issue 12 item 6). */
describe('NextAction read from the stored jsonb', () => {
  const createdAt = new Date('2026-11-27T12:00:00Z');

  it('gives a POST redirect its form fields and a GET redirect none', () => {
    const post = nextActionFrom({ type: 'redirect', url: 'https://acs.example/3ds', method: 'POST', fields: { PaReq: 'x', MD: 'y' } }, createdAt);
    expect(post).toBeInstanceOf(RedirectAction);
    expect(post).toEqual({ url: 'https://acs.example/3ds', method: RedirectMethod.POST, fields: { PaReq: 'x', MD: 'y' } });
    const get = nextActionFrom({ type: 'redirect', url: 'https://panel.example/p', method: 'GET', fields: { ignored: '1' } }, createdAt);
    expect(get).toEqual({ url: 'https://panel.example/p', method: RedirectMethod.GET, fields: null });
    expect(nextActionFrom({ type: 'redirect', url: 'https://panel.example/p' }, createdAt)).toMatchObject({ method: RedirectMethod.GET });
  });

  it('reads a poll and a fee choice into their own variants', () => {
    expect(nextActionFrom({ type: 'poll', afterMs: 1500 }, createdAt)).toEqual(Object.assign(new PollAction(), { pollAfterMs: 1500 }));
    const fee = nextActionFrom({ type: 'fee_selection', options: [{ id: 'gate-a', amountMinor: '125', currency: 'EUR' }] }, createdAt) as FeeSelectionAction;
    expect(fee).toBeInstanceOf(FeeSelectionAction);
    expect(fee.createdAt).toBe(createdAt);
    expect(fee.feeOptions).toEqual([{ id: 'gate-a', label: null, fee: expect.objectContaining({ amount: '1.25', currency: 'EUR' }) }]);
  });

  it('reads nothing from an empty or unknown shape', () => {
    expect(nextActionFrom(null, createdAt)).toBeNull();
    expect(nextActionFrom({ kind: 'REDIRECT', url: 'x' }, createdAt)).toBeNull();
    expect(nextActionFrom({ type: 'dance' }, createdAt)).toBeNull();
  });
});
