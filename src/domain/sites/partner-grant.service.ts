import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError } from '../../kernel/errors';
import { paginate, type Page, type Position } from '../read/pagination';
import type { Scope } from './api-key.entity';
import { PartnerGrant } from './partner-grant.entity';
import { Site, SiteKind } from './site.entity';
import { actingSite } from '../tenancy';

/** Grants a merchant site gives to partners; at most one active grant per (site, partner). */
export class PartnerGrantService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Granting again replaces the scopes of the active grant instead of adding a second one, so the
   * partner's effective scopes are always those of exactly one grant.
   */
  async grant(partnerId: string | undefined, scopes: Scope[]): Promise<PartnerGrant> {
    const partner = partnerId ? await this.em.findOne(Site, { id: partnerId, kind: SiteKind.PARTNER }) : null;
    if (!partner) throw new NotFoundError('partner site', ['input', 'partnerSiteId']);
    // Serializes grants per site so two concurrent calls can't both insert an active grant.
    const site = await this.em.findOneOrFail(Site, { id: actingSite(this.em).id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const normalized = [...new Set(scopes)].sort();
    const active = await this.em.findOne(PartnerGrant, { partner, revokedAt: null });
    const grant = active ?? this.em.create(PartnerGrant, { site, partner, scopes: normalized });
    grant.scopes = normalized;
    await this.em.persist(grant).flush();
    return grant;
  }

  /** Takes effect on the partner's next request. Revoking twice keeps the first revocation time. */
  async revoke(grantId: string | undefined): Promise<PartnerGrant> {
    const grant = grantId ? await this.em.findOne(PartnerGrant, { id: grantId }) : null;
    if (!grant) throw new NotFoundError('partner grant', ['input', 'id']);
    grant.revokedAt ??= new Date();
    await this.em.flush();
    return grant;
  }

  list(args: { first: number; after?: Position }): Promise<Page<PartnerGrant>> {
    return paginate(this.em, PartnerGrant, {}, args);
  }
}
