import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError } from '../../kernel/errors';
import { paginate, type Page, type Position } from '../read/pagination';
import type { CredentialCipher } from '../sites/credentials';
import { actingSite } from '../tenancy';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { generateWebhookSecret } from './webhook-signing';
import { checkEndpointUrl } from './webhook-url';

export interface EndpointFields {
  url?: string;
  eventTypes?: string[];
  description?: string | null;
}

export interface EndpointPolicy {
  allowHttpLoopback: boolean;
  rotationOverlapMs: number;
}

/** The sealed secret is bound to its endpoint: a ciphertext copied onto another endpoint or site does not open. */
export const secretOwner = (endpoint: WebhookEndpoint) => ({ siteId: endpoint.site.id, provider: `webhook-endpoint:${endpoint.id}` });

export function openSecret(cipher: CredentialCipher, endpoint: WebhookEndpoint, sealed: string): string {
  return cipher.decrypt(sealed, secretOwner(endpoint)).secret!;
}

/** The acting site's endpoints (the EntityManager is scoped to it). Secrets leave this class only on create and rotate. */
export class WebhookEndpointService {
  constructor(
    private readonly em: EntityManager,
    private readonly cipher: CredentialCipher,
    private readonly policy: EndpointPolicy,
  ) {}

  async create(fields: Required<Pick<EndpointFields, 'url' | 'eventTypes'>> & EndpointFields): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const url = checkEndpointUrl(fields.url, this.policy.allowHttpLoopback);
    const endpoint = this.em.create(WebhookEndpoint, {
      site: actingSite(this.em),
      url,
      eventTypes: [...new Set(fields.eventTypes)].sort(),
      description: fields.description ?? undefined,
      secretSealed: '',
    });
    const secret = generateWebhookSecret();
    endpoint.secretSealed = this.cipher.encrypt({ secret }, secretOwner(endpoint));
    await this.em.persist(endpoint).flush();
    return { endpoint, secret };
  }

  async update(id: string | undefined, fields: EndpointFields): Promise<WebhookEndpoint> {
    const endpoint = await this.find(id);
    if (fields.url !== undefined) endpoint.url = checkEndpointUrl(fields.url, this.policy.allowHttpLoopback);
    if (fields.eventTypes !== undefined) endpoint.eventTypes = [...new Set(fields.eventTypes)].sort();
    if (fields.description !== undefined) endpoint.description = fields.description ?? undefined;
    await this.em.flush();
    return endpoint;
  }

  /** Enabling starts afresh: the failure streak that may have disabled it is forgotten. */
  async setEnabled(id: string | undefined, enabled: boolean, reason?: string): Promise<WebhookEndpoint> {
    const endpoint = await this.find(id);
    endpoint.enabled = enabled;
    endpoint.disabledReason = enabled ? null : (reason ?? 'disabled by the merchant');
    if (enabled) {
      endpoint.failingSince = null;
      endpoint.consecutiveFailures = 0;
    }
    await this.em.flush();
    return endpoint;
  }

  /** The old secret keeps signing (beside the new one) for the overlap, so receivers can switch without a gap. */
  async rotateSecret(id: string | undefined): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const endpoint = await this.find(id);
    const secret = generateWebhookSecret();
    endpoint.previousSecretSealed = endpoint.secretSealed;
    endpoint.previousSecretExpiresAt = new Date(Date.now() + this.policy.rotationOverlapMs);
    endpoint.secretSealed = this.cipher.encrypt({ secret }, secretOwner(endpoint));
    await this.em.flush();
    return { endpoint, secret };
  }

  /** Its deliveries and their attempts go with it; the events stay in the site's history. */
  async delete(id: string | undefined): Promise<string> {
    const endpoint = await this.find(id);
    await this.em.remove(endpoint).flush();
    return endpoint.id;
  }

  list(args: { first: number; after?: Position }): Promise<Page<WebhookEndpoint>> {
    return paginate(this.em, WebhookEndpoint, {}, args);
  }

  async find(id: string | undefined): Promise<WebhookEndpoint> {
    const endpoint = id ? await this.em.findOne(WebhookEndpoint, { id }) : null;
    if (!endpoint) throw new NotFoundError('webhook endpoint', ['input', 'id']);
    return endpoint;
  }
}
