/**
 * How to fix each field when the schema rejects it. Keys are field paths with
 * array indices written as `[]`; `errors.ts` picks the hint for an issue's path.
 */
/** The hints of a health-thresholds object at `path`: a service's `health` and `healthCheck.defaultHealth`. */
function healthHints(path: string): Record<string, string> {
  return {
    [path]:
      'use { "maxErrorRate": 0.05, "maxP99LatencyMs": 2000, "minRequests": 20, "minHealthyTargetShare": 0.5, "consecutiveChecks": 2 }',
    [`${path}.maxErrorRate`]: "use a fraction from 0 to 1, e.g. 0.05 for 5%",
    [`${path}.maxP99LatencyMs`]: "use a whole number of milliseconds from 1 to 600000",
    [`${path}.minRequests`]: "use a whole number from 0 to 1000000",
    [`${path}.minHealthyTargetShare`]: "use a fraction from 0 to 1, e.g. 0.5; 0 turns the rule off",
    [`${path}.consecutiveChecks`]: "use a whole number from 1 to 20 (1 changes the status at once)",
  };
}

export const FIELD_HINTS: Readonly<Record<string, string>> = {
  "": "start from config/environments/example.json; the file must be one JSON object",
  namePrefix: 'use 2-16 lowercase letters, digits and single hyphens, starting with a letter, e.g. "acme-prod"',
  accountId: 'use the 12-digit AWS account id as a string, e.g. "123456789012"',
  region: 'use a region code of the standard aws partition, such as "eu-west-1" (China and GovCloud are not supported)',
  tags: "use an object of string values",
  "tags.*": "use keys of 1-128 and values of at most 256 letters, digits, spaces and _ . : / = + - @",
  state: 'set "backend" to "s3" (with "bucket") or "cloud" (with "organization" and "workspacePrefix")',
  "state.backend": 'use "s3" or "cloud"',
  "state.bucket": 'use a valid S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, no "..", not an IP address, no "xn--" prefix or "-s3alias" suffix',
  "state.region": 'use an AWS region code such as "eu-west-1", or remove it to use the config\'s region',
  "state.keyPrefix": "use letters, digits and ! _ . * ' ( ) -, with single / between parts and none at either end",
  "state.organization": "use the Terraform Cloud organization name (letters, digits, _ and -)",
  "state.workspacePrefix": "use 1-72 letters, digits, _ and - (workspace names are at most 90 characters)",
  "state.hostname": 'use a lowercase host name such as "app.terraform.io"',
  network: 'use { "callers": {...}, "vpcAssociations": [...] }',
  "network.callers": 'use { "accounts": [...], "principalArns": [...] }',
  "network.vpcAssociations": 'use a list of { "vpcId": ..., "securityGroupIds": [...] }',
  "network.vpcAssociations[]": 'use { "vpcId": ..., "securityGroupIds": [...] }',
  healthCheck:
    'use { "rateMinutes": 5, "windowMinutes": 5, "topologyCacheMinutes": 60, "concurrency": 10, "targetRefreshChecks": 2, "stateRetentionDays": 14, "defaultHealth": {...} }',
  notifications: 'use { "emails": [...] }',
  "network.callers.accounts[]": 'use 12-digit account ids as strings, e.g. "123456789012"',
  "network.callers.principalArns[]": 'use IAM role, user or root ARNs, e.g. "arn:aws:iam::123456789012:role/checkout"',
  "network.vpcAssociations[].vpcId": 'use a VPC id with 8 or 17 hex digits, such as "vpc-0123456789abcdef0"',
  "network.vpcAssociations[].securityGroupIds": "list at most 5 security group ids",
  "network.vpcAssociations[].securityGroupIds[]": 'use security group ids such as "sg-0123456789abcdef0"',
  logRetentionDays: "use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
  "healthCheck.rateMinutes": "use a whole number of minutes from 1 to 1440",
  "healthCheck.windowMinutes": "use a whole number of minutes from 1 to 60",
  "healthCheck.topologyCacheMinutes": "use a whole number of minutes from 0 (list every run) to 1440",
  "healthCheck.concurrency": "use a whole number from 1 to 50",
  "healthCheck.targetRefreshChecks": "use a whole number from 1 (read every target group on every check) to 10",
  "healthCheck.stateRetentionDays": "use a whole number of days from 1 to 365",
  ...healthHints("healthCheck.defaultHealth"),
  "notifications.emails": "list at most 20 addresses",
  "notifications.emails[]": 'use an e-mail address such as "oncall@example.com"',
  automationMode: 'use "enforce" to let the auto-scaler act, or "dry-run" to only log its decisions',
  services: "list between 1 and 100 services",
  "services[]": 'describe the service with at least "name", "port", "vpcId", "compute" and "scaling"',
  "services[].name": 'use 2-38 lowercase letters, digits and single hyphens, starting with a letter, e.g. "orders"',
  "services[].port": "use a port number from 1 to 65535",
  "services[].protocol": 'use "HTTP" or "HTTPS"',
  "services[].protocolVersion": 'use "HTTP1", "HTTP2" or "GRPC"',
  "services[].targetType": 'use "IP" (ECS tasks), "INSTANCE" (EC2 Auto Scaling), "ALB" or "LAMBDA"',
  "services[].vpcId": 'use a VPC id with 8 or 17 hex digits, such as "vpc-0123456789abcdef0"',
  "services[].listener": 'use { "protocol": "HTTPS", "port": 443 }',
  "services[].healthCheck": 'use { "path": "/health", "intervalSeconds": 30, ... } (see the README)',
  "services[].scaling": 'use { "min": 1, "max": 4, "step": 1, "cooldownSeconds": 300 }',
  "services[].callers": 'use { "accounts": [...], "principalArns": [...] }',
  "services[].listener.protocol": 'use "HTTP" or "HTTPS"',
  "services[].listener.port": "use a port number from 1 to 65535",
  "services[].healthCheck.path": 'use an absolute HTTP path such as "/health"',
  "services[].healthCheck.protocol": 'use "HTTP" or "HTTPS"',
  "services[].healthCheck.intervalSeconds": "use a whole number of seconds from 5 to 300",
  "services[].healthCheck.timeoutSeconds": "use a whole number of seconds from 1 to 120",
  "services[].healthCheck.healthyThreshold": "use a whole number from 2 to 10",
  "services[].healthCheck.unhealthyThreshold": "use a whole number from 2 to 10",
  "services[].healthCheck.matcher": 'use HTTP codes or ranges such as "200", "200-299" or "200,204"',
  "services[].compute": 'use { "type": "ecs", "clusterName": ..., "serviceName": ... } or { "type": "ec2-asg", "autoScalingGroupName": ... }',
  "services[].compute.type": 'use "ecs" or "ec2-asg"',
  "services[].compute.clusterName": "use the ECS cluster name (letters, digits, _ and -), not its ARN",
  "services[].compute.serviceName": "use the ECS service name (letters, digits, _ and -), not its ARN",
  "services[].compute.autoScalingGroupName": "use the Auto Scaling group name (printable characters except : and *), not its ARN",
  "services[].albArn": "use an Application Load Balancer ARN, arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<16 hex digits>",
  "services[].lambdaFunctionArn": "use an unqualified function ARN, arn:aws:lambda:<region>:<account>:function:<name of at most 64 characters>",
  "services[].scaling.min": "use a whole number from 0 to 1000",
  "services[].scaling.max": "use a whole number from 1 to 1000",
  "services[].scaling.step": "use a whole number from 1 to 100",
  "services[].scaling.cooldownSeconds": "use a whole number of seconds from 60 to 86400",
  ...healthHints("services[].health"),
  "services[].callers.accounts[]": 'use 12-digit account ids as strings, e.g. "123456789012"',
  "services[].callers.principalArns[]": 'use IAM role, user or root ARNs, e.g. "arn:aws:iam::123456789012:role/checkout"',
};

/**
 * The path of an issue with indices replaced by `[]` and tag keys by `*`:
 * `services[2].port` → `services[].port`, `tags.team` → `tags.*`.
 */
export function hintKey(path: readonly PropertyKey[]): string {
  const key = path
    .map((p) => (typeof p === "number" ? "[]" : `.${String(p)}`))
    .join("")
    .replace(/^\./, "");
  return path[0] === "tags" && path.length > 1 ? "tags.*" : key;
}
