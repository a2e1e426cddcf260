/** subscription-service's own Postgres schema; no other service reads it. */
export const SUBSCRIPTION_SCHEMA = 'subscription';
