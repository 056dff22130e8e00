import { parseDeploymentEvent } from "../../../lambdas/deployment-handler/deployment-event";
import { ecsDeploymentEvent } from "../../helpers/events";

describe("Function: parseDeploymentEvent", () => {
  test("reads the service, deployment, state and reason", () => {
    // Act
    const parsed = parseDeploymentEvent(
      ecsDeploymentEvent({ eventName: "SERVICE_DEPLOYMENT_FAILED", reason: "circuit breaker" })
    );

    // Assert
    expect(parsed).toEqual({
      ok: true,
      event: {
        service: expect.objectContaining({ clusterName: "sl-cluster", serviceName: "orders" }),
        deploymentId: "ecs-svc/1234567890123456789",
        eventName: "SERVICE_DEPLOYMENT_FAILED",
        reason: "circuit breaker",
        time: "2025-03-01T12:10:00Z",
      },
    });
  });

  test("rejects an event whose resource is not an ECS service ARN", () => {
    // Act
    const parsed = parseDeploymentEvent(
      ecsDeploymentEvent({ serviceArn: "arn:aws:ecs:eu-west-1:111122223333:cluster/sl-cluster" })
    );

    // Assert
    expect(!parsed.ok && parsed.problems).toEqual([
      'resources[0] must be an ECS service ARN, got "arn:aws:ecs:eu-west-1:111122223333:cluster/sl-cluster"',
    ]);
  });

  test("rejects an event without a deployment id or of another type", () => {
    // Arrange
    const event = { ...ecsDeploymentEvent(), "detail-type": "ECS Task State Change", detail: { eventName: "X" } };

    // Act
    const parsed = parseDeploymentEvent(event);

    // Assert
    expect(!parsed.ok && parsed.problems).toEqual([
      'detail-type must be "ECS Deployment State Change", got "ECS Task State Change"',
      "detail.deploymentId must be a non-empty string, got undefined",
    ]);
  });

  test("rejects something that is not an event", () => {
    // Act
    const parsed = parseDeploymentEvent("event");

    // Assert
    expect(parsed).toEqual({ ok: false, problems: ["event is not an object"] });
  });
});
