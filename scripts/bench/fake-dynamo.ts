/**
 * DynamoDB answers for the fake fleet: one in-memory table keyed by the
 * partition key `pk`, with `GetItem`, `PutItem` and `BatchGetItem`.
 *
 * Items are kept and returned in AttributeValue JSON form
 * (`{ pk: { S: "..." } }`), as copies. `ConditionExpression` is accepted
 * but NOT evaluated: every `PutItem` succeeds (the benchmark has one writer).
 * `ProjectionExpression` is ignored (whole items come back). `BatchGetItem`
 * takes at most 100 keys, as DynamoDB does, and never returns
 * `UnprocessedKeys`. Another table name is a `ResourceNotFoundException`.
 */
import type {
  AttributeValue,
  BatchGetItemCommandInput,
  BatchGetItemCommandOutput,
  GetItemCommandInput,
  GetItemCommandOutput,
  PutItemCommandInput,
  PutItemCommandOutput,
} from "@aws-sdk/client-dynamodb";

import { notFoundError, validationError } from "./fake-errors";
import type { Responders } from "./responders";

/** An item in AttributeValue JSON form. */
export type Item = Record<string, AttributeValue>;

/** Most keys in one BatchGetItem call. */
export const MAX_BATCH_GET_KEYS = 100;

/** The in-memory table behind the fake. */
export class FakeTable {
  private readonly rows = new Map<string, Item>();

  /** @param name the only table name the fake answers for. */
  constructor(readonly name: string) {}

  /** A copy of the item with this key, if stored. */
  get(key: Item): Item | undefined {
    const row = this.rows.get(FakeTable.keyOf(key));
    return row && structuredClone(row);
  }

  /** Stores a copy of `item`, replacing any item with the same `pk`. */
  put(item: Item): void {
    this.rows.set(FakeTable.keyOf(item), structuredClone(item));
  }

  /** Copies of every stored item. */
  items(): Item[] {
    return [...this.rows.values()].map((row) => structuredClone(row));
  }

  private static keyOf(item: Item): string {
    if (item.pk === undefined) throw validationError("DynamoDB", "the item or key has no pk attribute");
    return JSON.stringify(item.pk);
  }
}

/** The DynamoDB responders over `table`. */
export function dynamoResponders(table: FakeTable): Responders {
  const checkTable = (operation: string, name: string | undefined): void => {
    if (name !== table.name) throw notFoundError(operation, `table ${name}`);
  };
  return {
    GetItem: (input: GetItemCommandInput): Omit<GetItemCommandOutput, "$metadata"> => {
      checkTable("GetItem", input.TableName);
      const item = table.get(input.Key ?? {});
      return item ? { Item: item } : {};
    },

    PutItem: (input: PutItemCommandInput): Omit<PutItemCommandOutput, "$metadata"> => {
      checkTable("PutItem", input.TableName);
      const old = table.get(input.Item ?? {});
      table.put(input.Item ?? {});
      return input.ReturnValues === "ALL_OLD" && old ? { Attributes: old } : {};
    },

    BatchGetItem: (input: BatchGetItemCommandInput): Omit<BatchGetItemCommandOutput, "$metadata"> => {
      const requests = Object.entries(input.RequestItems ?? {});
      const keyCount = requests.reduce((sum, [, r]) => sum + (r.Keys?.length ?? 0), 0);
      if (keyCount < 1 || keyCount > MAX_BATCH_GET_KEYS) {
        throw validationError("BatchGetItem", `RequestItems must hold 1-${MAX_BATCH_GET_KEYS} keys, got ${keyCount}`);
      }
      const responses: Record<string, Item[]> = {};
      for (const [name, request] of requests) {
        checkTable("BatchGetItem", name);
        responses[name] = (request.Keys ?? []).map((key) => table.get(key)).filter((item): item is Item => item !== undefined);
      }
      return { Responses: responses, UnprocessedKeys: {} };
    },
  };
}
