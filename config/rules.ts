/**
 * Rules that span several fields of an environment file. The schema checks
 * each field alone; these check that the fields make sense together.
 */
import type { z } from "zod";
import type { ServiceConfig, ServiceLifecycleConfig } from "./schema";

/** VPC Lattice service names are 3-40 characters. */
export const MAX_LATTICE_SERVICE_NAME = 40;

type Ctx = z.RefinementCtx<ServiceLifecycleConfig>;

function issue(ctx: Ctx, path: (string | number)[], input: unknown, message: string): void {
  ctx.addIssue({ code: "custom", path, input, message });
}

function checkService(config: ServiceLifecycleConfig, svc: ServiceConfig, i: number, ctx: Ctx): void {
  const at = (...p: (string | number)[]) => ["services", i, ...p];
  const fullName = `${config.namePrefix}-${svc.name}`;
  if (fullName.length > MAX_LATTICE_SERVICE_NAME) {
    issue(ctx, at("name"), svc.name, `the Lattice service name "${fullName}" is ${fullName.length} characters; VPC Lattice allows ${MAX_LATTICE_SERVICE_NAME}. Fix: shorten namePrefix or the service name.`);
  }
  const needsVpc = svc.targetType !== "LAMBDA";
  if (needsVpc && !svc.vpcId) {
    issue(ctx, at("vpcId"), svc.vpcId, `is required for ${svc.targetType} target groups. Fix: set the VPC id of the targets, e.g. "vpc-0123456789abcdef0".`);
  }
  if (!needsVpc && svc.vpcId) {
    issue(ctx, at("vpcId"), svc.vpcId, "is not used by LAMBDA target groups. Fix: remove vpcId.");
  }
  const checksAllowed = svc.targetType === "IP" || svc.targetType === "INSTANCE";
  if (!checksAllowed && svc.healthCheck) {
    issue(ctx, at("healthCheck"), svc.healthCheck, `VPC Lattice does not run health checks for ${svc.targetType} target groups. Fix: remove healthCheck.`);
  }
  if (svc.healthCheck && svc.healthCheck.timeoutSeconds >= svc.healthCheck.intervalSeconds) {
    issue(ctx, at("healthCheck", "timeoutSeconds"), svc.healthCheck.timeoutSeconds, `must be below healthCheck.intervalSeconds (${svc.healthCheck.intervalSeconds}). Fix: lower the timeout or raise the interval.`);
  }
  const computeType = svc.compute?.type;
  if (svc.targetType === "IP" && computeType !== "ecs") {
    issue(ctx, at("compute"), svc.compute, 'IP target groups are filled by ECS tasks. Fix: set compute to { "type": "ecs", "clusterName": ..., "serviceName": ... }, or change targetType.');
  }
  if (svc.targetType === "INSTANCE" && computeType !== "ec2-asg") {
    issue(ctx, at("compute"), svc.compute, 'INSTANCE target groups are filled by an Auto Scaling group. Fix: set compute to { "type": "ec2-asg", "autoScalingGroupName": ... }, or change targetType.');
  }
  if (svc.targetType === "ALB" && !computeType) {
    issue(ctx, at("compute"), svc.compute, "is required: the auto-scaler scales the compute behind the load balancer. Fix: set an ecs or ec2-asg compute.");
  }
  if (svc.targetType === "LAMBDA" && svc.compute) {
    issue(ctx, at("compute"), svc.compute, "Lambda scales by itself; the auto-scaler does not act on LAMBDA services. Fix: remove compute and scaling.");
  }
  if (svc.targetType === "ALB" && !svc.albArn) {
    issue(ctx, at("albArn"), svc.albArn, "is required for ALB target groups. Fix: set the load balancer ARN.");
  }
  if (svc.targetType !== "ALB" && svc.albArn) {
    issue(ctx, at("albArn"), svc.albArn, `is only used by ALB target groups, and targetType is ${svc.targetType}. Fix: remove albArn or set targetType to ALB.`);
  }
  if (svc.targetType === "LAMBDA" && !svc.lambdaFunctionArn) {
    issue(ctx, at("lambdaFunctionArn"), svc.lambdaFunctionArn, "is required for LAMBDA target groups. Fix: set the function ARN.");
  }
  if (svc.targetType !== "LAMBDA" && svc.lambdaFunctionArn) {
    issue(ctx, at("lambdaFunctionArn"), svc.lambdaFunctionArn, `is only used by LAMBDA target groups, and targetType is ${svc.targetType}. Fix: remove it or set targetType to LAMBDA.`);
  }
  if (svc.compute && !svc.scaling) {
    issue(ctx, at("scaling"), svc.scaling, 'is required when compute is set. Fix: add { "min": 1, "max": 4 } (step and cooldownSeconds have defaults).');
  }
  if (!svc.compute && svc.scaling) {
    issue(ctx, at("scaling"), svc.scaling, "has nothing to scale without compute. Fix: remove scaling or add compute.");
  }
  if (svc.scaling && svc.scaling.min > svc.scaling.max) {
    issue(ctx, at("scaling", "min"), svc.scaling.min, `is above scaling.max (${svc.scaling.max}). Fix: make min <= max.`);
  }
  if (svc.protocolVersion === "GRPC" && svc.targetType !== "IP" && svc.targetType !== "INSTANCE") {
    issue(ctx, at("protocolVersion"), svc.protocolVersion, "applies only to IP and INSTANCE target groups. Fix: use HTTP1.");
  }
}

/** Adds an issue to `ctx` for every cross-field rule the config breaks. */
export function checkRules(config: ServiceLifecycleConfig, ctx: Ctx): void {
  const seen = new Map<string, number>();
  config.services.forEach((svc, i) => {
    const first = seen.get(svc.name);
    if (first !== undefined) {
      issue(ctx, ["services", i, "name"], svc.name, `is already used by services[${first}]. Fix: give every service a unique name.`);
    } else {
      seen.set(svc.name, i);
    }
    checkService(config, svc, i, ctx);
  });

  const computeIds = new Map<string, number>();
  config.services.forEach((svc, i) => {
    if (!svc.compute) return;
    const id = svc.compute.type === "ecs" ? `ecs:${svc.compute.clusterName}/${svc.compute.serviceName}` : `asg:${svc.compute.autoScalingGroupName}`;
    const first = computeIds.get(id);
    if (first !== undefined) {
      issue(ctx, ["services", i, "compute"], svc.compute, `is the same compute as services[${first}]; two services would scale it against each other. Fix: point each service at its own ECS service or Auto Scaling group.`);
    } else {
      computeIds.set(id, i);
    }
  });

  const vpcs = new Set<string>();
  config.network.vpcAssociations.forEach((assoc, i) => {
    if (vpcs.has(assoc.vpcId)) {
      issue(ctx, ["network", "vpcAssociations", i, "vpcId"], assoc.vpcId, "is associated twice. Fix: list each VPC once.");
    }
    vpcs.add(assoc.vpcId);
  });
  const extraTags = Object.keys(config.tags).filter((k) => k.toLowerCase().startsWith("aws:"));
  for (const key of extraTags) {
    issue(ctx, ["tags", key], key, 'tag keys starting with "aws:" are reserved by AWS. Fix: rename the tag.');
  }
}
