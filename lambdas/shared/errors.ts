/** `Name: message` of an error (SDK errors name the AWS error code), or its string form. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** True when `error` is an AWS SDK error with the given name (`ConditionalCheckFailedException`, ...). */
export function isAwsError(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}
