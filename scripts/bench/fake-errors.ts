/** Errors the fake AWS throws, shaped like SDK v3 service exceptions. */

/**
 * An error with the `name`, `$fault` and `$metadata` of an SDK v3 service
 * exception, so code that inspects `error.name` or the HTTP status sees what
 * the real service would send.
 */
export function awsError(name: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? "server" : "client",
    $metadata: { httpStatusCode, attempts: 1, totalRetryDelay: 0 },
  });
}

/** The request breaks a documented limit or names a malformed value. */
export function validationError(operation: string, message: string): Error {
  return awsError("ValidationException", `${operation}: ${message}`);
}

/** The request names a resource the fake fleet does not have. */
export function notFoundError(operation: string, what: string): Error {
  return awsError("ResourceNotFoundException", `${operation}: ${what} not found`, 404);
}
