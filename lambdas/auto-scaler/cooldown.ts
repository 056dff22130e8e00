/**
 * The per-service cooldown, kept in the state table as one item per service:
 * `pk = "scaling#<configured service name>"`, `lastActionAt` (epoch seconds),
 * `lastDecision`, `lastEventId` and `lastCheckAt` (the event acted on and the
 * time of its check, epoch ms), `previousCapacity` and `desiredCapacity`
 * (what the action set), and `expiresAt` (the table's TTL attribute).
 *
 * Taking the cooldown is one conditional PutItem, so two invocations racing
 * for the same service cannot both act. The write succeeds only when there is
 * no item yet, or when the last action is at least `cooldownSeconds` old
 * (exactly `cooldownSeconds` old is allowed) AND this check is newer than the
 * one last acted on. So a retried event never acts twice, however late, and
 * an older check delivered late never undoes a newer one.
 * Only `dynamodb:PutItem` is used.
 */
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { AttributeValue, DynamoDBClient } from "@aws-sdk/client-dynamodb";

import { isAwsError } from "../shared/errors";

/** How long an item outlives its cooldown before TTL removes it, for inspection. */
export const STATE_RETENTION_SECONDS = 24 * 60 * 60;

/** The state table key of one service's cooldown. */
export function cooldownKey(serviceName: string): string {
  return `scaling#${serviceName}`;
}

export interface CooldownRequest {
  /** Configured service name (`RuntimeService.name`). */
  readonly serviceName: string;
  readonly decision: string;
  readonly cooldownSeconds: number;
  readonly now: Date;
  /** EventBridge id of the event being acted on. */
  readonly eventId: string;
  /** Time of the health check, epoch milliseconds. */
  readonly checkAt: number;
  readonly previousCapacity: number;
  readonly desiredCapacity: number;
}

/** Why the cooldown could not be taken. */
export type CooldownRefusal =
  /** This very event was already acted on (a retry or redelivery). */
  | "same-event"
  /** A check at least as new as this one was already acted on. */
  | "superseded"
  /** The last action is more recent than the cooldown. */
  | "cooldown";

/** A cooldown this invocation holds; keep it to release the cooldown if the action fails. */
export interface CooldownLock {
  readonly key: string;
  readonly lastActionAt: number;
  /** The item the lock replaced, if any. */
  readonly previous?: Record<string, AttributeValue>;
}

export type CooldownResult =
  | { readonly acquired: true; readonly lock: CooldownLock }
  | {
      readonly acquired: false;
      readonly refusal: CooldownRefusal;
      readonly lastActionAt?: number;
      readonly lastDecision?: string;
      /** What the last action set, as it recorded it. */
      readonly previousCapacity?: number;
      readonly desiredCapacity?: number;
    };

const num = (value: AttributeValue | undefined): number | undefined => (value?.N !== undefined ? Number(value.N) : undefined);

/**
 * Takes the cooldown of one service.
 * @returns `acquired: false` (with the blocking action, when DynamoDB returns it) while the cooldown runs.
 * @throws any DynamoDB error other than the failed condition.
 */
export async function acquireCooldown(
  client: DynamoDBClient,
  tableName: string,
  request: CooldownRequest
): Promise<CooldownResult> {
  const key = cooldownKey(request.serviceName);
  const nowSeconds = Math.floor(request.now.getTime() / 1000);
  try {
    const response = await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          pk: { S: key },
          lastActionAt: { N: String(nowSeconds) },
          lastDecision: { S: request.decision },
          lastEventId: { S: request.eventId },
          lastCheckAt: { N: String(request.checkAt) },
          previousCapacity: { N: String(request.previousCapacity) },
          desiredCapacity: { N: String(request.desiredCapacity) },
          expiresAt: { N: String(nowSeconds + request.cooldownSeconds + STATE_RETENTION_SECONDS) },
        },
        ConditionExpression:
          "attribute_not_exists(pk) OR (lastActionAt <= :cutoff AND (attribute_not_exists(lastCheckAt) OR lastCheckAt < :checkAt))",
        ExpressionAttributeValues: {
          ":cutoff": { N: String(nowSeconds - request.cooldownSeconds) },
          ":checkAt": { N: String(request.checkAt) },
        },
        ReturnValues: "ALL_OLD",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      })
    );
    return { acquired: true, lock: { key, lastActionAt: nowSeconds, previous: response.Attributes } };
  } catch (error) {
    if (!isAwsError(error, "ConditionalCheckFailedException")) {
      throw error;
    }
    const item = (error as { Item?: Record<string, AttributeValue> }).Item;
    const lastCheckAt = num(item?.lastCheckAt);
    const refusal: CooldownRefusal =
      item?.lastEventId?.S === request.eventId
        ? "same-event"
        : lastCheckAt !== undefined && lastCheckAt >= request.checkAt
          ? "superseded"
          : "cooldown";
    return {
      acquired: false,
      refusal,
      lastActionAt: num(item?.lastActionAt),
      lastDecision: item?.lastDecision?.S,
      previousCapacity: num(item?.previousCapacity),
      desiredCapacity: num(item?.desiredCapacity),
    };
  }
}

/**
 * Gives a cooldown back after the action it guarded failed, so the retried
 * invocation is not blocked by its own lock: the previous item is written
 * back (or, when there was none, one whose cooldown is long over). The write
 * only happens while the item is still this lock's.
 */
export async function releaseCooldown(client: DynamoDBClient, tableName: string, lock: CooldownLock): Promise<void> {
  const item = lock.previous ?? {
    pk: { S: lock.key },
    lastActionAt: { N: "0" },
    lastDecision: { S: "released" },
    expiresAt: { N: String(lock.lastActionAt + STATE_RETENTION_SECONDS) },
  };
  await client.send(
    new PutItemCommand({
      TableName: tableName,
      Item: item,
      ConditionExpression: "lastActionAt = :mine",
      ExpressionAttributeValues: { ":mine": { N: String(lock.lastActionAt) } },
    })
  );
}
