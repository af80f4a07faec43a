import { SandboxState, type SandboxOrder, type SandboxPartner } from './state';

/** The sandbox's demo 3PPP and its client: what `npm start` gives the demo site. */
export const DEMO_PARTNER: SandboxPartner = { siteIdentifier: 'S3PPP000001', secretKey: 'pnm-demo-secret-3ppp', clients: ['S2155373459'] };

/** Seeded ids for the first client of the first partner (docs and tests name them). */
export const SEEDED = {
  carPayment: { pnm: '85237034088', site: 'CAR-2026-0042' },
  citation: { pnm: '86383382942', site: 'CIT-88231' },
  gamingDeposit: { pnm: '87110045521', site: 'GAME-DEP-7' },
  activeToken: 'pm_85237034088_1',
  inactiveToken: 'pm_85237034088_2',
  citationToken: 'pm_86383382942_1',
  carSchedule: 'spm_85237034088_1',
} as const;

const CARD_FEES = { credit_card: 295, debit_card: 195, ach: 95, cash: 399 };

/**
 * The seeded autopay's date: the first of a month at least eight days away. A plain "first of next month" was
 * one to three days away at a month's end, and tied with or came before what a test schedules "in three days"
 * (schedules.test.ts failed on 2026-11-28 only).
 */
function firstOfMonthAfterAWeek(today: string): string {
  const inAWeek = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  const [y, m] = inAWeek.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

/**
 * The document's kinds of order (a monthly car payment, a citation fine, a deposit to an online gaming account)
 * for one client site, with customers, fees, an active and an inactive token, and the car payment's autopay.
 */
export function seedClient(state: SandboxState, proxySite: string, first: boolean): void {
  const id = (fixed: string) => (first ? fixed : state.nextId());
  const order = (o: Omit<SandboxOrder, 'proxySite' | 'status'>): SandboxOrder => {
    const full: SandboxOrder = { ...o, proxySite, status: 'open' };
    state.orders.set(full.pnmOrderId, full);
    return full;
  };
  const car = order({
    pnmOrderId: id(SEEDED.carPayment.pnm), siteOrderId: SEEDED.carPayment.site, kind: 'car_payment',
    pnmCustomerId: id('61100000001'), siteCustomerId: 'CUST-1001', customerName: 'Maria Lopez', customerState: 'TX',
    amountCents: 35_000, orderType: 'exact', fees: CARD_FEES,
  });
  const fine = order({
    pnmOrderId: id(SEEDED.citation.pnm), siteOrderId: SEEDED.citation.site, kind: 'citation',
    pnmCustomerId: id('61100000002'), siteCustomerId: 'CUST-2002', customerName: 'James Carter', customerState: 'MA',
    amountCents: 12_500, orderType: 'exact', fees: CARD_FEES,
  });
  order({
    pnmOrderId: id(SEEDED.gamingDeposit.pnm), siteOrderId: SEEDED.gamingDeposit.site, kind: 'gaming_deposit',
    pnmCustomerId: id('61100000003'), siteCustomerId: 'CUST-3003', customerName: 'Ava Chen', customerState: 'NJ',
    amountCents: 0, orderType: 'any', fees: { credit_card: 350, debit_card: 250, ach: 100, cash: 399 },
  });
  const token = (tokenId: string, o: SandboxOrder, status: 'active' | 'inactive', cardNumber: string, accountType: 'credit' | 'debit', expiry: string) =>
    state.tokens.set(tokenId, { id: tokenId, pnmOrderId: o.pnmOrderId, status, accountType, brand: 'visa', last4: cardNumber.slice(-4), expiry, cardNumber });
  token(first ? SEEDED.activeToken : `pm_${car.pnmOrderId}_1`, car, 'active', '4111111111111111', 'credit', '12/2030');
  token(first ? SEEDED.inactiveToken : `pm_${car.pnmOrderId}_2`, car, 'inactive', '4000056655665556', 'debit', '01/2024');
  token(first ? SEEDED.citationToken : `pm_${fine.pnmOrderId}_1`, fine, 'active', '4000056655665556', 'debit', '06/2029');
  const scheduleId = first ? SEEDED.carSchedule : `spm_${car.pnmOrderId}_1`;
  state.schedules.set(scheduleId, {
    id: scheduleId, pnmOrderId: car.pnmOrderId, proxySite, tokenId: first ? SEEDED.activeToken : `pm_${car.pnmOrderId}_1`,
    paymentDate: firstOfMonthAfterAWeek(state.today()), amountCents: 35_000, feeCents: CARD_FEES.credit_card, status: 'scheduled', recurring: true,
  });
}

export function seedState(partners: SandboxPartner[]): SandboxState {
  const state = new SandboxState();
  let first = true;
  for (const partner of partners) {
    state.partners.set(partner.siteIdentifier, { ...partner, clients: [...partner.clients] });
    for (const client of partner.clients) {
      if ([...state.orders.values()].some((o) => o.proxySite === client)) continue;
      seedClient(state, client, first);
      first = false;
    }
  }
  return state;
}
