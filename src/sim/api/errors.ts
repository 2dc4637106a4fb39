/**
 * API errors as the API server returns them (metav1.Status): kubectl prints them as
 * `Error from server (<Reason>): <message>`.
 */
export type StatusReason = 'NotFound' | 'AlreadyExists' | 'Invalid' | 'BadRequest' | 'Conflict' | 'Forbidden' | 'MethodNotAllowed';

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
  MethodNotAllowed: 405,
};

export class APIError extends Error {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
  ) {
    super(message);
    this.code = CODES[reason];
  }
}

/** `pods "x" not found` (resource is the plural, with its group: `deployments.apps "x" not found`). */
export function notFound(qualifiedResource: string, name: string): APIError {
  return new APIError('NotFound', `${qualifiedResource} "${name}" not found`);
}

export function alreadyExists(qualifiedResource: string, name: string): APIError {
  return new APIError('AlreadyExists', `${qualifiedResource} "${name}" already exists`);
}
