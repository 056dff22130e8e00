/**
 * Reads and writes the health rows of the lifecycle table: one item per
 * service, key `pk` = `health#<serviceId>`, expiring through `expiresAt`.
 *
 * Reads are `BatchGetItem` calls of at most 100 keys, strongly consistent;
 * keys DynamoDB leaves in `UnprocessedKeys` are asked again with backoff.
 * Rows that are malformed or past `expiresAt` (TTL deletes lazily) count as
 * absent. Services whose rows could not be read at all are returned as
 * `unreadable`, so the caller never mistakes a failed read for a new service.
 *
 * Writes are one conditional `PutItem` per changed row: it succeeds only when
 * no row exists, the stored check is older, or the stored row has no string
 * `lastCheckAt`, so an overlapping or retried run never overwrites a newer
 * verdict.
 */
import { BatchGetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { AttributeValue, DynamoDBClient } from "@aws-sdk/client-dynamodb";

import { chunk } from "../../shared/chunk";
import { mapSettled } from "../../shared/concurrency";
import { describeError } from "../../shared/errors";
import { HEALTH_STATUSES } from "../../shared/events";
import type { HealthStatus } from "../../shared/events";
import { backoffDelay } from "../../shared/publish";
import type { HealthState } from "./transition";

/** BatchGetItem takes at most 100 keys per call. */
export const MAX_KEYS_PER_BATCH = 100;

/** Calls per batch for keys DynamoDB leaves unprocessed, the first one included. */
export const MAX_BATCH_ATTEMPTS = 4;

export const HEALTH_KEY_PREFIX = "health#";

export function healthKey(serviceId: string): string {
  return `${HEALTH_KEY_PREFIX}${serviceId}`;
}

export interface StoreOptions {
  /** Batches read at the same time. @default 1 */
  readonly concurrency?: number;
  /** Waits between attempts; tests pass a stub. @default a `setTimeout` promise */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default Math.random */
  readonly random?: () => number;
}

/** The rows read, and the services whose rows could not be read. */
export interface StoredStates {
  readonly states: ReadonlyMap<string, HealthState>;
  /** Service id → why its row could not be read. */
  readonly unreadable: ReadonlyMap<string, string>;
  /**
   * Service id → the `lastCheckAt` string of a malformed row (treated as
   * absent), so the write can replace exactly that row (see `writeState`).
   */
  readonly malformed: ReadonlyMap<string, string>;
}

/** Reads the rows of `serviceIds`. Never throws: failures come back as `unreadable`. */
export async function readStates(
  client: DynamoDBClient,
  tableName: string,
  serviceIds: readonly string[],
  now: Date,
  opts: StoreOptions = {}
): Promise<StoredStates> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = opts.random ?? Math.random;
  const states = new Map<string, HealthState>();
  const unreadable = new Map<string, string>();
  const malformed = new Map<string, string>();
  const nowSeconds = Math.floor(now.getTime() / 1000);

  const readBatch = async (batch: readonly string[]): Promise<void> => {
    let pending: Record<string, AttributeValue>[] = batch.map((id) => ({ pk: { S: healthKey(id) } }));
    try {
      for (let attempt = 1; attempt <= MAX_BATCH_ATTEMPTS && pending.length > 0; attempt++) {
        if (attempt > 1) {
          await sleep(backoffDelay(attempt - 1, 50, 1000, random));
        }
        const response = await client.send(
          new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } })
        );
        for (const item of response.Responses?.[tableName] ?? []) {
          const state = fromItem(item);
          if (state && state.expiresAt > nowSeconds) {
            states.set(state.serviceId, state);
          } else if (!state && item.pk?.S?.startsWith(HEALTH_KEY_PREFIX) && item.lastCheckAt?.S !== undefined) {
            malformed.set(item.pk.S.slice(HEALTH_KEY_PREFIX.length), item.lastCheckAt.S);
          }
        }
        pending = response.UnprocessedKeys?.[tableName]?.Keys ?? [];
      }
      for (const key of pending) {
        const id = key.pk?.S?.slice(HEALTH_KEY_PREFIX.length) ?? "";
        unreadable.set(id, `DynamoDB left the row unprocessed after ${MAX_BATCH_ATTEMPTS} BatchGetItem attempts`);
      }
    } catch (error) {
      for (const id of batch) {
        if (!states.has(id)) {
          unreadable.set(id, `BatchGetItem failed: ${describeError(error)}`);
        }
      }
    }
  };
  await mapSettled(chunk([...new Set(serviceIds)], MAX_KEYS_PER_BATCH), opts.concurrency ?? 1, readBatch);
  return { states, unreadable, malformed };
}

/**
 * A row is written when none exists, when the stored one is older, or when the
 * stored one has no usable `lastCheckAt` (a malformed row, which reads count
 * as absent, must not block its replacement forever).
 */
export const WRITE_CONDITION =
  "attribute_not_exists(pk) OR attribute_not_exists(lastCheckAt) OR NOT attribute_type(lastCheckAt, :string) OR lastCheckAt < :checkAt";

/** The condition when the stored row was read as malformed: that very row may be replaced too. */
export const REPLACE_CONDITION = `${WRITE_CONDITION} OR lastCheckAt = :seen`;

/** How one write ended. */
export type WriteOutcome = "written" | "superseded";

/**
 * Writes one row unless a newer check already did.
 * @param malformedLastCheckAt the `lastCheckAt` of the malformed row that was
 *   read for this service, if any: that row is replaced even when its text
 *   sorts after this check's time.
 * @throws any error other than the failed condition.
 */
export async function writeState(
  client: DynamoDBClient,
  tableName: string,
  state: HealthState,
  malformedLastCheckAt?: string
): Promise<WriteOutcome> {
  const values: Record<string, AttributeValue> = { ":checkAt": { S: state.lastCheckAt }, ":string": { S: "S" } };
  if (malformedLastCheckAt !== undefined) {
    values[":seen"] = { S: malformedLastCheckAt };
  }
  try {
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: toItem(state),
        ConditionExpression: malformedLastCheckAt === undefined ? WRITE_CONDITION : REPLACE_CONDITION,
        ExpressionAttributeValues: values,
      })
    );
    return "written";
  } catch (error) {
    if ((error as { name?: string }).name === "ConditionalCheckFailedException") {
      return "superseded";
    }
    throw error;
  }
}

/** The item of one state. */
export function toItem(state: HealthState): Record<string, AttributeValue> {
  return {
    pk: { S: healthKey(state.serviceId) },
    serviceId: { S: state.serviceId },
    serviceName: { S: state.serviceName },
    status: { S: state.status },
    since: { S: state.since },
    pendingStatus: state.pendingStatus === null ? { NULL: true } : { S: state.pendingStatus },
    pendingChecks: { N: String(state.pendingChecks) },
    lastCheckAt: { S: state.lastCheckAt },
    expiresAt: { N: String(state.expiresAt) },
  };
}

/** The state of one item, or `undefined` when the item is not a well-formed health row. */
export function fromItem(item: Record<string, AttributeValue>): HealthState | undefined {
  const serviceId = item.serviceId?.S;
  const serviceName = item.serviceName?.S;
  const status = asStatus(item.status?.S);
  const since = item.since?.S;
  const lastCheckAt = item.lastCheckAt?.S;
  const pendingChecks = Number(item.pendingChecks?.N);
  const expiresAt = Number(item.expiresAt?.N);
  const pendingStatus = item.pendingStatus?.NULL ? null : asStatus(item.pendingStatus?.S);
  if (
    !serviceId ||
    item.pk?.S !== healthKey(serviceId) ||
    serviceName === undefined ||
    status === undefined ||
    !isTime(since) ||
    !isTime(lastCheckAt) ||
    !Number.isInteger(pendingChecks) ||
    pendingChecks < 0 ||
    !Number.isFinite(expiresAt) ||
    pendingStatus === undefined
  ) {
    return undefined;
  }
  return { serviceId, serviceName, status, since, pendingStatus, pendingChecks, lastCheckAt, expiresAt };
}

function asStatus(value: string | undefined): HealthStatus | undefined {
  return (HEALTH_STATUSES as readonly string[]).includes(value ?? "") ? (value as HealthStatus) : undefined;
}

/** Exactly the form the monitor writes (`toISOString`): the write condition compares these as text. */
function isTime(value: string | undefined): value is string {
  if (value === undefined) return false;
  const parsed = new Date(value);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString() === value;
}
