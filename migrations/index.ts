// Maintained by `npm run migration:create`: every migration class, in the order they run.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122202907 } from './Migration20261122202907';
import { Migration20261122204028 } from './Migration20261122204028';
import { Migration20261127142000_h1apply } from './Migration20261127142000_h1apply';
import { Migration20261127141500_h2callbacks } from './Migration20261127141500_h2callbacks';
import { Migration20261127141900_recovery } from './Migration20261127141900_recovery';
import { Migration20261127143100_idempotency_fencing } from './Migration20261127143100_idempotency_fencing';
import { Migration20261127142545_h8contract } from './Migration20261127142545_h8contract';
import { Migration20261127144700_k1kinds } from './Migration20261127144700_k1kinds';
import { Migration20261127160800_provider_transaction_id } from './Migration20261127160800_provider_transaction_id';
import { Migration20261127173500_steps } from './Migration20261127173500_steps';
import { Migration20261127181200_h9s_schedules } from './Migration20261127181200_h9s_schedules';
import { Migration20261127181500_h9paynearme } from './Migration20261127181500_h9paynearme';
import { Migration20261127181300_h10ddapi } from './Migration20261127181300_h10ddapi';
import { Migration20261127206000_h12c_client_tokens } from './Migration20261127206000_h12c_client_tokens';
import { Migration20261127184500_h11paysafecard } from './Migration20261127184500_h11paysafecard';
import { Migration20261127207000_transaction_card } from './Migration20261127207000_transaction_card';
import { Migration20261127231000_h12t_failure_reason_code } from './Migration20261127231000_h12t_failure_reason_code';
import { Migration20261127201000_h11refusals } from './Migration20261127201000_h11refusals';
import { Migration20261127204000_h12s_live_changes } from './Migration20261127204000_h12s_live_changes';
import { Migration20261127203000_h12webhooks } from './Migration20261127203000_h12webhooks';
import { Migration20261127202000_h9gaps } from './Migration20261127202000_h9gaps';

export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261122202907', class: Migration20261122202907 },
  { name: 'Migration20261122204028', class: Migration20261122204028 },
  { name: 'Migration20261127142000_h1apply', class: Migration20261127142000_h1apply },
  { name: 'Migration20261127141500_h2callbacks', class: Migration20261127141500_h2callbacks },
  { name: 'Migration20261127141900_recovery', class: Migration20261127141900_recovery },
  { name: 'Migration20261127143100_idempotency_fencing', class: Migration20261127143100_idempotency_fencing },
  { name: 'Migration20261127142545_h8contract', class: Migration20261127142545_h8contract },
  { name: 'Migration20261127144700_k1kinds', class: Migration20261127144700_k1kinds },
  { name: 'Migration20261127160800_provider_transaction_id', class: Migration20261127160800_provider_transaction_id },
  { name: 'Migration20261127173500_steps', class: Migration20261127173500_steps },
  { name: 'Migration20261127181200_h9s_schedules', class: Migration20261127181200_h9s_schedules },
  { name: 'Migration20261127181300_h10ddapi', class: Migration20261127181300_h10ddapi },
  { name: 'Migration20261127181500_h9paynearme', class: Migration20261127181500_h9paynearme },
  { name: 'Migration20261127184500_h11paysafecard', class: Migration20261127184500_h11paysafecard },
  { name: 'Migration20261127201000_h11refusals', class: Migration20261127201000_h11refusals },
  { name: 'Migration20261127202000_h9gaps', class: Migration20261127202000_h9gaps },
  { name: 'Migration20261127203000_h12webhooks', class: Migration20261127203000_h12webhooks },
  { name: 'Migration20261127204000_h12s_live_changes', class: Migration20261127204000_h12s_live_changes },
  { name: 'Migration20261127206000_h12c_client_tokens', class: Migration20261127206000_h12c_client_tokens },
  { name: 'Migration20261127207000_transaction_card', class: Migration20261127207000_transaction_card },
  { name: 'Migration20261127231000_h12t_failure_reason_code', class: Migration20261127231000_h12t_failure_reason_code },
];
