/**
 * What every step's routes share: the one error shape, the error that carries it, and the
 * logger each step reports to.
 */
import type { Env, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { OpenAPIHono, z, type Hook } from '@hono/zod-openapi';
import { STEP, type Step } from './steps.js';

/**
 * Where each step reports (`STEP.linkMade`, `STEP.webhookReceived`, …), with what it
 * concerns: one JSON line each in production, the live log in the demo. Never a credential
 * or a token.
 */
export type StepLog = (
  step: Step,
  detail?: Record<string, unknown>,
  level?: 'info' | 'error',
) => void;

/** Every error answer: a stable `code` for programs, a `message` for people that says what to fix. */
export const errorBody = (code: string, message: string) => ({ error: { code, message } });

const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error');

/** An answer in the one error shape; thrown anywhere in a route, answered by `onError`. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(status, { message, cause: options?.cause });
  }
}

/** A body not sent as JSON: refused by the link route's guard and by Hono's validator alike. */
export const NOT_JSON = 'send the body as JSON, with content-type: application/json';

/** What Hono's own refusals (its validator's) mean, in words that say what to fix. */
const HONO_ERRORS: Partial<Record<number, [code: string, message: string]>> = {
  400: ['invalid_json', 'the body is not well-formed JSON'],
  415: ['unsupported_media_type', NOT_JSON],
};

/** Hono's `onError`: our errors as they are, Hono's own (malformed JSON) in our shape, the rest 500. */
export function answerError(log: StepLog): ErrorHandler {
  return (error, c) => {
    if (error instanceof ApiError)
      return c.json(errorBody(error.code, error.message), error.status);
    if (error instanceof HTTPException) {
      const [code, message] = HONO_ERRORS[error.status] ?? [`http_${error.status}`, error.message];
      return c.json(errorBody(code, message), error.status);
    }
    log(STEP.requestFailed, { path: c.req.path, error: error.message }, 'error');
    return c.json(errorBody('internal_error', 'the server failed; try again'), 500);
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An OpenAPI response of the one error shape. */
export const errorContent = (description: string) => ({
  content: { 'application/json': { schema: ErrorSchema } },
  description,
});

/** A body that fails its schema: `400 invalid_request`, naming the first field to fix. */
const invalidRequest: Hook<unknown, Env, string, unknown> = (result, c) => {
  if (result.success) return;
  const issue = result.error.issues.at(0);
  const field = issue?.path.join('.') || 'body';
  return c.json(errorBody('invalid_request', `${field} ${issue?.message ?? 'is invalid'}`), 400);
};

/** A step's routes, described in the OpenAPI document and validated by their zod schemas. */
export const openApiRoutes = () => new OpenAPIHono<Env>({ defaultHook: invalidRequest });
