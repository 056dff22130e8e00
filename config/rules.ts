/**
 * Rules that span several fields of an environment file. The schema checks
 * each field alone; these check that the fields make sense together.
 */
import type { z } from "zod";
// The stacks' own ARN and policy builders, so the size estimate matches what is synthesized.
import { autoScalerStatements, handlerBaseStatements } from "../stacks/functions/policies";
import { computeArns } from "../stacks/shared/arn";
import { policyDocument } from "../stacks/shared/iam";
import { standardTags } from "../stacks/shared/tags";
import type { ServiceConfig, ServiceLifecycleConfig } from "./schema";

/** 50 tags per resource, less the two the stacks add. */
export const MAX_USER_TAGS = 48;

/** VPC Lattice service names are 3-40 characters. */
export const MAX_LATTICE_SERVICE_NAME = 40;

type Ctx = z.RefinementCtx<unknown>;

/**
 * Adds a rule violation. The offending value travels in `params.value`
 * (zod replaces an undefined `input` with the parent object).
 */
function issue(ctx: Ctx, path: (string | number)[], value: unknown, message: string): void {
  ctx.addIssue({ code: "custom", path, message, params: { value } });
}

/**
 * Rules within one service. Attached to the service schema, they run for
 * every service whose own fields are valid, even when other parts of the
 * file are not, so one run reports as much as possible.
 */
export function checkServiceRules(svc: ServiceConfig, ctx: Ctx): void {
  const at = (...p: (string | number)[]) => p;
  const needsVpc = svc.targetType !== "LAMBDA";
  if (needsVpc && !svc.vpcId) {
    issue(ctx, at("vpcId"), svc.vpcId, `is required for ${svc.targetType} target groups. Fix: set the VPC id of the targets, e.g. "vpc-0123456789abcdef0".`);
  }
  if (!needsVpc && svc.vpcId) {
    issue(ctx, at("vpcId"), svc.vpcId, "is not used by LAMBDA target groups. Fix: remove vpcId.");
  }
  if (needsVpc && svc.port === undefined) {
    issue(ctx, at("port"), undefined, `is required for ${svc.targetType} target groups. Fix: set the port the targets listen on.`);
  }
  if (!needsVpc && svc.port !== undefined) {
    issue(ctx, at("port"), svc.port, "is not used by LAMBDA target groups. Fix: remove port.");
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
  if (svc.callers && (svc.callers.accounts ?? []).length === 0 && svc.callers.principalArns.length === 0) {
    issue(ctx, at("callers"), svc.callers, "names no caller, so nobody could invoke the service. Fix: list accounts or principalArns, or remove callers to use the network's.");
  }
  for (const range of svc.healthCheck?.matcher.split(",") ?? []) {
    const [low, high] = range.split("-").map(Number);
    if (high !== undefined && high < low) {
      issue(ctx, at("healthCheck", "matcher"), svc.healthCheck?.matcher, `has the range ${range}, which runs backwards. Fix: write it as ${high}-${low}.`);
    }
  }
  if (svc.protocolVersion === "GRPC" && svc.targetType !== "IP" && svc.targetType !== "INSTANCE") {
    issue(ctx, at("protocolVersion"), svc.protocolVersion, "applies only to IP and INSTANCE target groups. Fix: use HTTP1.");
  }
}

/** Rules across services and sections; they run once every field is valid. */
export function checkRules(config: ServiceLifecycleConfig, ctx: Ctx): void {
  const seen = new Map<string, number>();
  config.services.forEach((svc, i) => {
    const first = seen.get(svc.name);
    if (first !== undefined) {
      issue(ctx, ["services", i, "name"], svc.name, `is already used by services[${first}]. Fix: give every service a unique name.`);
    } else {
      seen.set(svc.name, i);
    }
    const fullName = `${config.namePrefix}-${svc.name}`;
    if (fullName.length > MAX_LATTICE_SERVICE_NAME) {
      issue(ctx, ["services", i, "name"], svc.name, `the Lattice service name "${fullName}" is ${fullName.length} characters; VPC Lattice allows ${MAX_LATTICE_SERVICE_NAME}. Fix: shorten namePrefix or the service name.`);
    }
  });

  const lambdaTargets = new Map<string, number>();
  config.services.forEach((svc, i) => {
    if (!svc.lambdaFunctionArn) return;
    const first = lambdaTargets.get(svc.lambdaFunctionArn);
    if (first !== undefined) {
      issue(ctx, ["services", i, "lambdaFunctionArn"], svc.lambdaFunctionArn, `is already the target of services[${first}]. Fix: give each LAMBDA service its own function.`);
    } else {
      lambdaTargets.set(svc.lambdaFunctionArn, i);
    }
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
  checkTags(config, ctx);
  checkCallers(config, ctx);
  checkPolicySize(config, ctx);
  checkHealthState(config, ctx);
}

/** Runs a verdict row must outlive: one is rewritten once less than half its TTL is left. */
export const MIN_STATE_RUNS = 3;

/** The monitor's rows must outlive several runs, or every run would see each service for the first time. */
function checkHealthState(config: ServiceLifecycleConfig, ctx: Ctx): void {
  const { rateMinutes, stateRetentionDays } = config.healthCheck;
  // An out-of-range value already has its own problem.
  const valid = Number.isInteger(stateRetentionDays) && stateRetentionDays >= 1 && Number.isInteger(rateMinutes);
  if (valid && stateRetentionDays * 1440 < MIN_STATE_RUNS * rateMinutes) {
    const days = Math.ceil((MIN_STATE_RUNS * rateMinutes) / 1440);
    issue(
      ctx,
      ["healthCheck", "stateRetentionDays"],
      stateRetentionDays,
      `keeps a verdict for less than ${MIN_STATE_RUNS} runs of rateMinutes ${rateMinutes}: rows would expire between runs and consecutive checks could never add up. Fix: set stateRetentionDays to at least ${days}.`,
    );
  }
}

function checkTags(config: ServiceLifecycleConfig, ctx: Ctx): void {
  const keys = Object.keys(config.tags);
  if (keys.length > MAX_USER_TAGS) {
    issue(ctx, ["tags"], `${keys.length} tags`, `has ${keys.length} tags; AWS allows 50 per resource and the stacks add ${Object.keys(standardTags("x")).length}. Fix: keep at most ${MAX_USER_TAGS}.`);
  }
  const reserved = new Set(Object.keys(standardTags("x")).map((k) => k.toLowerCase()));
  const seen = new Map<string, string>();
  for (const key of keys) {
    const lower = key.toLowerCase();
    if (lower.startsWith("aws:")) {
      issue(ctx, ["tags", key], key, 'tag keys starting with "aws:" are reserved by AWS. Fix: rename the tag.');
    } else if (reserved.has(lower)) {
      issue(ctx, ["tags", key], key, "is set by the stacks themselves. Fix: remove it.");
    }
    const twin = seen.get(lower);
    if (twin !== undefined) {
      issue(ctx, ["tags", key], key, `differs from "${twin}" only in case, and IAM treats tag keys case-insensitively. Fix: keep one of them.`);
    }
    seen.set(lower, key);
  }
}

function checkCallers(config: ServiceLifecycleConfig, ctx: Ctx): void {
  const { accounts, principalArns } = config.network.callers;
  if (accounts !== undefined && accounts.length === 0 && principalArns.length === 0) {
    issue(ctx, ["network", "callers"], config.network.callers, "names no caller, so nobody could invoke any service. Fix: list accounts or principalArns, or remove accounts to allow the deployment account.");
  }
}

/** IAM allows 10,240 characters of inline policy per role. */
export const MAX_INLINE_POLICY_CHARS = 10_240;
/** Stand-in length for the ARN of a resource the stack creates (table, bus, queue, log group). */
const STACK_ARN_CHARS = 128;

/**
 * The auto-scaler's policy lists every configured ECS service and Auto
 * Scaling group; with many services it would outgrow IAM's limit, and only
 * `terraform apply` would find out.
 */
function checkPolicySize(config: ServiceLifecycleConfig, ctx: Ctx): void {
  const place = { accountId: config.accountId, region: config.region };
  const computes = config.services.flatMap((s) => (s.compute ? [s.compute] : []));
  const placeholder = "x".repeat(STACK_ARN_CHARS);
  const statements = [
    ...handlerBaseStatements(placeholder, placeholder),
    ...autoScalerStatements({
      busArn: placeholder,
      tableArn: placeholder,
      ecsServiceArns: computes.filter((c) => c.type === "ecs").flatMap((c) => computeArns(place, c)),
      autoScalingGroupArns: computes.filter((c) => c.type === "ec2-asg").flatMap((c) => computeArns(place, c)),
    }),
  ];
  const size = policyDocument(statements).length;
  if (size > MAX_INLINE_POLICY_CHARS) {
    issue(ctx, ["services"], `${computes.length} compute targets`, `would give the auto-scaler an IAM policy of about ${size} characters; IAM allows ${MAX_INLINE_POLICY_CHARS}. Fix: split the services across environments, or shorten ECS cluster, service and Auto Scaling group names.`);
  }
}
