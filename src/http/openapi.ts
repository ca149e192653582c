import { z } from '@hono/zod-openapi';
import { ProblemView } from './presenters.js';

/** Shared OpenAPI fragments so each route states only what is particular to it. */
/** For routes a browser's form posts to: the same answer as an HTML page when the post is a form. */
interface Alternatives {
  orPage?: boolean;
}
const page = ({ orPage }: Alternatives) =>
  orPage ? { 'text/html': { schema: z.string().openapi({ description: 'An HTML page' }) } } : {};

export const problem = (description: string, alternatives: Alternatives = {}) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemView }, ...page(alternatives) },
});

/** The Problem schema, named, with `code` narrowed to what a client of a route must be ready for. */
export const problemWithCodes = <const Codes extends readonly [string, ...string[]]>(
  name: string,
  codes: Codes,
) => ProblemView.extend({ code: z.enum(codes) }).openapi(name);

/** A problem response of a schema made by `problemWithCodes`. */
export const codedProblem = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/problem+json': { schema } },
});

export const json = <T extends z.ZodType>(
  schema: T,
  description: string,
  alternatives: Alternatives = {},
) => ({
  description,
  content: { 'application/json': { schema }, ...page(alternatives) },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .openapi({ description: 'Retrying with the same key and body returns the first response' }),
});

export const commonErrors = {
  400: problem('The request is malformed or a field is invalid'),
  401: problem('No valid API key'),
  403: problem('The key’s role may not do this'),
} as const;

export const IdParam = (name: string, example: string) =>
  z.object({
    [name]: z
      .string()
      .min(1)
      .max(100)
      .openapi({ param: { name, in: 'path' }, example }),
  });
