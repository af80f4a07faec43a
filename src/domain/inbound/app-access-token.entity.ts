import { Entity, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../base.entity';
import { Customer } from '../customers/customer.entity';
import { Site } from '../sites/site.entity';

/**
 * An access token the gateway issued to a merchant's mobile app for one customer on one device (Payneteasy
 * "Optional consumer authentication"). Only its SHA-256 is stored; the app's inbound calls must carry it with
 * the same device id, before it expires.
 */
@Entity({ tableName: 'app_access_token' })
export class AppAccessToken extends BaseEntity {
  @ManyToOne(() => Site, { index: true })
  site!: Site;

  @ManyToOne(() => Customer, { nullable: true })
  customer?: Customer;

  @Property({ type: 'text' })
  provider!: string;

  @Property({ type: 'text' })
  deviceId!: string;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;
}
