/**
 * The environment Terraform runs in during the check: providers from the local
 * mirror, no version checks, dummy AWS credentials, and every AWS API endpoint
 * pointed at a closed loopback port so nothing can reach AWS even by mistake.
 */

/** Where every AWS API call goes during the check: loopback, a port nothing listens on. */
export const BLACKHOLE_AWS_ENDPOINT = "http://127.0.0.1:9";

/** Variables removed because they would pull in real AWS identity or alter Terraform's flags. */
const REMOVED = [
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_SESSION_TOKEN",
  "AWS_SECURITY_TOKEN",
  "AWS_ROLE_ARN",
  "AWS_ROLE_SESSION_NAME",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "TF_WORKSPACE",
];

/**
 * Builds Terraform's environment from `base` (normally `process.env`).
 *
 * @param base - The environment to start from; it is not changed.
 * @param cliConfigFile - Absolute path of the CLI configuration written by the check.
 */
export function terraformEnv(base: NodeJS.ProcessEnv, cliConfigFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of REMOVED) delete env[name];
  for (const name of Object.keys(env)) {
    if (name.startsWith("TF_CLI_ARGS") || name.startsWith("AWS_ENDPOINT_URL_")) delete env[name];
  }
  return {
    ...env,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ACCESS_KEY_ID: "mock-access-key",
    AWS_SECRET_ACCESS_KEY: "mock-secret-key",
    AWS_ENDPOINT_URL: BLACKHOLE_AWS_ENDPOINT,
  };
}
