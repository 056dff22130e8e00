import { HANDLER_NAMES, STACK_IDS } from "../../stacks/shared/naming";
import { exampleInput, normalizeForSnapshot, parseReference, resourceNamed, resources, synthConfig, type TfJson } from "../helpers/synth";

const synthesized = synthConfig();
const tf: TfJson = synthesized.stacks[STACK_IDS.lifecycle];
const raw = synthesized.raw[STACK_IDS.lifecycle];

const parse = (policy: string) => JSON.parse(policy);
const statementsOf = (policy: string): any[] => parse(policy).Statement;
const asList = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

describe("LifecycleStack", () => {
  test("matches the snapshot of its normalized Terraform JSON", () => {
    expect(normalizeForSnapshot(raw)).toMatchSnapshot();
  });

  test("keeps state in S3 with encryption, a native lock file and a key of its own", () => {
    expect(tf.terraform.backend).toEqual({
      s3: {
        bucket: "acme-example-tfstate-123456789012",
        key: "service-lifecycle/example/service-lifecycle.tfstate",
        region: "eu-west-1",
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  test("pins the AWS provider to the deployment account and region and tags everything", () => {
    const [aws] = tf.provider.aws;
    expect(aws.region).toBe("eu-west-1");
    expect(aws.allowed_account_ids).toEqual(["123456789012"]);
    expect(aws.default_tags[0].tags).toMatchObject({ team: "platform", "managed-by": "service-lifecycle", "service-lifecycle:environment": "example" });
    expect(tf.terraform.required_providers.aws.version).toBe("5.100.0");
  });

  test("writes no absolute path anywhere", () => {
    const paths = [...raw.matchAll(/"((?:\/|[A-Za-z]:\\)[^"]*)"/g)].map((m) => m[1]);
    // The only values starting with a slash are log group names and HTTP paths.
    expect(paths.filter((p) => !/^\/aws\/(lambda|vpclattice)\/|^\/(health|healthz|status)$/.test(p))).toEqual([]);
    expect(raw).not.toContain(process.cwd());
  });

  describe("network", () => {
    test("uses AWS_IAM auth on the network and on every service", () => {
      expect(Object.values(resources(tf, "aws_vpclattice_service_network")).map((n) => n.auth_type)).toEqual(["AWS_IAM"]);
      const services = Object.values(resources(tf, "aws_vpclattice_service"));
      expect(services.map((s) => s.name).sort()).toEqual(["acme-example-inventory", "acme-example-orders", "acme-example-payments"]);
      expect(services.every((s) => s.auth_type === "AWS_IAM")).toBe(true);
    });

    test("attaches an auth policy to the network and to each service", () => {
      const policies = Object.values(resources(tf, "aws_vpclattice_auth_policy"));
      expect(policies).toHaveLength(4);
      const network = policies.find((p) => parseReference(p.resource_identifier)?.type === "aws_vpclattice_service_network");
      expect(statementsOf(network.policy)).toEqual([
        {
          Sid: "AllowCallerAccounts",
          Effect: "Allow",
          Principal: "*",
          Action: "vpc-lattice-svcs:Invoke",
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalAccount": ["123456789012"] } },
        },
      ]);
      const payments = resourceNamed(tf, "aws_vpclattice_auth_policy", "service-payments");
      const [statement] = statementsOf(payments.policy);
      expect(statement.Principal).toEqual({ AWS: ["arn:aws:iam::123456789012:role/acme-example-checkout"] });
      expect(statement.Resource).toMatch(/^\$\{aws_vpclattice_service\.service-payments_service_[A-F0-9]+\.arn\}\/\*$/);
    });

    test("sends access logs to a log group with the configured retention", () => {
      const group = resourceNamed(tf, "aws_cloudwatch_log_group", "access-logs");
      expect(group).toMatchObject({ name: "/aws/vpclattice/acme-example-network", retention_in_days: 30 });
      const [sub] = Object.values(resources(tf, "aws_vpclattice_access_log_subscription"));
      expect(parseReference(sub.destination_arn)).toMatchObject({ type: "aws_cloudwatch_log_group", attr: "arn" });
    });

    test("gives IP and INSTANCE target groups the configured health check", () => {
      const orders = resourceNamed(tf, "aws_vpclattice_target_group", "service-orders");
      expect(orders.type).toBe("IP");
      expect(orders.config).toMatchObject({ port: 8080, protocol: "HTTP", vpc_identifier: "vpc-0a1b2c3d4e5f60718" });
      expect(orders.config.health_check).toMatchObject({
        enabled: true,
        path: "/health",
        health_check_interval_seconds: 30,
        health_check_timeout_seconds: 5,
        healthy_threshold_count: 3,
        unhealthy_threshold_count: 2,
        matcher: { value: "200-299" },
      });
      expect(resourceNamed(tf, "aws_vpclattice_target_group", "service-inventory").type).toBe("INSTANCE");
    });

    test("forwards each listener to its own target group and joins every service to the network", () => {
      const listener = resourceNamed(tf, "aws_vpclattice_listener", "service-orders");
      expect(listener).toMatchObject({ protocol: "HTTPS", port: 443 });
      const [group] = listener.default_action.forward[0].target_groups;
      expect(parseReference(group.target_group_identifier)?.name).toMatch(/^service-orders_target-group_/);
      expect(Object.keys(resources(tf, "aws_vpclattice_service_network_service_association"))).toHaveLength(3);
      expect(Object.values(resources(tf, "aws_vpclattice_service_network_vpc_association"))).toEqual([
        expect.objectContaining({ vpc_identifier: "vpc-0a1b2c3d4e5f60718", security_group_ids: ["sg-0a1b2c3d4e5f60718"] }),
      ]);
    });

    test("attaches the Auto Scaling group of an INSTANCE service as a Lattice traffic source", () => {
      const [attachment] = Object.values(resources(tf, "aws_autoscaling_traffic_source_attachment"));
      expect(attachment.autoscaling_group_name).toBe("acme-example-inventory");
      expect(attachment.traffic_source).toMatchObject({ type: "vpc-lattice" });
    });
  });

  describe("events", () => {
    const rules = () => resources(tf, "aws_cloudwatch_event_rule");
    const targets = () => resources(tf, "aws_cloudwatch_event_target");

    test("creates the custom lifecycle bus with an archive", () => {
      const [bus] = Object.values(resources(tf, "aws_cloudwatch_event_bus"));
      expect(bus.name).toBe("acme-example-lifecycle");
      const [archive] = Object.values(resources(tf, "aws_cloudwatch_event_archive"));
      expect(parseReference(archive.event_source_arn)?.type).toBe("aws_cloudwatch_event_bus");
    });

    test("runs no schedule on an event rule: the health check runs from EventBridge Scheduler", () => {
      expect(Object.values(rules()).filter((r) => r.schedule_expression !== undefined)).toEqual([]);
      const [schedule] = Object.values(resources(tf, "aws_scheduler_schedule"));
      expect(schedule.schedule_expression).toBe("rate(5 minutes)");
      expect(parseReference(schedule.target.arn)).toMatchObject({ type: "aws_lambda_function", attr: "arn" });
      expect(parseReference(schedule.target.role_arn)).toMatchObject({ type: "aws_iam_role", attr: "arn" });
      expect(schedule.target.retry_policy).toBeDefined();
      expect(parseReference(schedule.target.dead_letter_config.arn)).toMatchObject({ type: "aws_sqs_queue", attr: "arn" });
    });

    test("puts the lifecycle rules on the custom bus, and the ECS rule on the default bus", () => {
      const byName = Object.fromEntries(Object.values(rules()).map((r) => [r.name, r]));
      for (const name of ["health-to-auto-scaler", "scaling-to-notifications", "deployment-to-notifications"]) {
        expect(parseReference(byName[`acme-example-${name}`].event_bus_name)).toMatchObject({ type: "aws_cloudwatch_event_bus", attr: "name" });
      }
      expect(byName["acme-example-ecs-deployments"].event_bus_name).toBeUndefined();
    });

    test("names the rule's bus on every target", () => {
      for (const target of Object.values(targets())) {
        const ruleName = parseReference(target.rule)!.name;
        expect(target.event_bus_name).toEqual(rules()[ruleName].event_bus_name);
      }
    });

    test("gives every target a retry policy and an encrypted dead-letter queue", () => {
      const queues = resources(tf, "aws_sqs_queue");
      expect(Object.keys(targets())).toHaveLength(5);
      for (const target of Object.values(targets())) {
        expect(target.retry_policy).toEqual({ maximum_event_age_in_seconds: 3600, maximum_retry_attempts: 8 });
        const queue = parseReference(target.dead_letter_config.arn)!;
        expect(queues[queue.name].sqs_managed_sse_enabled).toBe(true);
      }
    });

    test("lets EventBridge write to each dead-letter queue only for the rules that use it", () => {
      for (const target of Object.values(targets())) {
        const queueName = parseReference(target.dead_letter_config.arn)!.name;
        const policy = Object.values(resources(tf, "aws_sqs_queue_policy")).find((p) => parseReference(p.queue_url)?.name === queueName);
        const [statement] = statementsOf(policy.policy);
        expect(statement.Principal).toEqual({ Service: "events.amazonaws.com" });
        expect(statement.Condition.ArnEquals["aws:SourceArn"]).toContain(`\${aws_cloudwatch_event_rule.${parseReference(target.rule)!.name}.arn}`);
      }
    });

    test("scopes each Lambda permission to the ARN attribute of the rule that invokes the function", () => {
      const permissions = Object.values(resources(tf, "aws_lambda_permission"));
      expect(permissions).toHaveLength(2);
      for (const permission of permissions) {
        const source = parseReference(permission.source_arn)!;
        expect(source).toMatchObject({ type: "aws_cloudwatch_event_rule", attr: "arn" });
        const target = Object.values(targets()).find((t) => parseReference(t.rule)!.name === source.name);
        expect(parseReference(target.arn)!.name).toBe(parseReference(permission.function_name)!.name);
        expect(permission.principal).toBe("events.amazonaws.com");
      }
    });

    test("routes the configured ECS services' deployments to the deployment handler", () => {
      const rule = resourceNamed(tf, "aws_cloudwatch_event_rule", "route-ecs-deployments");
      expect(JSON.parse(rule.event_pattern)).toEqual({
        source: ["aws.ecs"],
        "detail-type": ["ECS Deployment State Change"],
        resources: [
          "arn:aws:ecs:eu-west-1:123456789012:service/acme-example/orders",
          "arn:aws:ecs:eu-west-1:123456789012:service/orders",
          "arn:aws:ecs:eu-west-1:123456789012:service/acme-example/payments",
          "arn:aws:ecs:eu-west-1:123456789012:service/payments",
        ],
      });
    });
  });

  describe("functions", () => {
    const functions = () => Object.values(resources(tf, "aws_lambda_function"));

    test("deploys the three handlers on nodejs22.x, arm64, with JSON logs to their own log group", () => {
      expect(functions().map((f) => f.function_name).sort()).toEqual(HANDLER_NAMES.map((h) => `acme-example-${h}`).sort());
      for (const fn of functions()) {
        expect(fn).toMatchObject({ runtime: "nodejs22.x", architectures: ["arm64"], handler: "index.handler" });
        expect(fn.logging_config.log_format).toBe("JSON");
        const group = parseReference(fn.logging_config.log_group)!;
        expect(resources(tf, "aws_cloudwatch_log_group")[group.name]).toMatchObject({ name: `/aws/lambda/${fn.function_name}`, retention_in_days: 30 });
      }
    });

    test("deploys the archive provider's zip of the bundled asset", () => {
      const archives = tf.data!.archive_file;
      for (const fn of functions()) {
        const [, archiveName] = /^\$\{data\.archive_file\.([\w-]+)\.output_path\}$/.exec(fn.filename) ?? [];
        expect(archives[archiveName]).toBeDefined();
        expect(fn.source_code_hash).toBe(`\${data.archive_file.${archiveName}.output_base64sha256}`);
      }
      for (const archive of Object.values<any>(archives)) {
        expect(archive).toMatchObject({ type: "zip", output_file_mode: "0644" });
        expect(archive.source_dir).toMatch(/^assets\/[\w-]+_code_[A-F0-9]+\/[0-9a-f]{16}$/);
        expect(archive.output_path).toMatch(/^assets\/[\w-]+_package_[A-F0-9]+\/[0-9a-f]{16}\/[\w-]+\.zip$/);
      }
    });

    test("grants no managed policy, no wildcard action and no FullAccess", () => {
      expect(resources(tf, "aws_iam_role_policy_attachment")).toEqual({});
      expect(raw).not.toMatch(/FullAccess/);
      for (const policy of Object.values(resources(tf, "aws_iam_role_policy"))) {
        for (const statement of statementsOf(policy.policy)) {
          for (const action of asList(statement.Action)) expect(action).not.toMatch(/\*/);
        }
      }
    });

    test("scopes each handler's statements to the resources it touches", () => {
      const policyOf = (fragment: string) => statementsOf(resourceNamed(tf, "aws_iam_role_policy", `${fragment}_policy`).policy);
      const scaler = Object.fromEntries(policyOf("auto-scaler").map((s: any) => [s.Sid, s]));
      expect(scaler.ScaleEcsServices.Resource).toEqual([
        "arn:aws:ecs:eu-west-1:123456789012:service/acme-example/orders",
        "arn:aws:ecs:eu-west-1:123456789012:service/orders",
        "arn:aws:ecs:eu-west-1:123456789012:service/acme-example/payments",
        "arn:aws:ecs:eu-west-1:123456789012:service/payments",
      ]);
      expect(scaler.ScaleAutoScalingGroups.Resource).toEqual([
        "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:*:autoScalingGroupName/acme-example-inventory",
      ]);
      expect(parseReference(scaler.KeepCooldowns.Resource)).toMatchObject({ type: "aws_dynamodb_table", attr: "arn" });
      expect(scaler.PublishLifecycleEvents.Condition).toEqual({ StringEquals: { "events:source": "service-lifecycle.auto-scaler" } });

      const monitor = Object.fromEntries(policyOf("health-monitor").map((s: any) => [s.Sid, s]));
      expect(monitor.ListNetworkServices.Condition.StringEquals["vpc-lattice:ServiceNetworkArn"]).toMatch(/aws_vpclattice_service_network\..*\.arn/);
      expect(Object.keys(monitor).sort()).toEqual([
        "KeepHealthState",
        "ListNetworkServices",
        "ListServiceRouting",
        "PublishLifecycleEvents",
        "ReadListeners",
        "ReadRules",
        "ReadServiceMetrics",
        "ReadTargetHealth",
        "SendFailedInvocations",
        "WriteOwnLogs",
      ]);
      expect(monitor.ReadListeners.Resource).toBe("arn:aws:vpc-lattice:eu-west-1:123456789012:service/*/listener/*");
      expect(monitor.ReadRules.Resource).toBe("arn:aws:vpc-lattice:eu-west-1:123456789012:service/*/listener/*/rule/*");
      expect(monitor.ReadTargetHealth.Resource).toBe("arn:aws:vpc-lattice:eu-west-1:123456789012:targetgroup/*");
      expect(parseReference(monitor.KeepHealthState.Resource)).toMatchObject({ type: "aws_dynamodb_table", attr: "arn" });
      expect(monitor.KeepHealthState.Condition).toEqual({ "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["health#*"] } });
      expect(monitor.PublishLifecycleEvents.Condition).toEqual({
        StringEquals: {
          "events:source": "service-lifecycle.health-monitor",
          "events:detail-type": ["Service Health Check", "Service Health Changed"],
        },
      });

      const deployments = Object.fromEntries(policyOf("deployment-handler").map((s: any) => [s.Sid, s]));
      expect(deployments.DescribeEcsServices.Action).toBe("ecs:DescribeServices");
      for (const statements of [policyOf("health-monitor"), policyOf("auto-scaler"), policyOf("deployment-handler")]) {
        const logs = statements.find((s: any) => s.Sid === "WriteOwnLogs");
        expect(logs.Resource).toMatch(/^\$\{aws_cloudwatch_log_group\..*\.arn\}:\*$/);
      }
    });

    test("tells the health monitor its bus, network, state table and metrics namespace", () => {
      const monitor = functions().find((f) => f.function_name === "acme-example-health-monitor");
      const variables = monitor.environment.variables;
      expect(Object.keys(variables).sort()).toEqual([
        "POWERTOOLS_METRICS_NAMESPACE",
        "POWERTOOLS_SERVICE_NAME",
        "SL_EVENT_BUS_NAME",
        "SL_SERVICE_NETWORK_ARN",
        "SL_STATE_TABLE_NAME",
      ]);
      expect(variables.POWERTOOLS_SERVICE_NAME).toBe("health-monitor");
      expect(variables.POWERTOOLS_METRICS_NAMESPACE).toBe("ServiceLifecycle/acme-example");
      expect(parseReference(variables.SL_STATE_TABLE_NAME)).toMatchObject({ type: "aws_dynamodb_table", attr: "name" });
      expect(parseReference(variables.SL_EVENT_BUS_NAME)).toMatchObject({ type: "aws_cloudwatch_event_bus", attr: "name" });
      expect(parseReference(variables.SL_SERVICE_NETWORK_ARN)).toMatchObject({ type: "aws_vpclattice_service_network", attr: "arn" });
    });

    test("stops a health check after two minutes, within the five-minute schedule", () => {
      const monitor = functions().find((f) => f.function_name === "acme-example-health-monitor");
      expect(monitor).toMatchObject({ timeout: 120, memory_size: 512 });
    });

    test("cuts the health check's timeout to one minute when it runs every minute", () => {
      const input = exampleInput() as any;
      input.healthCheck.rateMinutes = 1;
      const everyMinute = synthConfig(input).stacks[STACK_IDS.lifecycle];
      const monitor = Object.values(resources(everyMinute, "aws_lambda_function")).find((f) => f.function_name === "acme-example-health-monitor");
      expect(monitor.timeout).toBe(60);
    });

    test("only lets each service's principal assume each role, from this account", () => {
      for (const role of Object.values(resources(tf, "aws_iam_role"))) {
        const [statement] = statementsOf(role.assume_role_policy);
        expect(["lambda.amazonaws.com", "scheduler.amazonaws.com"]).toContain(statement.Principal.Service);
        expect(statement.Condition).toEqual({ StringEquals: { "aws:SourceAccount": "123456789012" } });
      }
    });

    test("keeps handler state in an encrypted on-demand table with point-in-time recovery and TTL", () => {
      const [table] = Object.values(resources(tf, "aws_dynamodb_table"));
      expect(table).toMatchObject({
        name: "acme-example-lifecycle-state",
        billing_mode: "PAY_PER_REQUEST",
        hash_key: "pk",
        attribute: [{ name: "pk", type: "S" }],
        point_in_time_recovery: { enabled: true },
        server_side_encryption: { enabled: true },
        ttl: { attribute_name: "expiresAt", enabled: true },
      });
    });
  });

  describe("observability", () => {
    test("encrypts the notification topic with a rotating customer-managed key and subscribes the e-mails", () => {
      const [topic] = Object.values(resources(tf, "aws_sns_topic"));
      expect(parseReference(topic.kms_master_key_id)).toMatchObject({ type: "aws_kms_key", attr: "arn" });
      const [key] = Object.values(resources(tf, "aws_kms_key"));
      expect(key.enable_key_rotation).toBe(true);
      expect(Object.values(resources(tf, "aws_sns_topic_subscription")).map((s) => [s.protocol, s.endpoint])).toEqual([["email", "platform-oncall@example.com"]]);
    });

    test("lets only the notification rules and this account's alarms publish to the topic", () => {
      const [policy] = Object.values(resources(tf, "aws_sns_topic_policy"));
      const bySid = Object.fromEntries(statementsOf(policy.policy).map((s: any) => [s.Sid, s]));
      const sources = bySid.LifecycleRulesPublish.Condition.ArnEquals["aws:SourceArn"] as string[];
      expect(sources.map((arn) => parseReference(arn)?.name.replace(/_rule_[0-9A-F]+$/, "")).sort()).toEqual([
        "route-deployment-to-notifications",
        "route-health-changes-to-notifications",
        "route-scaling-to-notifications",
      ]);
      expect(bySid.AlarmsPublish.Condition.ArnLike["aws:SourceArn"]).toBe("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:*");
    });

    test("builds a dashboard whose metric widgets all have a region and metrics", () => {
      const [dashboard] = Object.values(resources(tf, "aws_cloudwatch_dashboard"));
      const body = JSON.parse(dashboard.dashboard_body);
      const metricWidgets = body.widgets.filter((w: any) => w.type === "metric");
      expect(metricWidgets.length).toBe(3 * 3 + 5 + 3);
      for (const widget of metricWidgets) {
        expect(widget.properties.region).toBe("eu-west-1");
        expect(widget.properties.metrics.length).toBeGreaterThan(0);
      }
      const lattice = metricWidgets.flatMap((w: any) => w.properties.metrics).filter((m: any[]) => m[0] === "AWS/VpcLattice");
      expect(new Set(lattice.map((m: any[]) => m[1]))).toEqual(new Set(["TotalRequestCount", "HTTPCode_5XX_Count", "RequestTime"]));
      expect(lattice.every((m: any[]) => m[2] === "Service" && /^\$\{aws_vpclattice_service\..*\.id\}$/.test(m[3]))).toBe(true);
      const [log] = body.widgets.filter((w: any) => w.type === "log");
      expect(log.properties.query).toContain("SOURCE '${aws_cloudwatch_log_group.health-monitor_logs_");
      const runs = metricWidgets.flatMap((w: any) => w.properties.metrics).filter((m: any[]) => m[0] === "ServiceLifecycle/acme-example");
      expect(runs.map((m: any[]) => m[1])).toEqual([
        "HealthyServices",
        "DegradedServices",
        "UnhealthyServices",
        "UnknownServices",
        "StatusChanges",
        "ServiceFailures",
        "ApiCalls",
        "CheckDuration",
      ]);
      expect(runs.every((m: any[]) => m[2] === "service" && m[3] === "health-monitor")).toBe(true);
    });

    test("alarms on handler errors and dead letters to the topic", () => {
      const alarms = Object.values(resources(tf, "aws_cloudwatch_metric_alarm"));
      expect(alarms.map((a) => a.alarm_name).sort()).toEqual([
        "acme-example-auto-scaler-dead-letters",
        "acme-example-auto-scaler-errors",
        "acme-example-deployment-handler-dead-letters",
        "acme-example-deployment-handler-errors",
        "acme-example-health-monitor-dead-letters",
        "acme-example-health-monitor-errors",
        "acme-example-health-monitor-service-failures",
        "acme-example-notifications-dead-letters",
      ]);
      for (const alarm of alarms) expect(parseReference(alarm.alarm_actions[0])).toMatchObject({ type: "aws_sns_topic", attr: "arn" });
    });

    test("alarms when three health checks in a row fail to check some service", () => {
      const alarm = Object.values(resources(tf, "aws_cloudwatch_metric_alarm")).find((a) => a.alarm_name === "acme-example-health-monitor-service-failures");
      expect(alarm).toMatchObject({
        namespace: "ServiceLifecycle/acme-example",
        metric_name: "ServiceFailures",
        dimensions: { service: "health-monitor" },
        statistic: "Sum",
        period: 300,
        evaluation_periods: 3,
        datapoints_to_alarm: 3,
        threshold: 0,
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "notBreaching",
      });
      expect(parseReference(alarm.ok_actions[0])).toMatchObject({ type: "aws_sns_topic", attr: "arn" });
    });

    test("outputs what an operator needs after deploying", () => {
      expect(Object.keys(tf.output!).sort()).toEqual([
        "auto_scaler_function_name",
        "dashboard_name",
        "dashboard_url",
        "deployment_handler_function_name",
        "event_bus_arn",
        "event_bus_name",
        "health_monitor_function_name",
        "health_schedule_name",
        "notification_topic_arn",
        "service_network_arn",
        "service_network_id",
        "state_table_name",
        "target_group_arns",
      ]);
      expect(tf.output!.dashboard_url.value).toBe(
        "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/acme-example-service-lifecycle",
      );
    });
  });

  test("synthesizes identical output twice", () => {
    expect(synthConfig().raw).toEqual(synthesized.raw);
  });
});
