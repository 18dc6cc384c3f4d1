/**
 * The outbox key of a work order's push to 12345: one row per order under the outbox's unique
 * (channel, key), so a replay or a second instance never sends an order twice.
 */
const PREFIX = "workorder:";

export const workOrderOutboxKey = (workOrderId: string): string => `${PREFIX}${workOrderId}`;

export const workOrderIdOfOutboxKey = (key: string): string => key.slice(PREFIX.length);
