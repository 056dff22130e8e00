/**
 * The service-lifecycle stack: the Lattice network and services, the
 * lifecycle bus and its rules, the three handlers, the health schedule,
 * notifications, alarms and dashboard. Each concern is one construct; this
 * file only wires them together.
 */
import { ArchiveProvider } from "@cdktf/provider-archive/lib/provider";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { ServiceLifecycleConfig } from "../config/schema";
import { ENV } from "../lambdas/shared/env";
import { DeadLetterQueue } from "./events/dead-letter-queue";
import { EventRoute } from "./events/event-route";
import { HealthSchedule, runTimeoutSeconds } from "./events/health-schedule";
import { LifecycleBus } from "./events/lifecycle-bus";
import {
  deploymentToNotificationsPattern,
  healthChangedToNotificationsPattern,
  ecsDeploymentPatterns,
  healthToAutoScalerPattern,
  scalingToNotificationsPattern,
} from "./events/patterns";
import { bundleHandler } from "./functions/bundle";
import { HandlerFunction } from "./functions/handler-function";
import { autoScalerStatements, deploymentHandlerStatements, healthMonitorStatements } from "./functions/policies";
import { toRuntimeConfig } from "./functions/runtime-config";
import { ServiceNetwork } from "./network/service-network";
import { LatticeService } from "./network/lattice-service";
import { LifecycleAlarms } from "./observability/alarms";
import { LifecycleDashboard } from "./observability/dashboard";
import { Notifications } from "./observability/notifications";
import { HEALTH_MONITOR_SERVICE, runMetricsPlace } from "./observability/run-metrics";
import { autoScalingGroupArn, ecsServiceArnForms } from "./shared/arn";
import { resourceName } from "./shared/naming";
import { standardTags } from "./shared/tags";
import { configureRemoteBackend } from "./state/backend";
import { LifecycleTable } from "./state/lifecycle-table";

export interface LifecycleStackProps {
  /** The validated config of the environment. */
  readonly config: ServiceLifecycleConfig;
  /** Environment name (the config file's name). */
  readonly environment: string;
  /** Project root, where `lambdas/` and `.build/` live. */
  readonly projectRoot: string;
}

export class LifecycleStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: LifecycleStackProps) {
    super(scope, id);
    const { config, environment } = props;
    const prefix = config.namePrefix;
    const place = { accountId: config.accountId, region: config.region };
    const name = (...parts: string[]) => resourceName(prefix, ...parts);

    new AwsProvider(this, "aws", {
      region: config.region,
      allowedAccountIds: [config.accountId],
      defaultTags: [{ tags: { ...config.tags, ...standardTags(environment) } }],
    });
    new ArchiveProvider(this, "archive");
    configureRemoteBackend(this, config, environment, id);

    // Network
    const networkCallers = {
      accounts: config.network.callers.accounts ?? [config.accountId],
      principalArns: config.network.callers.principalArns,
    };
    const network = new ServiceNetwork(this, "network", {
      name: name("network"),
      callers: networkCallers,
      logRetentionDays: config.logRetentionDays,
      vpcAssociations: config.network.vpcAssociations,
    });
    const services = config.services.map(
      (svc) =>
        new LatticeService(this, `service-${svc.name}`, {
          name: name(svc.name),
          service: svc,
          serviceNetworkId: network.network.id,
          callers: svc.callers
            ? { accounts: svc.callers.accounts ?? [], principalArns: svc.callers.principalArns }
            : networkCallers,
        }),
    );

    // State and events
    const table = new LifecycleTable(this, "state-table", { tableName: name("lifecycle-state") });
    const bus = new LifecycleBus(this, "bus", { busName: name("lifecycle") });

    // Functions
    const runtimeConfig = toRuntimeConfig(config);
    const ecsServiceArns = config.services.flatMap((s) =>
      s.compute?.type === "ecs" ? ecsServiceArnForms(place, s.compute.clusterName, s.compute.serviceName) : [],
    );
    const asgArns = config.services.flatMap((s) =>
      s.compute?.type === "ec2-asg" ? [autoScalingGroupArn(place, s.compute.autoScalingGroupName)] : [],
    );
    const common = { accountId: config.accountId, logRetentionDays: config.logRetentionDays };
    const runMetrics = runMetricsPlace(prefix, config.healthCheck.rateMinutes);
    const healthMonitor = new HandlerFunction(this, "health-monitor", {
      ...common,
      functionName: name("health-monitor"),
      description: "Measures the health of every service in the network and publishes health events",
      bundle: bundleHandler(props.projectRoot, "health-monitor", runtimeConfig),
      statements: healthMonitorStatements({
        busArn: bus.bus.arn,
        serviceNetworkArn: network.network.arn,
        tableArn: table.table.arn,
        place,
      }),
      environment: {
        POWERTOOLS_SERVICE_NAME: HEALTH_MONITOR_SERVICE,
        POWERTOOLS_METRICS_NAMESPACE: runMetrics.namespace,
        [ENV.eventBusName]: bus.bus.name,
        [ENV.serviceNetworkArn]: network.network.arn,
        [ENV.stateTableName]: table.table.name,
      },
      timeoutSeconds: runTimeoutSeconds(config.healthCheck.rateMinutes),
      memoryMb: 512,
    });
    const autoScaler = new HandlerFunction(this, "auto-scaler", {
      ...common,
      functionName: name("auto-scaler"),
      description: `Scales the configured compute on health events (mode: ${config.automationMode})`,
      bundle: bundleHandler(props.projectRoot, "auto-scaler", runtimeConfig),
      statements: autoScalerStatements({
        busArn: bus.bus.arn,
        tableArn: table.table.arn,
        ecsServiceArns,
        autoScalingGroupArns: asgArns,
      }),
      environment: {
        POWERTOOLS_SERVICE_NAME: "auto-scaler",
        [ENV.eventBusName]: bus.bus.name,
        [ENV.stateTableName]: table.table.name,
      },
    });
    const deploymentHandler = new HandlerFunction(this, "deployment-handler", {
      ...common,
      functionName: name("deployment-handler"),
      description: "Turns ECS deployment state changes into lifecycle events",
      bundle: bundleHandler(props.projectRoot, "deployment-handler", runtimeConfig),
      statements: deploymentHandlerStatements({ busArn: bus.bus.arn, ecsServiceArns }),
      environment: {
        POWERTOOLS_SERVICE_NAME: "deployment-handler",
        [ENV.eventBusName]: bus.bus.name,
      },
    });

    // Notifications
    const notifications = new Notifications(this, "notifications", {
      topicName: name("notifications"),
      accountId: config.accountId,
      region: config.region,
      emails: config.notifications.emails,
    });
    const notificationsDlq = new DeadLetterQueue(this, "notifications-dlq", { queueName: name("notifications-dlq") });

    // Routes
    new EventRoute(this, "route-health-to-auto-scaler", {
      ruleName: name("health-to-auto-scaler"),
      description: "Health checks the auto-scaler acts on",
      eventBusName: bus.bus.name,
      eventPattern: healthToAutoScalerPattern(),
      target: { kind: "lambda", function: autoScaler.function },
      deadLetterQueue: autoScaler.deadLetterQueue,
    });
    const notified = [
      { what: "scaling", description: "Scaling decisions", eventPattern: scalingToNotificationsPattern() },
      { what: "health-changes", description: "Health status changes", eventPattern: healthChangedToNotificationsPattern() },
      { what: "deployment", description: "Deployment changes", eventPattern: deploymentToNotificationsPattern() },
    ];
    const notificationRoutes = notified.map(
      ({ what, description, eventPattern }) =>
        new EventRoute(this, `route-${what}-to-notifications`, {
          ruleName: name(`${what}-to-notifications`),
          description: `${description} to the notification topic`,
          eventBusName: bus.bus.name,
          eventPattern,
          target: { kind: "sns", topicArn: notifications.topic.arn },
          deadLetterQueue: notificationsDlq,
        }),
    );
    notificationRoutes.forEach((r) => notifications.allowEventRule(r.rule.arn));
    ecsDeploymentPatterns(ecsServiceArns).forEach((eventPattern, i) => {
      const suffix = i === 0 ? "" : `-${i + 1}`;
      new EventRoute(this, `route-ecs-deployments${suffix}`, {
        ruleName: name(`ecs-deployments${suffix}`),
        description: "ECS deployment state changes of the configured services (default bus)",
        eventPattern,
        target: { kind: "lambda", function: deploymentHandler.function },
        deadLetterQueue: deploymentHandler.deadLetterQueue,
      });
    });
    const schedule = new HealthSchedule(this, "health-schedule", {
      scheduleName: name("health-check"),
      accountId: config.accountId,
      rateMinutes: config.healthCheck.rateMinutes,
      target: healthMonitor.function,
      deadLetterQueue: healthMonitor.deadLetterQueue,
    });

    // Observability
    const handlers = [
      { id: "health-monitor", fn: healthMonitor },
      { id: "auto-scaler", fn: autoScaler },
      { id: "deployment-handler", fn: deploymentHandler },
    ];
    const queues = [
      ...handlers.map((h) => ({ id: h.id, queueName: h.fn.deadLetterQueue.queue.name })),
      { id: "notifications", queueName: notificationsDlq.queue.name },
    ];
    new LifecycleAlarms(this, "alarms", {
      prefix,
      topicArn: notifications.topic.arn,
      functions: handlers.map((h) => ({ id: h.id, functionName: h.fn.function.functionName })),
      queues,
      runMetrics,
    });
    const dashboard = new LifecycleDashboard(this, "dashboard", {
      dashboardName: name("service-lifecycle"),
      title: `Service lifecycle: ${prefix} (${environment})`,
      region: config.region,
      services: config.services.map((svc, i) => ({
        name: svc.name,
        serviceId: services[i].service.id,
        maxErrorRate: svc.health.maxErrorRate,
        maxP99LatencyMs: svc.health.maxP99LatencyMs,
      })),
      functionNames: handlers.map((h) => h.fn.function.functionName),
      logGroupNames: handlers.map((h) => h.fn.logGroup.name),
      queueNames: queues.map((q) => q.queueName),
      runMetrics,
    });

    // Outputs
    const out = (id: string, value: string | Record<string, string>, description: string) =>
      new TerraformOutput(this, id, { value, description });
    out("service_network_id", network.network.id, "VPC Lattice service network id");
    out("service_network_arn", network.network.arn, "VPC Lattice service network ARN");
    out("event_bus_name", bus.bus.name, "Lifecycle event bus name");
    out("event_bus_arn", bus.bus.arn, "Lifecycle event bus ARN");
    out("health_monitor_function_name", healthMonitor.function.functionName, "Health monitor function");
    out("auto_scaler_function_name", autoScaler.function.functionName, "Auto-scaler function");
    out("deployment_handler_function_name", deploymentHandler.function.functionName, "Deployment handler function");
    out("health_schedule_name", schedule.schedule.name, "EventBridge Scheduler schedule of the health monitor");
    out("dashboard_name", dashboard.dashboard.dashboardName, "CloudWatch dashboard name");
    out("dashboard_url", dashboard.url, "CloudWatch dashboard in the console");
    out("notification_topic_arn", notifications.topic.arn, "SNS topic for lifecycle notifications");
    out("state_table_name", table.table.name, "DynamoDB table of the handlers' state");
    out(
      "target_group_arns",
      Object.fromEntries(config.services.map((svc, i) => [svc.name, services[i].targetGroup.arn])),
      "Target group ARN per service (for the ECS services' vpc_lattice_configurations)",
    );
  }
}
