/**
 * Makes the AWS provider blocks of a stack plan offline: dummy credentials, every
 * skip flag, and nothing that would look up an account, a profile or a role.
 */
import { getObject, isObject, type Json, type JsonObject } from "./tf-json";

/** Settings merged into every `provider.aws` block. */
export const OFFLINE_AWS_PROVIDER_SETTINGS: Readonly<JsonObject> = {
  access_key: "mock-access-key",
  secret_key: "mock-secret-key",
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
  // A data source that does call AWS fails at once instead of retrying for minutes.
  max_retries: 1,
};

/**
 * Provider arguments removed because they need a live AWS call or local AWS
 * configuration, with the reason printed when one is removed.
 */
const REMOVED_ARGUMENTS: Readonly<Record<string, string>> = {
  allowed_account_ids: "the account ID is not looked up offline, so the provider would reject every account",
  forbidden_account_ids: "the account ID is not looked up offline",
  assume_role: "assuming a role calls AWS STS",
  assume_role_with_web_identity: "assuming a role calls AWS STS",
  profile: "credentials come from the check's dummy keys, not a profile",
  shared_config_files: "credentials come from the check's dummy keys",
  shared_credentials_files: "credentials come from the check's dummy keys",
  token: "credentials come from the check's dummy keys",
};

/**
 * Rewrites every `provider.aws` block in `config` (in place) for an offline plan.
 *
 * @returns Notes describing what was changed, one per line of output.
 */
export function makeAwsProviderOffline(config: JsonObject): string[] {
  const providers = getObject(config, "provider");
  if (!providers || !("aws" in providers)) return [];
  const raw = providers.aws;
  const blocks: Json[] = Array.isArray(raw) ? raw : [raw];
  const notes: string[] = [];
  blocks.forEach((block, i) => {
    if (!isObject(block)) return;
    const label = typeof block.alias === "string" ? `provider.aws (alias ${block.alias})` : `provider.aws[${i}]`;
    for (const [argument, reason] of Object.entries(REMOVED_ARGUMENTS)) {
      if (argument in block) {
        delete block[argument];
        notes.push(`${label}: removed ${argument} in the copy (${reason})`);
      }
    }
    Object.assign(block, OFFLINE_AWS_PROVIDER_SETTINGS);
  });
  if (blocks.length > 0) {
    notes.push(
      `provider.aws: ${blocks.length} block(s) given dummy credentials and skip_credentials_validation, ` +
        "skip_requesting_account_id, skip_metadata_api_check, skip_region_validation (max_retries 1)",
    );
  }
  return notes;
}
