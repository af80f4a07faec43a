import type { EntityManager } from '@mikro-orm/postgresql';
import type { InboundServices, SavedCard } from '../../providers/provider';
import { Customer } from '../customers/customer.entity';
import { PaymentMethod, PaymentMethodStatus, PaymentMethodType } from '../payment-methods/payment-method.entity';
import type { CredentialCipher } from '../sites/credentials';
import { Site } from '../sites/site.entity';
import { PgProviderRecords } from './provider-records';
import { openInboundTransaction } from './open-transaction';

/** What an inbound route of `provider` may use; `em` is unscoped: the route names the site it found. */
export function createInboundServices(em: EntityManager, cipher: CredentialCipher, provider: string): InboundServices {
  return {
    records: new PgProviderRecords(em, provider, cipher),
    credentials: async (siteId) => {
      const site = await em.fork().findOne(Site, { id: siteId });
      const sealed = site?.providerCredentials[provider];
      return sealed ? cipher.decrypt(sealed, { siteId, provider }) : undefined;
    },
    customer: async (siteId, customerId) => {
      const c = await em.fork().findOne(Customer, { id: customerId, site: siteId });
      return c ? { email: c.email, phone: c.phone, birthDate: c.birthDate, firstName: c.firstName, lastName: c.lastName } : undefined;
    },
    savedCards: {
      save: async (siteId, card) => {
        const fork = em.fork();
        const method = fork.create(PaymentMethod, {
          site: fork.getReference(Site, siteId),
          customer: card.customerId ? fork.getReference(Customer, card.customerId) : undefined,
          provider,
          type: PaymentMethodType.CARD,
          first6: card.first6,
          providerToken: card.providerToken,
        });
        await fork.flush();
        return savedCard(method);
      },
      find: async (siteId, id) => {
        if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
        const method = await em.fork().findOne(PaymentMethod, { id, site: siteId, provider });
        return method ? savedCard(method) : undefined;
      },
      list: async (siteId, customerId) => {
        const methods = await em.fork().find(
          PaymentMethod,
          { site: siteId, customer: customerId, provider, status: PaymentMethodStatus.ACTIVE },
          { orderBy: { createdAt: 'desc' }, limit: 100 },
        );
        return methods.map(savedCard);
      },
    },
    transactions: { open: (siteId, t) => openInboundTransaction(em, provider, siteId, t) },
  };
}

function savedCard(method: PaymentMethod): SavedCard {
  return { id: method.id, customerId: method.customer?.id, providerToken: method.providerToken, active: method.status === PaymentMethodStatus.ACTIVE };
}
