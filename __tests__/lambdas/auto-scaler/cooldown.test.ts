import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { mockClient } from "aws-sdk-client-mock";

import { acquireCooldown, releaseCooldown } from "../../../lambdas/auto-scaler/cooldown";

const dynamoMock = mockClient(DynamoDBClient);
const client = new DynamoDBClient({ region: "eu-west-1" });
const NOW = new Date("2025-03-01T12:00:00Z"); // 1740830400
const CHECK_AT = Date.parse("2025-03-01T11:59:40Z");
const request = {
  serviceName: "orders",
  decision: "scale-out",
  cooldownSeconds: 300,
  now: NOW,
  eventId: "evt-1",
  checkAt: CHECK_AT,
  previousCapacity: 2,
  desiredCapacity: 4,
};

function refusedWith(item: Record<string, { S: string } | { N: string }>): void {
  dynamoMock.on(PutItemCommand).rejects(
    new ConditionalCheckFailedException({ message: "The conditional request failed", $metadata: {}, Item: { pk: { S: "scaling#orders" }, ...item } })
  );
}

beforeEach(() => {
  dynamoMock.reset();
});

describe("Function: acquireCooldown", () => {
  test("takes the cooldown with a conditional PutItem", async () => {
    // Arrange
    dynamoMock.on(PutItemCommand).resolves({});

    // Act
    const result = await acquireCooldown(client, "sl-state", request);

    // Assert
    expect(result).toEqual({
      acquired: true,
      lock: { key: "scaling#orders", lastActionAt: 1740830400, previous: undefined },
    });
    expect(dynamoMock).toHaveReceivedCommandWith(PutItemCommand, {
      TableName: "sl-state",
      Item: {
        pk: { S: "scaling#orders" },
        lastActionAt: { N: "1740830400" },
        lastDecision: { S: "scale-out" },
        lastEventId: { S: "evt-1" },
        lastCheckAt: { N: String(CHECK_AT) },
        previousCapacity: { N: "2" },
        desiredCapacity: { N: "4" },
        expiresAt: { N: String(1740830400 + 300 + 86400) },
      },
      ConditionExpression:
        "attribute_not_exists(pk) OR (lastActionAt <= :cutoff AND (attribute_not_exists(lastCheckAt) OR lastCheckAt < :checkAt))",
      ExpressionAttributeValues: { ":cutoff": { N: String(1740830400 - 300) }, ":checkAt": { N: String(CHECK_AT) } },
    });
  });

  test("reports the blocking action when the cooldown runs", async () => {
    // Arrange
    refusedWith({ lastActionAt: { N: "1740830300" }, lastDecision: { S: "scale-in" }, lastEventId: { S: "evt-0" }, lastCheckAt: { N: String(CHECK_AT - 300_000) } });

    // Act
    const result = await acquireCooldown(client, "sl-state", request);

    // Assert
    expect(result).toEqual({ acquired: false, refusal: "cooldown", lastActionAt: 1740830300, lastDecision: "scale-in" });
  });

  test("recognises a second delivery of the event it already acted on", async () => {
    // Arrange
    refusedWith({ lastActionAt: { N: "1740830000" }, lastDecision: { S: "scale-out" }, lastEventId: { S: "evt-1" }, lastCheckAt: { N: String(CHECK_AT) }, previousCapacity: { N: "2" }, desiredCapacity: { N: "4" } });

    // Act
    const result = await acquireCooldown(client, "sl-state", request);

    // Assert
    expect(result).toMatchObject({ acquired: false, refusal: "same-event", previousCapacity: 2, desiredCapacity: 4 });
  });

  test("refuses a check older than the one last acted on", async () => {
    // Arrange
    refusedWith({ lastActionAt: { N: "1740829000" }, lastEventId: { S: "evt-9" }, lastCheckAt: { N: String(CHECK_AT + 60_000) } });

    // Act
    const result = await acquireCooldown(client, "sl-state", request);

    // Assert
    expect(result).toMatchObject({ acquired: false, refusal: "superseded" });
  });

  test("rethrows any other DynamoDB error", async () => {
    // Arrange
    dynamoMock.on(PutItemCommand).rejects(Object.assign(new Error("no table"), { name: "ResourceNotFoundException" }));

    // Act
    const call = acquireCooldown(client, "sl-state", request);

    // Assert
    await expect(call).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});

describe("Function: releaseCooldown", () => {
  test("writes the previous item back while the lock is still ours", async () => {
    // Arrange
    dynamoMock.on(PutItemCommand).resolves({});
    const previous = {
      pk: { S: "scaling#orders" },
      lastActionAt: { N: "1740000000" },
      lastDecision: { S: "scale-in" },
    };

    // Act
    await releaseCooldown(client, "sl-state", { key: "scaling#orders", lastActionAt: 1740830400, previous });

    // Assert
    expect(dynamoMock).toHaveReceivedCommandWith(PutItemCommand, {
      Item: previous,
      ConditionExpression: "lastActionAt = :mine",
      ExpressionAttributeValues: { ":mine": { N: "1740830400" } },
    });
  });

  test("writes an expired cooldown when there was no previous item", async () => {
    // Arrange
    dynamoMock.on(PutItemCommand).resolves({});

    // Act
    await releaseCooldown(client, "sl-state", { key: "scaling#orders", lastActionAt: 1740830400 });

    // Assert
    expect(dynamoMock).toHaveReceivedCommandWith(PutItemCommand, {
      Item: expect.objectContaining({ pk: { S: "scaling#orders" }, lastActionAt: { N: "0" } }),
    });
  });
});
