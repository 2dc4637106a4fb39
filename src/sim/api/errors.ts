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

/** metav1.StatusDetails of an Invalid error: kubectl prints these rather than the message. */
export interface StatusDetails {
  kind: string;
  name: string;
  causes: { field: string; message: string }[];
}

export class APIError extends Error {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.code = CODES[reason];
  }

  /** The same status with its message rewritten (kubectl's AddSourceToErr keeps reason and details). */
  withMessage(message: string): APIError {
    return new APIError(this.reason, message, this.details);
  }
}

/** `pods "x" not found` (resource is the plural, with its group: `deployments.apps "x" not found`). */
export function notFound(qualifiedResource: string, name: string): APIError {
  return new APIError('NotFound', `${qualifiedResource} "${name}" not found`);
}

export function alreadyExists(qualifiedResource: string, name: string): APIError {
  return new APIError('AlreadyExists', `${qualifiedResource} "${name}" already exists`);
}
