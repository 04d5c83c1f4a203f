/** Notifications, webhook endpoints and their deliveries (notify domain). */
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, JsonObject } from './columns.ts';

export interface NotificationTable {
  id: Generated<string>;
  unit_id: string;
  region_code: string;
  kind: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  link: string | null;
  created_at: CreatedAt;
  read_at: Date | null;
  read_by: string | null;
}

export interface WebhookEndpointTable {
  id: Generated<string>;
  name: string;
  url: string;
  secret: string;
  events: string[];
  region_code: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface WebhookDeliveryTable {
  id: Generated<number>;
  endpoint_id: string;
  event: string;
  payload: JsonObject;
  status: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  created_at: CreatedAt;
  delivered_at: Date | null;
}
