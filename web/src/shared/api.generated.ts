/**
 * Generated from the API's /openapi.json by scripts/openapi-types.ts (npm run api:types).
 * Do not edit: change the server's zod views, then regenerate. npm test fails when this is stale.
 */
export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness and database reachability (no key needed)
     * @description With a read replica (DATABASE_READ_URL), also its delay behind the primary; a replica that cannot be reached is reported but leaves the status ok, since writes and most reads do not need it.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Healthy */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              status: 'ok';
              database: string;
              replica?: components['schemas']['ReplicaHealth'];
            };
          };
        };
        /** @description A parameter or field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key or session */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this, or the request came from another site */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Database unreachable */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              status: 'unavailable';
              database: string;
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/session': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The signed-in session (401 when there is none) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The session */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Session'];
          };
        };
        /** @description A parameter or field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not signed in */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Sign in to the dashboard with an admin API key or a user’s e-mail and password
     * @description Sets an HTTP-only, SameSite=Strict session cookie valid 12 hours.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['SignIn'];
        };
      };
      responses: {
        /** @description Signed in */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Session'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not JSON */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Too many wrong passwords for this e-mail in the last 15 minutes */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    /** Sign out (needs X-CSRF-Token) */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Signed out */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Dashboard users */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description All users */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: components['schemas']['User'][];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Create a dashboard user (password at least 12 characters, stored as scrypt) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Format: email */
            email: string;
            name: string;
            password: string;
            /**
             * @default admin
             * @enum {string}
             */
            role?: 'admin' | 'pos';
          };
        };
      };
      responses: {
        /** @description Created */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['User'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The e-mail is taken */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users/{id}/disable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Disable a user; their sessions end at once */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Disabled */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['User'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such user */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List, filter, sort and search customers
     * @description Each customer comes with their points, tier, spend, last order and lifecycle stage. Sorted by `sort` then id in the same `order`; pass `nextCursor` back as `cursor` with the same query for the next page.
     */
    get: {
      parameters: {
        query?: {
          /** @description Only these customers (comma-separated ids, at most 200); unknown ids are left out */
          ids?: string;
          email?: string;
          phone?: string;
          externalId?: string;
          source?: string;
          /** @description Prefix of e-mail, first or last name */
          q?: string;
          /** @description Lifecycle stage of the last analytics refresh */
          stage?: 'prospect' | 'new' | 'active' | 'at_risk' | 'lapsed' | 'lost';
          /** @description A tier code, or none for members without a tier */
          tier?: string;
          sort?: 'id' | 'name' | 'points' | 'spend' | 'lastOrder' | 'joined';
          order?: 'asc' | 'desc';
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of customers */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CustomerPage'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Create a customer */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Format: email */
            email?: string | null;
            phone?: string | null;
            firstName?: string | null;
            lastName?: string | null;
            birthday?: string | null;
            locale?: string | null;
            attributes?: {
              [key: string]: string | number | boolean | null;
            };
            externalIds?: {
              source: string;
              id: string;
            }[];
            consents?: {
              /** @enum {string} */
              channel: 'email' | 'sms';
              granted: boolean;
              source: string;
              /** Format: date-time */
              at?: string;
            }[];
            referralCode?: string;
          };
        };
      };
      responses: {
        /** @description Created */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Customer'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The e-mail or an external id belongs to another customer */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a customer */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The customer */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Customer'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Update a customer
     * @description Absent fields stay as they are, null clears, attributes merge, consents are appended.
     */
    patch: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Format: email */
            email?: string | null;
            phone?: string | null;
            firstName?: string | null;
            lastName?: string | null;
            birthday?: string | null;
            locale?: string | null;
            attributes?: {
              [key: string]: string | number | boolean | null;
            };
            externalIds?: {
              source: string;
              id: string;
            }[];
            consents?: {
              /** @enum {string} */
              channel: 'email' | 'sms';
              granted: boolean;
              source: string;
              /** Format: date-time */
              at?: string;
            }[];
          };
        };
      };
      responses: {
        /** @description Updated */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Customer'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The e-mail or an external id belongs to another customer */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/orders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Ingest an order and earn its points
     * @description Orders are unique by externalId: sending one again returns the first result with status 200 and created=false.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            externalId: string;
            customerId?: string;
            customerExternalId?: string;
            customerExternalIdSource?: string;
            currency: string;
            /**
             * @default web
             * @enum {string}
             */
            channel?: 'web' | 'pos' | 'app' | 'other';
            storeId?: string;
            /** Format: date-time */
            placedAt: string;
            lines: {
              sku: string;
              name?: string;
              category?: string;
              quantity: number;
              unitPriceMinor: number;
            }[];
          };
        };
      };
      responses: {
        /** @description Already ingested: the first result */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['OrderIngested'];
          };
        };
        /** @description Ingested */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['OrderIngested'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Unknown customer or currency, or placedAt too far in the future (placed_in_future) */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get an order with its lines and returned quantities */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The order */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders/{id}/returns': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Return lines of an order, partly or wholly
     * @description Without lines, everything not yet returned is returned. The points the returned value earned are taken back: from pending points first, then from the balance, never below zero (what cannot be recovered is reported).
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            externalId?: string;
            lines?: {
              lineNo: number;
              quantity: number;
            }[];
            reason?: string;
          };
        };
      };
      responses: {
        /** @description Already recorded under this externalId */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['OrderReturn'];
          };
        };
        /** @description Recorded */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['OrderReturn'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Nothing left to return */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A line or quantity the order does not have */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/orders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A customer’s latest orders */
    get: {
      parameters: {
        query?: {
          limit?: number;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Newest first */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              orders: components['schemas']['Order'][];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/points': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Balance, pending points, next expiry and lifetime totals */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Points summary */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Points'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/ledger': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Ledger entries of a customer, newest first */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of entries */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['LedgerPage'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/points/redeem': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Spend points (oldest-expiring first); never overdraws */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['RedeemPoints'];
        };
      };
      responses: {
        /** @description Redeemed */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['LedgerEntry'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not enough points */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/points/adjust': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Manual correction with a reason (admin) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['AdjustPoints'];
        };
      };
      responses: {
        /** @description Adjusted */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['LedgerEntry'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A debit larger than the balance */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/referrals/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The referral programme’s terms (admin) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Settings */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ReferralSettings'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    /**
     * Replace the referral programme’s terms (admin)
     * @description Points for each side, the smallest order (in minor units of the programme currency) that converts, the yearly cap of paid conversions per referrer (null = none), and the base of referral links (null or absent = the programme’s publicUrl, else REGULARS_PUBLIC_URL).
     */
    put: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            enabled: boolean;
            referrerPoints: number;
            friendPoints: number;
            minOrderMinor: number;
            maxConversionsPerReferrer: number | null;
            /** Format: uri */
            linkBaseUrl?: string | null;
          };
        };
      };
      responses: {
        /** @description Saved */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ReferralSettings'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/referral': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A member’s referral code and link (issued on first request) and their results */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Code, link and stats */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MemberReferral'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/referrals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Referrals, newest first (admin) */
    get: {
      parameters: {
        query?: {
          status?: 'pending' | 'converted' | 'reversed' | 'refused';
          referrerId?: string;
          referredId?: string;
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of referrals */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ReferralPage'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Attribute an existing customer without orders to a member’s code (admin)
     * @description Refusals are 422 with the code referral_<reason> (unknown_code, same_customer, same_email, same_phone, already_referred, has_orders, circular, disabled) and record nothing. Sending the same friend and referrer again returns the existing referral (200).
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            code: string;
            customerId: string;
          };
        };
      };
      responses: {
        /** @description Already attributed to this referrer */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Referral'];
          };
        };
        /** @description Attributed: pending until the friend’s first qualifying order */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Referral'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Refused, with the reason in the code */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/referrals/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The referral programme’s figures, all time or for a window of days (admin)
     * @description from and to are optional inclusive calendar dates in the programme time zone. Referrals made, pending and refused count by when they were made; converted and reversed by when that happened. Points are the ledger entries the referral awards posted and reversed, by when they took effect. Top referrers: up to 10, by conversions in the window that stand.
     */
    get: {
      parameters: {
        query?: {
          from?: string;
          to?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The figures */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ReferralProgrammeStats'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/card': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The member card and its QR token (issued on first request) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The active card */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MemberCard'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The customer was erased: no card is issued */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/card.svg': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The member card QR code (encodes the token), as SVG */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description QR code */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'image/svg+xml': string;
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The customer was erased: no card is issued */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/card/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Replace the member card: the old token stops working at once */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The new card */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MemberCard'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The customer was erased: no card is issued */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/pos/cards/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Identify a member by the scanned card: name, points, tier */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description The token from the member card QR code */
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The member */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CardMember'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No active card for this token (forged, revoked or unknown alike) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/pos/cards/{token}/award': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Credit points to the scanned member, with a reason */
    post: {
      parameters: {
        query?: never;
        header: {
          /** @description Required. Retrying with the same key and body counts once */
          'idempotency-key': string;
        };
        path: {
          /** @description The token from the member card QR code */
          token: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CardAward'];
        };
      };
      responses: {
        /** @description Awarded */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CardPoints'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No active card for this token */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/pos/cards/{token}/redeem': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Spend the scanned member’s points (oldest-expiring first); never overdraws */
    post: {
      parameters: {
        query?: never;
        header: {
          /** @description Required. Retrying with the same key and body counts once */
          'idempotency-key': string;
        };
        path: {
          /** @description The token from the member card QR code */
          token: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CardRedeem'];
        };
      };
      responses: {
        /** @description Redeemed */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CardPoints'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No active card for this token */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not enough points */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/m/api/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Everything the member page shows: card, points, tier, rewards, referral, history */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description The member card token */
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The member */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MemberSummary'];
          };
        };
        /** @description A parameter or field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No active card for this token (forged, revoked or unknown alike) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/m/api/{token}/qr.svg': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The member card QR code (encodes the token), as SVG */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description The member card token */
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description QR code */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'image/svg+xml': string;
          };
        };
        /** @description A parameter or field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No active card for this token */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/m/api/{token}/rewards/{rewardId}/redeem': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The member spends points on a reward and gets its coupon
     * @description Needs content-type application/json (any JSON body; 415 otherwise) and an Idempotency-Key: a retry with the same key answers 200 with the same coupon and spends nothing more. Refusals write nothing: insufficient_points, out_of_stock, reward_limit_reached (409); tier_required, reward_not_available, reward_not_offered (a running experiment offers it to other arms) (422).
     */
    post: {
      parameters: {
        query?: never;
        header: {
          /** @description Required. Retrying with the same key returns the same coupon */
          'idempotency-key': string;
        };
        path: {
          /** @description The member card token */
          token: string;
          rewardId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description This key already redeemed it: the same coupon */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MemberRedemption'];
          };
        };
        /** @description Redeemed: the coupon */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MemberRedemption'];
          };
        };
        /** @description The Idempotency-Key header is missing */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request comes from another site (its Origin is not this server) */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No active card for this token, or no such reward */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['MemberRedeemNotFound'];
          };
        };
        /** @description Not enough points, out of stock or limit reached */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['MemberRedeemConflict'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not for this member or not now, or the key was used for another redemption */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['MemberRedeemInvalid'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/programme/liability': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Outstanding points and their money value (settles due points first) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Liability now */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Liability'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/programme': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Programme settings: earn rate, return window, expiry, point value, currency, time zone, public URL of links */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Current settings */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProgrammeSettings'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change programme settings (applies to orders ingested from now on) */
    patch: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            currency?: string;
            pointsPerCurrencyUnit?: number;
            returnWindowDays?: number;
            expiryDays?: number | null;
            pointValueMilliMinor?: number;
            timeZone?: string;
            /** Format: uri */
            publicUrl?: string | null;
          };
        };
      };
      responses: {
        /** @description Updated */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProgrammeSettings'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Unknown currency or time zone */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every API key, oldest first, revoked ones included (never a secret or hash) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description All keys */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: components['schemas']['ApiKey'][];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Create an API key (the secret is shown once) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name: string;
            /** @enum {string} */
            role: 'admin' | 'pos';
          };
        };
      };
      responses: {
        /** @description Created; store the secret now */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              name: string;
              /** @enum {string} */
              role: 'admin' | 'pos';
              secret: string;
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys/{id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke an API key (idempotent). It stops working at once on this server and within 5 seconds on every other server process */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Revoked (or already revoked: the first revocation stands) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ApiKey'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such key */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The last active admin key: create another admin key first */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rules/simulate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Replay a draft earning rule over past orders; nothing is written
     * @description Reports the points the rule would have issued, the customers it would have reached, its cost in money, why orders did not qualify, and points by day.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            rule: {
              /** @enum {number} */
              schemaVersion: 1;
              name: string;
              description?: string;
              /** @enum {string} */
              trigger:
                | 'order.placed'
                | 'customer.enrolled'
                | 'customer.birthday'
                | 'review.submitted'
                | 'survey.answered'
                | 'referral.converted'
                | 'custom';
              customEvent?: string;
              /** @default 0 */
              priority?: number;
              /** Format: date-time */
              startsAt?: string;
              /** Format: date-time */
              endsAt?: string;
              lines?: {
                skus?: string[];
                categories?: string[];
                excludeSkus?: string[];
                excludeCategories?: string[];
              };
              /** @default [] */
              conditions?: (
                | {
                    /** @enum {string} */
                    type: 'order.amount';
                    minMinor?: number;
                    maxMinor?: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'order.quantity';
                    min: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'order.channel';
                    in: ('web' | 'pos' | 'app' | 'other')[];
                  }
                | {
                    /** @enum {string} */
                    type: 'order.store';
                    in: string[];
                  }
                | {
                    /** @enum {string} */
                    type: 'time.dayOfWeek';
                    days: number[];
                  }
                | {
                    /** @enum {string} */
                    type: 'time.window';
                    from: string;
                    to: string;
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.tier';
                    in: string[];
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.segment';
                    in: string[];
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.experiment';
                    key: string;
                    variant: string;
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.attribute';
                    key: string;
                    /** @enum {string} */
                    op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'exists';
                    value?: string | number | boolean | (string | number | boolean)[];
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.orderNumber';
                    nth?: number;
                    every?: number;
                  }
              )[];
              effects: (
                | {
                    /** @enum {string} */
                    type: 'points.perCurrencyUnit';
                    points: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'points.fixed';
                    points: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'points.multiplier';
                    percent: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'issue.coupon';
                    couponBatchId: string;
                  }
                | {
                    /** @enum {string} */
                    type: 'issue.reward';
                    rewardId: string;
                  }
              )[];
              caps?: {
                perOrder?: number;
                perCustomer?: {
                  points: number;
                  /** @enum {string} */
                  period: 'day' | 'week' | 'month' | 'year';
                };
              };
              /** @default false */
              stopsLowerPriority?: boolean;
            };
            /** @default 90 */
            days?: number;
            /**
             * @description First day (YYYY-MM-DD, programme time zone) or an instant with an offset; default `to` less `days`
             * @example 2026-11-01
             */
            from?: string;
            /**
             * @description Last day, included (YYYY-MM-DD), or an instant with an offset (excluded); default now
             * @example 2026-11-30
             */
            to?: string;
          };
        };
      };
      responses: {
        /** @description What the rule would have done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RuleSimulation'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A rule that cannot be replayed over orders, names an unknown experiment or arm, or an empty period */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rules/catalogue': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Categories, SKUs, stores and channels seen in orders, for rule conditions
     * @description Most used first. `q` searches categories, SKUs and product names; `limit` bounds categories and SKUs each. Counted at most a minute ago.
     */
    get: {
      parameters: {
        query?: {
          /** @description Part of a category, SKU or name */
          q?: string;
          limit?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description What orders contain */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RuleCatalogue'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rules/describe': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The plain-language sentence of a draft rule
     * @description E.g. "Double points on Home at weekends, at most 500 points per member per month". Nothing is written.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            rule: {
              /** @enum {number} */
              schemaVersion: 1;
              name: string;
              description?: string;
              /** @enum {string} */
              trigger:
                | 'order.placed'
                | 'customer.enrolled'
                | 'customer.birthday'
                | 'review.submitted'
                | 'survey.answered'
                | 'referral.converted'
                | 'custom';
              customEvent?: string;
              /** @default 0 */
              priority?: number;
              /** Format: date-time */
              startsAt?: string;
              /** Format: date-time */
              endsAt?: string;
              lines?: {
                skus?: string[];
                categories?: string[];
                excludeSkus?: string[];
                excludeCategories?: string[];
              };
              /** @default [] */
              conditions?: (
                | {
                    /** @enum {string} */
                    type: 'order.amount';
                    minMinor?: number;
                    maxMinor?: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'order.quantity';
                    min: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'order.channel';
                    in: ('web' | 'pos' | 'app' | 'other')[];
                  }
                | {
                    /** @enum {string} */
                    type: 'order.store';
                    in: string[];
                  }
                | {
                    /** @enum {string} */
                    type: 'time.dayOfWeek';
                    days: number[];
                  }
                | {
                    /** @enum {string} */
                    type: 'time.window';
                    from: string;
                    to: string;
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.tier';
                    in: string[];
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.segment';
                    in: string[];
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.experiment';
                    key: string;
                    variant: string;
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.attribute';
                    key: string;
                    /** @enum {string} */
                    op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'exists';
                    value?: string | number | boolean | (string | number | boolean)[];
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.orderNumber';
                    nth?: number;
                    every?: number;
                  }
              )[];
              effects: (
                | {
                    /** @enum {string} */
                    type: 'points.perCurrencyUnit';
                    points: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'points.fixed';
                    points: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'points.multiplier';
                    percent: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'issue.coupon';
                    couponBatchId: string;
                  }
                | {
                    /** @enum {string} */
                    type: 'issue.reward';
                    rewardId: string;
                  }
              )[];
              caps?: {
                perOrder?: number;
                perCustomer?: {
                  points: number;
                  /** @enum {string} */
                  period: 'day' | 'week' | 'month' | 'year';
                };
              };
              /** @default false */
              stopsLowerPriority?: boolean;
            };
          };
        };
      };
      responses: {
        /** @description What the rule does */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              description: string;
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List rules */
    get: {
      parameters: {
        query?: {
          status?: 'draft' | 'active' | 'archived';
          trigger?:
            | 'order.placed'
            | 'customer.enrolled'
            | 'customer.birthday'
            | 'review.submitted'
            | 'survey.answered'
            | 'referral.converted'
            | 'custom';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Oldest first */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              rules: components['schemas']['Rule'][];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Save an earning rule, as a draft or active at once
     * @description The document is validated field by field; an invalid rule is refused with the path of each fault (e.g. `document.effects.0.points`).
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            document: {
              /** @enum {number} */
              schemaVersion: 1;
              name: string;
              description?: string;
              /** @enum {string} */
              trigger:
                | 'order.placed'
                | 'customer.enrolled'
                | 'customer.birthday'
                | 'review.submitted'
                | 'survey.answered'
                | 'referral.converted'
                | 'custom';
              customEvent?: string;
              /** @default 0 */
              priority?: number;
              /** Format: date-time */
              startsAt?: string;
              /** Format: date-time */
              endsAt?: string;
              lines?: {
                skus?: string[];
                categories?: string[];
                excludeSkus?: string[];
                excludeCategories?: string[];
              };
              /** @default [] */
              conditions?: (
                | {
                    /** @enum {string} */
                    type: 'order.amount';
                    minMinor?: number;
                    maxMinor?: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'order.quantity';
                    min: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'order.channel';
                    in: ('web' | 'pos' | 'app' | 'other')[];
                  }
                | {
                    /** @enum {string} */
                    type: 'order.store';
                    in: string[];
                  }
                | {
                    /** @enum {string} */
                    type: 'time.dayOfWeek';
                    days: number[];
                  }
                | {
                    /** @enum {string} */
                    type: 'time.window';
                    from: string;
                    to: string;
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.tier';
                    in: string[];
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.segment';
                    in: string[];
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.experiment';
                    key: string;
                    variant: string;
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.attribute';
                    key: string;
                    /** @enum {string} */
                    op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'exists';
                    value?: string | number | boolean | (string | number | boolean)[];
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.orderNumber';
                    nth?: number;
                    every?: number;
                  }
              )[];
              effects: (
                | {
                    /** @enum {string} */
                    type: 'points.perCurrencyUnit';
                    points: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'points.fixed';
                    points: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'points.multiplier';
                    percent: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'issue.coupon';
                    couponBatchId: string;
                  }
                | {
                    /** @enum {string} */
                    type: 'issue.reward';
                    rewardId: string;
                  }
              )[];
              caps?: {
                perOrder?: number;
                perCustomer?: {
                  points: number;
                  /** @enum {string} */
                  period: 'day' | 'week' | 'month' | 'year';
                };
              };
              /** @default false */
              stopsLowerPriority?: boolean;
            };
            /**
             * @default draft
             * @enum {string}
             */
            status?: 'draft' | 'active';
          };
        };
      };
      responses: {
        /** @description Saved as version 1 */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Rule'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The rule names an experiment or arm that does not exist */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rules/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a rule’s current version */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The rule */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Rule'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such rule */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Save a new version: a new document, a new status (activate, archive), or both */
    patch: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            document?: {
              /** @enum {number} */
              schemaVersion: 1;
              name: string;
              description?: string;
              /** @enum {string} */
              trigger:
                | 'order.placed'
                | 'customer.enrolled'
                | 'customer.birthday'
                | 'review.submitted'
                | 'survey.answered'
                | 'referral.converted'
                | 'custom';
              customEvent?: string;
              /** @default 0 */
              priority?: number;
              /** Format: date-time */
              startsAt?: string;
              /** Format: date-time */
              endsAt?: string;
              lines?: {
                skus?: string[];
                categories?: string[];
                excludeSkus?: string[];
                excludeCategories?: string[];
              };
              /** @default [] */
              conditions?: (
                | {
                    /** @enum {string} */
                    type: 'order.amount';
                    minMinor?: number;
                    maxMinor?: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'order.quantity';
                    min: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'order.channel';
                    in: ('web' | 'pos' | 'app' | 'other')[];
                  }
                | {
                    /** @enum {string} */
                    type: 'order.store';
                    in: string[];
                  }
                | {
                    /** @enum {string} */
                    type: 'time.dayOfWeek';
                    days: number[];
                  }
                | {
                    /** @enum {string} */
                    type: 'time.window';
                    from: string;
                    to: string;
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.tier';
                    in: string[];
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.segment';
                    in: string[];
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.experiment';
                    key: string;
                    variant: string;
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.attribute';
                    key: string;
                    /** @enum {string} */
                    op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'exists';
                    value?: string | number | boolean | (string | number | boolean)[];
                  }
                | {
                    /** @enum {string} */
                    type: 'customer.orderNumber';
                    nth?: number;
                    every?: number;
                  }
              )[];
              effects: (
                | {
                    /** @enum {string} */
                    type: 'points.perCurrencyUnit';
                    points: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'points.fixed';
                    points: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'points.multiplier';
                    percent: number;
                  }
                | {
                    /** @enum {string} */
                    type: 'issue.coupon';
                    couponBatchId: string;
                  }
                | {
                    /** @enum {string} */
                    type: 'issue.reward';
                    rewardId: string;
                  }
              )[];
              caps?: {
                perOrder?: number;
                perCustomer?: {
                  points: number;
                  /** @enum {string} */
                  period: 'day' | 'week' | 'month' | 'year';
                };
              };
              /** @default false */
              stopsLowerPriority?: boolean;
            };
            /** @enum {string} */
            status?: 'draft' | 'active' | 'archived';
          };
        };
      };
      responses: {
        /** @description The new version */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Rule'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such rule */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The rule names an experiment or arm that does not exist */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/rules/{id}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every version of a rule, newest first */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Newest first */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              versions: components['schemas']['RuleVersion'][];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such rule */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rules/{id}/simulate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Replay a saved rule (e.g. a draft) over past orders; nothing is written */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @default 90 */
            days?: number;
            /**
             * @description First day (YYYY-MM-DD, programme time zone) or an instant with an offset; default `to` less `days`
             * @example 2026-11-01
             */
            from?: string;
            /**
             * @description Last day, included (YYYY-MM-DD), or an instant with an offset (excluded); default now
             * @example 2026-11-30
             */
            to?: string;
          };
        };
      };
      responses: {
        /** @description What the rule would have done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RuleSimulation'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such rule */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A rule that cannot be replayed over orders, names an unknown experiment or arm, or an empty period */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rules/{id}/performance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What a live rule actually awarded: points, members, awards and cost */
    get: {
      parameters: {
        query?: {
          days?: number;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Totals since the start of the window */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RulePerformance'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such rule */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/activities': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record a review, a survey answer or a custom event; its rules award points
     * @description Recorded once per customer and externalId (another customer's activity may share the externalId, as attendees share an event's): sending it again returns the first result with status 200.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            trigger: 'review.submitted' | 'survey.answered' | 'custom';
            name?: string;
            externalId: string;
            /** Format: date-time */
            occurredAt?: string;
            payload?: {
              [key: string]: unknown;
            };
          };
        };
      };
      responses: {
        /** @description Already recorded: the first result */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Activity'];
          };
        };
        /** @description Recorded */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Activity'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The externalId was used for another of this customer's activities */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/awards': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Which rules (and tier bonuses) gave a customer which points, newest first */
    get: {
      parameters: {
        query?: {
          limit?: number;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Newest first */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              awards: {
                entryId: string;
                ruleId: string | null;
                ruleVersion: number | null;
                tierCode: string | null;
                points: number;
                orderId: string | null;
                activityId: string | null;
                awardedAt: string;
              }[];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/retention': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * CRR, churn, repeat rate, frequency, order value, time between purchases
     * @description Per calendar period (programme time zone) overlapping [from, to]; definitions in docs/analytics.md.
     */
    get: {
      parameters: {
        query: {
          /** @description Only purchases in this channel count */
          channel?: 'web' | 'pos' | 'app' | 'other';
          /** @description Only purchases in this store count */
          store?: string;
          /** @description Only these customers: rfm:<segment>, lifecycle:<stage> or segment:<key> */
          segment?: string;
          granularity?: 'week' | 'month' | 'quarter';
          /** @description A calendar date, YYYY-MM-DD */
          from: string;
          /** @description A calendar date, YYYY-MM-DD */
          to: string;
          /** @description A customer is in the active base for this many days after a purchase; default: derived from the gaps between purchases (docs/analytics.md) */
          activeDays?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description One entry per period */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RetentionReport'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description from after to, or a range too long */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/cohorts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Acquisition cohorts: retention and revenue k periods after the first purchase
     * @description Cells not observed yet are null, never 0.
     */
    get: {
      parameters: {
        query: {
          /** @description Only purchases in this channel count */
          channel?: 'web' | 'pos' | 'app' | 'other';
          /** @description Only purchases in this store count */
          store?: string;
          /** @description Only these customers: rfm:<segment>, lifecycle:<stage> or segment:<key> */
          segment?: string;
          granularity?: 'week' | 'month' | 'quarter';
          /** @description Cohorts of the periods overlapping [from, to] */
          from: string;
          /** @description A calendar date, YYYY-MM-DD */
          to: string;
          /** @description The last offset (periods after acquisition) to report */
          maxOffsets?: number | null;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The cohort matrix */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CohortReport'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description from after to, or a range too long */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/campaign-effect': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** New and returning buyers in a date window against the window before it */
    get: {
      parameters: {
        query: {
          /** @description Only purchases in this channel count */
          channel?: 'web' | 'pos' | 'app' | 'other';
          /** @description Only purchases in this store count */
          store?: string;
          /** @description Only these customers: rfm:<segment>, lifecycle:<stage> or segment:<key> */
          segment?: string;
          /** @description First day of the campaign window (programme time zone) */
          from: string;
          /** @description Last day of the campaign window, inclusive */
          to: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Both windows and the change */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CampaignEffect'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description from after to, or a range too long */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Recompute RFM, lifecycle stages and CLV of every customer
     * @description RFM and lifecycle in one SQL statement over all customers (prospects included), then the CLV models fitted on every buyer’s history, synchronously. Thresholds default to 30/90/180/365 days and must increase. A CLV model that cannot be fitted leaves `clv.status` = not_fitted with the reason.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody?: {
        content: {
          'application/json': components['schemas']['AnalyticsRefresh'];
        };
      };
      responses: {
        /** @description Refreshed */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['AnalyticsRefreshResult'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description asOf in the future */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/rfm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** RFM segments with sizes and averages, the R × F grid and the lifecycle funnel */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description As of the last refresh */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RfmSummary'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/rfm/customers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Customers of one segment or lifecycle stage, biggest spenders first */
    get: {
      parameters: {
        query?: {
          segment?:
            | 'champions'
            | 'loyal'
            | 'potential_loyalist'
            | 'new'
            | 'promising'
            | 'need_attention'
            | 'about_to_sleep'
            | 'at_risk'
            | 'cannot_lose'
            | 'hibernating'
            | 'lost';
          stage?: 'prospect' | 'new' | 'active' | 'at_risk' | 'lapsed' | 'lost';
          limit?: number;
          cursor?: string;
          newDays?: number | null;
          activeDays?: number | null;
          atRiskDays?: number | null;
          lapsedDays?: number | null;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of customers */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['AnalyticsCustomerPage'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/lifecycle': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Lifecycle funnel: prospects, new, active, at risk, lapsed, lost
     * @description Without thresholds, the stages stored by the last refresh; with any of newDays, activeDays, atRiskDays, lapsedDays, the stages re-evaluated from the stored day counts.
     */
    get: {
      parameters: {
        query?: {
          newDays?: number | null;
          activeDays?: number | null;
          atRiskDays?: number | null;
          lapsedDays?: number | null;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The funnel */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['LifecycleFunnel'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/kpis': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Programme KPIs of a window of days: members, buyers, points issued and spent
     * @description from and to are inclusive calendar dates in the programme time zone (default: the last 30 days). Due points are settled first, so expiries are counted.
     */
    get: {
      parameters: {
        query?: {
          from?: string;
          to?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The KPIs */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ProgrammeKpis'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/analytics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A customer’s stored RFM scores, segment and lifecycle stage (customer 360) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description As of the last refresh */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CustomerAnalytics'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/clv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The latest CLV fit, the distribution of customer value and the top customers
     * @description Figures come from the last analytics refresh (job or POST /v1/analytics/refresh); `run` is null before the first one.
     */
    get: {
      parameters: {
        query?: {
          limit?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description CLV overview */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ClvOverview'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/clv/at-risk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Repeat customers the model thinks are slipping away, most valuable first */
    get: {
      parameters: {
        query?: {
          limit?: number;
          /** @description Strictly below this P(alive). Absent: the 10 % of repeat buyers with the lowest P(alive) (at or below the cut-off) */
          maxPAlive?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Customers at risk */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ClvAtRisk'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/at-risk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The three "at risk" figures (RFM segment, lifecycle stage, CLV list) side by side
     * @description Each with its rule and a plain explanation, and how many customers it holds at the last refresh (CLV: its default list).
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The three definitions */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['AtRiskComparison'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/charts/cohorts.svg': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Cohort heat map (retention % or revenue) */
    get: {
      parameters: {
        query: {
          /** @description Only purchases in this channel count */
          channel?: 'web' | 'pos' | 'app' | 'other';
          /** @description Only purchases in this store count */
          store?: string;
          /** @description Only these customers: rfm:<segment>, lifecycle:<stage> or segment:<key> */
          segment?: string;
          granularity?: 'week' | 'month' | 'quarter';
          /** @description Cohorts of the periods overlapping [from, to] */
          from: string;
          /** @description A calendar date, YYYY-MM-DD */
          to: string;
          /** @description The last offset (periods after acquisition) to report */
          maxOffsets?: number | null;
          metric?: 'retention' | 'revenue';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Heat map */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'image/svg+xml': string;
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/charts/retention-curves.svg': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Retention curve of each acquisition cohort and of all together */
    get: {
      parameters: {
        query: {
          /** @description Only purchases in this channel count */
          channel?: 'web' | 'pos' | 'app' | 'other';
          /** @description Only purchases in this store count */
          store?: string;
          /** @description Only these customers: rfm:<segment>, lifecycle:<stage> or segment:<key> */
          segment?: string;
          granularity?: 'week' | 'month' | 'quarter';
          /** @description Cohorts of the periods overlapping [from, to] */
          from: string;
          /** @description A calendar date, YYYY-MM-DD */
          to: string;
          /** @description The last offset (periods after acquisition) to report */
          maxOffsets?: number | null;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Line chart */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'image/svg+xml': string;
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/charts/retention.svg': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** CRR and repeat-purchase rate per fully observed period */
    get: {
      parameters: {
        query: {
          /** @description Only purchases in this channel count */
          channel?: 'web' | 'pos' | 'app' | 'other';
          /** @description Only purchases in this store count */
          store?: string;
          /** @description Only these customers: rfm:<segment>, lifecycle:<stage> or segment:<key> */
          segment?: string;
          granularity?: 'week' | 'month' | 'quarter';
          /** @description A calendar date, YYYY-MM-DD */
          from: string;
          /** @description A calendar date, YYYY-MM-DD */
          to: string;
          /** @description A customer is in the active base for this many days after a purchase; default: derived from the gaps between purchases (docs/analytics.md) */
          activeDays?: number;
          /** @description Also draw periods the data ends inside of */
          includePartial?: 'true' | 'false';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Line chart */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'image/svg+xml': string;
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/charts/rfm.svg': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Customers per RFM segment, as of the last refresh */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Bar chart */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'image/svg+xml': string;
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/charts/clv-validation.svg': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The last CLV fit’s holdout check: expected vs actual repeat purchases */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Bar chart */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'image/svg+xml': string;
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No CLV fit with a validation report yet */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/charts/clv-tracking.svg': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The last CLV fit’s tracking curve: cumulative repeat purchases, actual vs model */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Line chart */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'image/svg+xml': string;
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No CLV fit with a validation report yet */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/analytics/range': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** First and last purchase day, today, time zone and currency of the programme */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The span of the purchase history */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['AnalyticsRange'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/experiments/{id}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Each treatment against the control: differences, intervals, CUPED, SRM, guardrails
     * @description Two cohorts: `fixed` (customers whose horizon has passed, a fixed-horizon test) and `toDate` (every exposed customer, windows cut at asOf). Heterogeneity per RFM segment and lifecycle stage is exploratory.
     */
    get: {
      parameters: {
        query?: {
          /** @description Results as they stood at this instant; default now */
          asOf?: string;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The results as of asOf */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ExperimentResults'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such experiment */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The experiment is a draft (experiment_not_started) */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/experiments/power': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Baseline from history and the minimum detectable effect, or the duration needed
     * @description The population’s repeat rate and net revenue spread over the last horizon, then what the planned arms can detect (alpha 0.05, power 0.8). Nothing is written.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['ExperimentPowerRequest'];
        };
      };
      responses: {
        /** @description The power estimate */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ExperimentPowerPlan'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Unusable variants, an unknown segment, or a question without an answer */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a webhook.test ping to the endpoint */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Queued; it leaves within seconds */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WebhookDelivery'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such webhook subscription */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The subscription is paused or deleted */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The delivery log of a subscription, newest first, with every attempt */
    get: {
      parameters: {
        query?: {
          status?: 'pending' | 'succeeded' | 'failed' | 'cancelled';
          limit?: number;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Deliveries */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              deliveries: components['schemas']['WebhookDelivery'][];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such webhook subscription */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/deliveries/{deliveryId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One delivery with its payload and attempts */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          deliveryId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The delivery */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WebhookDelivery'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such delivery */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/deliveries/{deliveryId}/replay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a delivery’s message again, now, as a new delivery
     * @description The same webhook-id and body as the original, whatever became of it (succeeded or failed for good).
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          deliveryId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The new delivery, queued */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WebhookDelivery'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such delivery */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The subscription is paused or deleted */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List webhook subscriptions (deleted ones are left out) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Subscriptions, oldest first */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              webhooks: components['schemas']['Webhook'][];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Subscribe an endpoint to events
     * @description The answer holds the signing secret; it is not shown again.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /**
             * Format: uri
             * @description The endpoint that receives the events (http or https)
             */
            url: string;
            /** @description Event types to receive, or ["*"] for every public event type */
            eventTypes: (
              | 'customer.created'
              | 'order.earned'
              | 'order.returned'
              | 'points.earned'
              | 'points.redeemed'
              | 'points.adjusted'
              | 'points.expiring'
              | 'tier.changed'
              | 'customer.at_risk'
              | 'reward.redeemed'
              | 'coupon.redeemed'
              | 'coupon.released'
              | 'referral.converted'
              | 'referral.reversed'
              | 'activity.recorded'
              | '*'
            )[];
            description?: string | null;
          };
        };
      };
      responses: {
        /** @description Subscribed */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WebhookWithSecret'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a webhook subscription */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The subscription */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Webhook'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such webhook subscription */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    /**
     * Delete a subscription: nothing more is sent, pending deliveries are cancelled
     * @description The subscription and its delivery log stay readable.
     */
    delete: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Deleted */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Webhook'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such webhook subscription */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    /** Change the URL, event types or description; pause or resume */
    patch: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /**
             * Format: uri
             * @description The endpoint that receives the events (http or https)
             */
            url?: string;
            /** @description Event types to receive, or ["*"] for every public event type */
            eventTypes?: (
              | 'customer.created'
              | 'order.earned'
              | 'order.returned'
              | 'points.earned'
              | 'points.redeemed'
              | 'points.adjusted'
              | 'points.expiring'
              | 'tier.changed'
              | 'customer.at_risk'
              | 'reward.redeemed'
              | 'coupon.redeemed'
              | 'coupon.released'
              | 'referral.converted'
              | 'referral.reversed'
              | 'activity.recorded'
              | '*'
            )[];
            description?: string | null;
            /** @description false pauses deliveries; true resumes them */
            active?: boolean;
          };
        };
      };
      responses: {
        /** @description Updated */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Webhook'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such webhook subscription */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The subscription was deleted */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/webhooks/{id}/rotate-secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Replace the signing secret
     * @description The new secret signs from now on; for 24 hours the old one signs too (two signatures in webhook-signature), so receivers can switch.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The new secret */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WebhookWithSecret'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such webhook subscription */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The subscription was deleted */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tiers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The tier policy and the tiers, lowest first */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The configuration */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TierConfig'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    /**
     * Replace the tier policy and the tiers (ascending thresholds; rank = position)
     * @description Members keep their tiers under new thresholds until their review. A tier members hold cannot be removed (409). A new graceDays moves every scheduled review by the difference. When who qualifies may change (first tiers, another metric or window, other codes or thresholds), a tier-placement job is enqueued with the save, to move up every member who now qualifies higher.
     */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            policy: {
              /** @enum {string} */
              metric: 'points' | 'spend' | 'orders';
              window:
                | {
                    /** @enum {string} */
                    kind: 'rolling';
                    days: number;
                  }
                | {
                    /** @enum {string} */
                    kind: 'calendarYear';
                  };
              graceDays: number;
            };
            tiers: {
              code: string;
              name: string;
              threshold: number;
              /** @default 100 */
              earnMultiplierPercent?: number;
              /** @default [] */
              benefits?: string[];
              /** @default {} */
              translations?: {
                [key: string]: {
                  name?: string;
                  benefits?: string[];
                };
              };
            }[];
          };
        };
      };
      responses: {
        /** @description The saved configuration */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TierConfig'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A removed tier is held by members */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tiers/placement': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Place every member in the highest tier they reach now (moves up only)
     * @description Measures every customer over the current window and moves up, at once, everyone whose value reaches a higher tier than the one they hold (tier_change reason `placement`, a tier.changed event each); nobody moves down. Synchronous, in batches of 500 members per transaction; running it again moves nobody. Also run by the tier-placement job after a configuration change and at the end of an import.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Members measured and moved */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TierPlacement'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tiers/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Members per tier, and the members of one tier (or all), by customer id */
    get: {
      parameters: {
        query?: {
          tier?: string;
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Counts and a page of members */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TierMembers'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such tier */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/tier': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A member’s tier, their metric in the window and progress to the next tier */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Tier and progress */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TierProgress'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/tier/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A member’s tier changes, newest first, with the metric each was decided on */
    get: {
      parameters: {
        query?: {
          limit?: number;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Tier changes */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              changes: components['schemas']['TierChange'][];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/segments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List segments by key */
    get: {
      parameters: {
        query?: {
          includeArchived?: 'true' | 'false';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description By key */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              segments: components['schemas']['Segment'][];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Create a dynamic (filter) or static (list) segment
     * @description A dynamic segment takes a definition `{schemaVersion: 1, filter}` (see docs/segments.md); an invalid tree is refused with the path of each fault (e.g. `definition.filter.all.1.gte`). Members appear at its first refresh.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            key: string;
            name: string;
            /** @enum {string} */
            kind: 'dynamic' | 'static';
            definition?: {
              /** @enum {number} */
              schemaVersion: 1;
              /** @description A filter tree: {all}, {any}, {not} or a leaf {field, …} */
              filter: unknown;
            };
          };
        };
      };
      responses: {
        /** @description Created */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Segment'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key is taken */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The definition names an unknown or archived segment */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/segments/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Size and a sample of 10 customers of a definition, without saving anything */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            definition: {
              /** @enum {number} */
              schemaVersion: 1;
              /** @description A filter tree: {all}, {any}, {not} or a leaf {field, …} */
              filter: unknown;
            };
          };
        };
      };
      responses: {
        /** @description Size and sample (by id) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SegmentPreview'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The definition names an unknown or archived segment */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/segments/fields': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The conditions a definition can use: each leaf field, its operators and inputs
     * @description Served from the same catalogue the definition schema is tested against, so a builder offers exactly what POST /v1/segments accepts.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The fields, grouped */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SegmentFields'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/segments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a segment */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The segment */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Segment'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such segment */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Rename a segment or replace its definition (applied at the next refresh) */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name?: string;
            definition?: {
              /** @enum {number} */
              schemaVersion: 1;
              /** @description A filter tree: {all}, {any}, {not} or a leaf {field, …} */
              filter: unknown;
            };
          };
        };
      };
      responses: {
        /** @description The segment */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Segment'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such segment */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The segment is archived */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A definition given to a static segment, or naming an unknown or archived segment, or one leading back to this segment */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/segments/{id}/archive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Archive a segment: no more refreshes; rules and analytics stop matching it
     * @description Refused (409 `segment_in_use`, its detail naming them by key and id) while live segments name it in their definitions.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The archived segment */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Segment'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such segment */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Live segments name this one in their definitions */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/segments/{id}/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Materialise a dynamic segment’s members now (adds the new, removes the gone) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The new size, and how many joined and left */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SegmentRefresh'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such segment */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The segment is archived */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A static segment, or segments naming each other */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/segments/{id}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A page of a segment’s members, by customer id */
    get: {
      parameters: {
        query?: {
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Members and the next cursor */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SegmentMembers'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such segment */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Add customers to a static segment, from a CSV or a list of ids
     * @description text/csv: a header line naming `customer_id`, `email`, or `external_id` with `source`, then one customer per line. application/json: `{customerIds: [...]}`. Every row is matched or reported with its line number. `mode=replace` removes the members not in the upload.
     */
    post: {
      parameters: {
        query?: {
          mode?: 'add' | 'replace';
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: {
        content: {
          'text/csv': string;
          'application/json': {
            customerIds: string[];
          };
        };
      };
      responses: {
        /** @description Rows matched, added and unmatched (with line numbers) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SegmentUpload'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such segment */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The segment is archived */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A dynamic segment, or a CSV that cannot be read */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/segments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The (not archived) segments a customer belongs to */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description By key */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              segments: components['schemas']['Segment'][];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/experiments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List experiments, newest first, with their exposures per arm */
    get: {
      parameters: {
        query?: {
          status?: 'draft' | 'running' | 'stopped';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Newest first */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              experiments: components['schemas']['Experiment'][];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Create an experiment (a draft: nothing is treated or exposed until it starts)
     * @description Two or more variants with positive weights, exactly one of them the control. Segments, campaigns, templates and rewards it names must exist and not be archived (422 `experiment_reference_invalid`, each with its path, e.g. `variants.1.templateKey`).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            key: string;
            name: string;
            hypothesis: string;
            /** @default {} */
            population?: {
              /** @default null */
              segmentId?: string | null;
              /**
               * @default fixed
               * @enum {string}
               */
              entry?: 'fixed' | 'open';
            };
            variants: {
              key: string;
              name: string;
              weight: number;
              /** @default false */
              control?: boolean;
              /** @default false */
              holdout?: boolean;
              /** @default null */
              templateKey?: string | null;
              /** @default [] */
              rewardIds?: string[];
            }[];
            /** @default {} */
            targets?: {
              /** @default [] */
              campaignIds?: string[];
              /** @default [] */
              journeys?: (
                | 'welcome'
                | 'birthday'
                | 'pointsExpiring'
                | 'tierChanged'
                | 'winBack'
                | 'reviewRequest'
              )[];
            };
            /** @default {} */
            metrics?: {
              /** @default 60 */
              horizonDays?: number;
              /** @default 90 */
              churnDays?: number;
              /** @default 365 */
              preDays?: number;
            };
            /** @default false */
            orthogonal?: boolean;
            /**
             * Format: date-time
             * @default null
             */
            plannedStartAt?: string | null;
            /**
             * Format: date-time
             * @default null
             */
            plannedEndAt?: string | null;
          };
        };
      };
      responses: {
        /** @description Created, as a draft */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Experiment'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key is taken */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Invalid variants or dates, or an unknown or archived reference */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/experiments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get an experiment with its exposures per arm */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The experiment */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Experiment'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such experiment */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change an experiment (a draft: anything but the key; running: name, hypothesis, plannedEndAt)
     * @description Fields sent with their current value are not changes. Changing population, variants, targets, metrics, orthogonal or plannedStartAt of a running experiment is refused (409 `experiment_not_draft`, naming the fields); a stopped experiment changes no more (409 `experiment_stopped`).
     */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name?: string;
            hypothesis?: string;
            population?: {
              /** @default null */
              segmentId?: string | null;
              /**
               * @default fixed
               * @enum {string}
               */
              entry?: 'fixed' | 'open';
            };
            variants?: {
              key: string;
              name: string;
              weight: number;
              /** @default false */
              control?: boolean;
              /** @default false */
              holdout?: boolean;
              /** @default null */
              templateKey?: string | null;
              /** @default [] */
              rewardIds?: string[];
            }[];
            targets?: {
              /** @default [] */
              campaignIds?: string[];
              /** @default [] */
              journeys?: (
                | 'welcome'
                | 'birthday'
                | 'pointsExpiring'
                | 'tierChanged'
                | 'winBack'
                | 'reviewRequest'
              )[];
            };
            metrics?: {
              /** @default 60 */
              horizonDays?: number;
              /** @default 90 */
              churnDays?: number;
              /** @default 365 */
              preDays?: number;
            };
            orthogonal?: boolean;
            /** Format: date-time */
            plannedStartAt?: string | null;
            /** Format: date-time */
            plannedEndAt?: string | null;
          };
        };
      };
      responses: {
        /** @description The experiment */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Experiment'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such experiment */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The fields may not change in the experiment’s status */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Invalid variants or dates, or an unknown or archived reference */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/experiments/{id}/start': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start a draft: exposes its population as it is now, each customer in their arm
     * @description Refused (409 `experiment_overlap`, naming each running experiment and what both reach) when a running experiment, neither marked orthogonal, shares customers and a campaign, journey, reward or rule trigger with it (docs/experiments.md).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Running, with its exposures */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Experiment'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such experiment */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not a draft, or it overlaps a running experiment */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description An unknown or archived segment, campaign, template or reward */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/experiments/{id}/stop': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Stop a running experiment: no more treatment; its exposures stay for the results */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Stopped */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Experiment'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such experiment */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The experiment is not running */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/experiments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The running experiments a customer is in, and the stopped ones they were exposed to */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Running first */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              experiments: {
                experimentId: string;
                key: string;
                name: string;
                /** @enum {string} */
                status: 'draft' | 'running' | 'stopped';
                variant: string;
                /** @description null: in an open population, not yet touched by a treatment */
                exposedAt: string | null;
                /** @enum {string|null} */
                source: 'start' | 'entry' | 'rule' | 'message' | 'offer' | null;
              }[];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rewards': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The catalogue, oldest first (archived rewards on request) */
    get: {
      parameters: {
        query?: {
          includeArchived?: 'true' | 'false';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Rewards */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              rewards: components['schemas']['Reward'][];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Add a reward to the catalogue */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json':
            | {
                name: string;
                /** @default null */
                description?: string | null;
                pointsCost: number;
                /** @default null */
                stock?: number | null;
                /** @default null */
                perMemberLimit?: number | null;
                /**
                 * Format: date-time
                 * @default null
                 */
                validFrom?: string | null;
                /**
                 * Format: date-time
                 * @default null
                 */
                validUntil?: string | null;
                /** @default null */
                tierCodes?: string[] | null;
                /** @default null */
                couponValidityDays?: number | null;
                /** @default 1 */
                usesPerCoupon?: number;
                /** @default null */
                minBasketMinor?: number | null;
                /** @default true */
                active?: boolean;
                /** @default {} */
                translations?: {
                  [key: string]: {
                    name?: string;
                    description?: string;
                  };
                };
                /** @enum {string} */
                kind: 'percent_discount';
                value: number;
              }
            | {
                name: string;
                /** @default null */
                description?: string | null;
                pointsCost: number;
                /** @default null */
                stock?: number | null;
                /** @default null */
                perMemberLimit?: number | null;
                /**
                 * Format: date-time
                 * @default null
                 */
                validFrom?: string | null;
                /**
                 * Format: date-time
                 * @default null
                 */
                validUntil?: string | null;
                /** @default null */
                tierCodes?: string[] | null;
                /** @default null */
                couponValidityDays?: number | null;
                /** @default 1 */
                usesPerCoupon?: number;
                /** @default null */
                minBasketMinor?: number | null;
                /** @default true */
                active?: boolean;
                /** @default {} */
                translations?: {
                  [key: string]: {
                    name?: string;
                    description?: string;
                  };
                };
                /** @enum {string} */
                kind: 'fixed_discount';
                valueMinor: number;
                currency?: string;
              }
            | {
                name: string;
                /** @default null */
                description?: string | null;
                pointsCost: number;
                /** @default null */
                stock?: number | null;
                /** @default null */
                perMemberLimit?: number | null;
                /**
                 * Format: date-time
                 * @default null
                 */
                validFrom?: string | null;
                /**
                 * Format: date-time
                 * @default null
                 */
                validUntil?: string | null;
                /** @default null */
                tierCodes?: string[] | null;
                /** @default null */
                couponValidityDays?: number | null;
                /** @default 1 */
                usesPerCoupon?: number;
                /** @default null */
                minBasketMinor?: number | null;
                /** @default true */
                active?: boolean;
                /** @default {} */
                translations?: {
                  [key: string]: {
                    name?: string;
                    description?: string;
                  };
                };
                /** @enum {string} */
                kind: 'free_product';
                sku: string;
              }
            | {
                name: string;
                /** @default null */
                description?: string | null;
                pointsCost: number;
                /** @default null */
                stock?: number | null;
                /** @default null */
                perMemberLimit?: number | null;
                /**
                 * Format: date-time
                 * @default null
                 */
                validFrom?: string | null;
                /**
                 * Format: date-time
                 * @default null
                 */
                validUntil?: string | null;
                /** @default null */
                tierCodes?: string[] | null;
                /** @default null */
                couponValidityDays?: number | null;
                /** @default 1 */
                usesPerCoupon?: number;
                /** @default null */
                minBasketMinor?: number | null;
                /** @default true */
                active?: boolean;
                /** @default {} */
                translations?: {
                  [key: string]: {
                    name?: string;
                    description?: string;
                  };
                };
                /** @enum {string} */
                kind: 'sample';
                sku: string;
              }
            | {
                name: string;
                description: string;
                pointsCost: number;
                /** @default null */
                stock?: number | null;
                /** @default null */
                perMemberLimit?: number | null;
                /**
                 * Format: date-time
                 * @default null
                 */
                validFrom?: string | null;
                /**
                 * Format: date-time
                 * @default null
                 */
                validUntil?: string | null;
                /** @default null */
                tierCodes?: string[] | null;
                /** @default null */
                couponValidityDays?: number | null;
                /** @default 1 */
                usesPerCoupon?: number;
                /** @default null */
                minBasketMinor?: number | null;
                /** @default true */
                active?: boolean;
                /** @default {} */
                translations?: {
                  [key: string]: {
                    name?: string;
                    description?: string;
                  };
                };
                /** @enum {string} */
                kind: 'gift';
              };
        };
      };
      responses: {
        /** @description Created */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Reward'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A fixed discount in another currency than the programme’s */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rewards/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A reward */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The reward */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Reward'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such reward */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a reward; coupons already issued keep their terms */
    patch: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name?: string;
            description?: string | null;
            pointsCost?: number;
            stock?: number | null;
            perMemberLimit?: number | null;
            /** Format: date-time */
            validFrom?: string | null;
            /** Format: date-time */
            validUntil?: string | null;
            tierCodes?: string[] | null;
            couponValidityDays?: number | null;
            usesPerCoupon?: number;
            minBasketMinor?: number | null;
            active?: boolean;
            translations?: {
              [key: string]: {
                name?: string;
                description?: string;
              };
            };
            /** @enum {string} */
            kind?: 'percent_discount' | 'fixed_discount' | 'free_product' | 'sample' | 'gift';
            value?: number;
            valueMinor?: number;
            currency?: string;
            sku?: string;
          };
        };
      };
      responses: {
        /** @description Updated */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Reward'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such reward */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The reward is archived */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The reward as changed is invalid (fields of another kind, say) */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/rewards/{id}/archive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Archive a reward (instead of deleting it): no longer offered, coupons stay valid */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Archived (now or before) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Reward'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such reward */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/rewards': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every active reward, whether this member may redeem it now, and if not why */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The member’s view of the catalogue */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MemberRewards'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/rewards/{rewardId}/redeem': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Spend the member’s points on a reward and issue its coupon
     * @description Stock, the per-member limit, the tier and the points are checked and taken atomically; a refusal writes nothing. Codes: out_of_stock, reward_limit_reached, insufficient_points (409); tier_required, reward_not_available, reward_not_offered (a running experiment offers it to other arms) (422).
     */
    post: {
      parameters: {
        query?: never;
        header: {
          /** @description Required. Retrying with the same key returns the same coupon */
          'idempotency-key': string;
        };
        path: {
          id: string;
          rewardId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description This key already redeemed it: the same coupon */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RewardRedemption'];
          };
        };
        /** @description Redeemed: the coupon */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RewardRedemption'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer or reward */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description out_of_stock, reward_limit_reached or insufficient_points */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description tier_required, reward_not_available or reward_not_offered */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/coupon-batches': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Promotional batches, newest first, with their counts */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Batches */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              batches: components['schemas']['CouponBatch'][];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Create a promotional batch of unique codes (up to 100,000, in one transaction) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name: string;
            count: number;
            discount:
              | {
                  /** @enum {string} */
                  kind: 'percent_discount';
                  value: number;
                }
              | {
                  /** @enum {string} */
                  kind: 'fixed_discount';
                  valueMinor: number;
                  currency?: string;
                }
              | {
                  /** @enum {string} */
                  kind: 'free_product';
                  sku: string;
                };
            /** @default null */
            minBasketMinor?: number | null;
            /**
             * Format: date-time
             * @default null
             */
            validFrom?: string | null;
            /**
             * Format: date-time
             * @default null
             */
            validUntil?: string | null;
            /** @default 1 */
            usesPerCode?: number;
            /** @default false */
            onePerCustomer?: boolean;
          };
        };
      };
      responses: {
        /** @description The batch; export its codes from /codes */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CouponBatch'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A fixed discount in another currency than the programme’s */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/coupon-batches/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A batch with its counts: codes issued, redeemed, released */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The batch */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CouponBatch'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such batch */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/coupon-batches/{id}/codes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Export the codes of a batch (CSV or JSON) */
    get: {
      parameters: {
        query?: {
          format?: 'csv' | 'json';
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The codes */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              codes: components['schemas']['Coupon'][];
            };
            'text/csv': string;
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such batch */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/coupons/validate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** May this code be used on this basket, for how much, and if not why; writes nothing */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CouponCheck'];
        };
      };
      responses: {
        /** @description The answer, valid or not */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CouponValidation'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/coupons/redeem': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Use a code on an order; the same code and order again return the same redemption */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CouponRedeem'];
        };
      };
      responses: {
        /** @description Already redeemed for this order: the same redemption */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CouponRedemption'];
          };
        };
        /** @description Redeemed */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CouponRedemption'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description coupon_used_up: every use is taken; or the order released it */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The coupon cannot be used: code coupon_<reason>, every reason in errors */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/coupons/release': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The order was cancelled: release its redemption and give the use back (idempotent) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CouponRelease'];
        };
      };
      responses: {
        /** @description Released (now or before) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CouponRedemption'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such code, or it was not redeemed for this order */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/coupons/void': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Withdraw a coupon for good, with a reason (admin) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['CouponVoid'];
        };
      };
      responses: {
        /** @description The void coupon */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Coupon'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such code */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/coupons': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The coupons bound to a member, newest first */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Coupons */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              coupons: components['schemas']['Coupon'][];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/recommendations/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Recompute every customer’s product suggestions (admin)
     * @description Set-based SQL over all order lines placed before asOf: co-purchase (cosine) blended with category affinity, excluding what the customer bought; replaces the stored suggestions. Also a nightly job.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody?: {
        content: {
          'application/json': components['schemas']['RecommendationsRefresh'];
        };
      };
      responses: {
        /** @description Refreshed */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RecommendationsRefreshResult'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description asOf in the future */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/recommendations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Products to suggest to a customer, with the reason, and rewards they can afford */
    get: {
      parameters: {
        query?: {
          limit?: number;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description As of the last refresh */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CustomerSuggestions'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/templates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List templates */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description By key */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              templates: components['schemas']['MessageTemplate'][];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Create an e-mail template with one version per locale
     * @description Subject, HTML and text are Handlebars templates over the customer’s data (see docs/messaging.md); a part that does not compile is a 422 naming it.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            kind: 'marketing' | 'transactional';
            defaultLocale: string;
            description?: string | null;
            versions: {
              locale: string;
              subject: string;
              html: string;
              text: string;
            }[];
            key: string;
          };
        };
      };
      responses: {
        /** @description Created */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MessageTemplate'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description template_key_taken */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description template_invalid */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/templates/{key}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a template */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          key: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The template */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MessageTemplate'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such template */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    /** Replace a template’s kind, default locale and versions */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          key: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            kind: 'marketing' | 'transactional';
            defaultLocale: string;
            description?: string | null;
            versions: {
              locale: string;
              subject: string;
              html: string;
              text: string;
            }[];
          };
        };
      };
      responses: {
        /** @description Replaced */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MessageTemplate'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such template */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description template_invalid */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    post?: never;
    /** Delete a template (messages already sent keep their content) */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          key: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Deleted */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such template */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/templates/{key}/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Render a template for a customer without sending anything */
    get: {
      parameters: {
        query: {
          customerId: string;
          locale?: string;
        };
        header?: never;
        path: {
          key: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The rendered message and the data it used */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              locale: string;
              to: string;
              subject: string;
              html: string;
              text: string;
              unsubscribeUrl: string | null;
              data: {
                [key: string]: unknown;
              };
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such template or customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/templates/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Render an unsaved template draft for a customer (nothing is stored or sent)
     * @description The version is the customer’s language unless `locale` is given. A part with a syntax error or an unknown variable is a 422 naming it (`versions.<i>.<part>`) with line and column.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            customerId: string;
            locale?: string;
            draft: {
              /** @enum {string} */
              kind: 'marketing' | 'transactional';
              defaultLocale: string;
              versions: {
                locale: string;
                subject: string;
                html: string;
                text: string;
              }[];
            };
          };
        };
      };
      responses: {
        /** @description The rendered message and the data it used */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              locale: string;
              to: string;
              subject: string;
              html: string;
              text: string;
              unsubscribeUrl: string | null;
              data: {
                [key: string]: unknown;
              };
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description template_invalid */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/template-variables': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The variables a template can use */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Names and what they hold */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              variables: {
                name: string;
                description: string;
              }[];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Messages, newest first; `status=outbox` lists what waits for SMTP_URL */
    get: {
      parameters: {
        query?: {
          status?: 'queued' | 'sent' | 'failed' | 'suppressed' | 'outbox';
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of messages */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              messages: components['schemas']['Message'][];
              nextCursor: string | null;
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Queue one message to a customer (consent and the frequency cap apply to marketing)
     * @description Answers 201 with the message — `queued`, or `suppressed` with its reason (no_email, global_control, no_consent, frequency_cap) — or 200 with the earlier message of the same dedupeKey.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            templateKey: string;
            customerId: string;
            dedupeKey?: string;
            /** Format: date-time */
            scheduledAt?: string;
            data?: {
              [key: string]: unknown;
            };
          };
        };
      };
      responses: {
        /** @description This dedupe key already has a message */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Message'];
          };
        };
        /** @description Queued or suppressed */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Message'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such template or customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/messages/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One message */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The message */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Message'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such message */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The customer’s send log, newest first */
    get: {
      parameters: {
        query?: {
          status?: 'queued' | 'sent' | 'failed' | 'suppressed' | 'outbox';
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of messages */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              messages: components['schemas']['Message'][];
              nextCursor: string | null;
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/messaging/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Frequency cap, sender and global control group
     * @description `globalControlSalt` fixes who is in the global control group; it is null until the settings are first saved.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The settings */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MessagingSettings'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    /**
     * Replace the frequency cap, sender and global control share (absent fields take their defaults)
     * @description `globalControlPercent` (0–50, in steps of 0.1) holds that share of members back from all marketing e-mail, campaigns and journeys alike; transactional mail still goes. Who is held back is a hash of the customer id and `globalControlSalt`, which is read-only: the first save makes it and every later one keeps it (a salt in the body is ignored), so a member stays in or out while the share is unchanged and raising the share only adds members.
     */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @default 3 */
            maxMarketingPerWindow?: number;
            /** @default 7 */
            windowDays?: number;
            /**
             * Format: email
             * @default no-reply@example.com
             */
            fromAddress?: string;
            /** @default Regulars */
            fromName?: string;
            /** @default 0 */
            globalControlPercent?: number;
          };
        };
      };
      responses: {
        /** @description Saved */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['MessagingSettings'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/journeys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Automated journeys: welcome, birthday, points expiring, tier changed, review request */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The journeys */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Journeys'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    /** Replace the journeys (absent ones are off) */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @default {} */
            welcome?: {
              /** @default false */
              enabled?: boolean;
              /** @default null */
              templateKey?: string | null;
              /** @default 0 */
              delayDays?: number;
              /** @default 0 */
              delayHours?: number;
            };
            /** @default {} */
            birthday?: {
              /** @default false */
              enabled?: boolean;
              /** @default null */
              templateKey?: string | null;
              /** @default 0 */
              delayDays?: number;
              /** @default 0 */
              delayHours?: number;
            };
            /** @default {} */
            pointsExpiring?: {
              /** @default false */
              enabled?: boolean;
              /** @default null */
              templateKey?: string | null;
              /** @default 0 */
              delayDays?: number;
              /** @default 0 */
              delayHours?: number;
            };
            /** @default {} */
            tierChanged?: {
              /** @default false */
              enabled?: boolean;
              /** @default null */
              templateKey?: string | null;
              /** @default 0 */
              delayDays?: number;
              /** @default 0 */
              delayHours?: number;
            };
            /** @default {} */
            winBack?: {
              /** @default false */
              enabled?: boolean;
              /** @default null */
              templateKey?: string | null;
              /** @default 0 */
              delayDays?: number;
              /** @default 0 */
              delayHours?: number;
            };
            /**
             * @default {
             *       "delayDays": 7
             *     }
             */
            reviewRequest?: {
              /** @default false */
              enabled?: boolean;
              /** @default null */
              templateKey?: string | null;
              /** @default 0 */
              delayDays?: number;
              /** @default 0 */
              delayHours?: number;
            };
          };
        };
      };
      responses: {
        /** @description Saved */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Journeys'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A template is missing */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/journeys/{key}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Switch one journey on or off, or change its template or delay
     * @description Absent fields stay as they are; an enabled journey needs an existing template (422/404 naming templateKey).
     */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          key:
            'welcome' | 'birthday' | 'pointsExpiring' | 'tierChanged' | 'winBack' | 'reviewRequest';
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            enabled?: boolean;
            templateKey?: string | null;
            delayDays?: number;
            delayHours?: number;
          };
        };
      };
      responses: {
        /** @description Saved; all journeys as they are now */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Journeys'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The template is missing */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description journey_invalid */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/campaigns': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Campaigns, newest first, each with its messages counted by status and reason
     * @description Pass `nextCursor` back as `cursor` for the next page; `status` is scheduled, expanding or done.
     */
    get: {
      parameters: {
        query?: {
          status?: 'scheduled' | 'expanding' | 'done';
          limit?: number;
          cursor?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of campaigns */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              campaigns: components['schemas']['ListedCampaign'][];
              nextCursor: string | null;
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Send a template to a segment’s members, now or at scheduledAt */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            templateKey: string;
            segmentId: string;
            /** Format: date-time */
            scheduledAt?: string;
          };
        };
      };
      responses: {
        /** @description Scheduled; the message job expands it */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Campaign'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such template or segment */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/campaigns/reach': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Who a campaign would reach if sent now, and why the other members would not
     * @description Reads the segment’s members as the send does and applies the very checks the send applies (e-mail address; for marketing, the global control group, consent and the frequency cap; with campaignId, the holdout arms of running experiments that target that campaign). Nothing is written, and nobody is exposed to an experiment.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            templateKey: string;
            segmentId: string;
            /** @description A scheduled campaign: its experiments’ holdouts are counted (experiment_holdout) */
            campaignId?: string;
          };
        };
      };
      responses: {
        /** @description The breakdown */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CampaignReach'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such template or segment */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/campaigns/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A campaign with its messages counted by status and suppression reason */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The campaign */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Campaign'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such campaign */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/surveys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List surveys, oldest first, each with its number of responses */
    get: {
      parameters: {
        query?: {
          status?: 'draft' | 'active' | 'archived';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Surveys */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              surveys: components['schemas']['SurveyWithResponses'][];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Create a survey: NPS (0–10), CSAT (1–5), text and single-choice questions */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            key: string;
            title: string;
            description?: string;
            questions: (
              | {
                  id: string;
                  prompt: string;
                  /** @enum {string} */
                  type: 'nps';
                  /** @default true */
                  required?: boolean;
                }
              | {
                  id: string;
                  prompt: string;
                  /** @enum {string} */
                  type: 'csat';
                  /** @default true */
                  required?: boolean;
                }
              | {
                  id: string;
                  prompt: string;
                  /** @enum {string} */
                  type: 'text';
                  /** @default false */
                  required?: boolean;
                  /** @default 2000 */
                  maxLength?: number;
                }
              | {
                  id: string;
                  prompt: string;
                  /** @enum {string} */
                  type: 'choice';
                  /** @default true */
                  required?: boolean;
                  options: string[];
                }
            )[];
            /**
             * @default draft
             * @enum {string}
             */
            status?: 'draft' | 'active' | 'archived';
            /** @default {} */
            translations?: {
              [key: string]: {
                title?: string;
                description?: string;
                questions?: {
                  [key: string]: {
                    prompt?: string;
                    options?: {
                      [key: string]: string;
                    };
                  };
                };
              };
            };
          };
        };
      };
      responses: {
        /** @description Created */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Survey'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key is taken */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/surveys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a survey with its number of responses */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The survey */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SurveyWithResponses'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such survey */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a survey: title, description, status; questions only before any answer */
    patch: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            title?: string;
            description?: string | null;
            questions?: (
              | {
                  id: string;
                  prompt: string;
                  /** @enum {string} */
                  type: 'nps';
                  /** @default true */
                  required?: boolean;
                }
              | {
                  id: string;
                  prompt: string;
                  /** @enum {string} */
                  type: 'csat';
                  /** @default true */
                  required?: boolean;
                }
              | {
                  id: string;
                  prompt: string;
                  /** @enum {string} */
                  type: 'text';
                  /** @default false */
                  required?: boolean;
                  /** @default 2000 */
                  maxLength?: number;
                }
              | {
                  id: string;
                  prompt: string;
                  /** @enum {string} */
                  type: 'choice';
                  /** @default true */
                  required?: boolean;
                  options: string[];
                }
            )[];
            /** @enum {string} */
            status?: 'draft' | 'active' | 'archived';
            translations?: {
              [key: string]: {
                title?: string;
                description?: string;
                questions?: {
                  [key: string]: {
                    prompt?: string;
                    options?: {
                      [key: string]: string;
                    };
                  };
                };
              };
            };
          };
        };
      };
      responses: {
        /** @description Changed */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Survey'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such survey */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The survey has answers: its questions cannot change */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/surveys/{id}/link': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A customer’s personal survey link: `<publicUrl>/s/<signed token>` */
    get: {
      parameters: {
        query: {
          customerId: string;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The link */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              surveyId: string;
              customerId: string;
              token: string;
              url: string;
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such survey or customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/surveys/{id}/responses': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A survey’s responses with every answer (text too), newest first, page by page; filter by score or text */
    get: {
      parameters: {
        query?: {
          /** @description Only responses with this score on an NPS or CSAT question */
          score?: number | null;
          /** @description Only responses whose text answers contain this (any case) */
          q?: string;
          /** @description Only responses with a text answer */
          withText?: 'true' | 'false';
          limit?: number;
          offset?: number | null;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Newest first */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              responses: {
                id: string;
                surveyId: string;
                customerId: string;
                /** @enum {string} */
                source: 'link' | 'api';
                answers: {
                  questionId: string;
                  type: string;
                  score: number | null;
                  value: string | null;
                }[];
                submittedAt: string;
              }[];
              /** @description Responses matching the filters */
              total: number;
              limit: number;
              offset: number;
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such survey */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/surveys/{id}/score-distribution': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** For each NPS and CSAT question, how many answers each score had */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Per question, every score of its scale */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              questions: {
                questionId: string;
                type: string;
                prompt: string;
                answers: number;
                scores: {
                  score: number;
                  count: number;
                }[];
              }[];
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such survey */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/survey-responses': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record a customer’s answers (member page, POS); once per customer and survey */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['SurveyAnswers'] & {
            surveyId: string;
          };
        };
      };
      responses: {
        /** @description Answered before: the first response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SurveyResponse'];
          };
        };
        /** @description Recorded */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SurveyResponse'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such survey or customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The survey is not active */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/s/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The survey behind a link, as JSON (or an HTML form when Accept is text/html) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description The token of a survey link */
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The survey and whether it was answered */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PublicSurvey'];
            'text/html': string;
          };
        };
        /** @description A parameter or field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not a valid survey link */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Answer the survey behind a link; recorded once, earns through survey.answered rules */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description The token of a survey link */
          token: string;
        };
        cookie?: never;
      };
      requestBody?: {
        content: {
          'application/json': components['schemas']['SurveyAnswers'];
          'application/x-www-form-urlencoded': {
            [key: string]: string;
          };
        };
      };
      responses: {
        /** @description Answered before: the first response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SurveyResponse'];
            'text/html': string;
          };
        };
        /** @description Recorded (a form post gets the page) */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SurveyResponse'];
            'text/html': string;
          };
        };
        /** @description An answer does not fit its question (each named) */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
            'text/html': string;
          };
        };
        /** @description The key’s role may not do this, or the request came from another site */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not a valid survey link */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The survey is not active */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/reviews': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record a product or shop review (once per externalId); earns through review.submitted rules */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            externalId: string;
            sku?: string;
            rating: number;
            text?: string;
            /** Format: date-time */
            submittedAt?: string;
          };
        };
      };
      responses: {
        /** @description Recorded before: the first review */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Review'];
          };
        };
        /** @description Recorded */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Review'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The externalId belongs to another customer’s review */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/feedback/nps': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** NPS and CSAT per week, month or quarter (programme time zone) */
    get: {
      parameters: {
        query: {
          granularity?: 'week' | 'month' | 'quarter';
          /** @description A calendar date, YYYY-MM-DD (programme time zone) */
          from: string;
          /** @description A calendar date, YYYY-MM-DD (programme time zone) */
          to: string;
          /** @description Only this survey’s answers */
          surveyId?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Per period and in total */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['FeedbackScores'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/feedback/charts/nps.svg': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** NPS and CSAT over time, as an SVG line chart */
    get: {
      parameters: {
        query: {
          granularity?: 'week' | 'month' | 'quarter';
          /** @description A calendar date, YYYY-MM-DD (programme time zone) */
          from: string;
          /** @description A calendar date, YYYY-MM-DD (programme time zone) */
          to: string;
          /** @description Only this survey’s answers */
          surveyId?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Line chart */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'image/svg+xml': string;
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/complaints': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Complaints, newest first; `total` counts every case that matches the filters */
    get: {
      parameters: {
        query?: {
          /** @description The first-response target, in hours */
          targetHours?: number;
          status?: 'open' | 'answered' | 'resolved';
          customerId?: string;
          /** @description A user id, or `none` for the cases nobody has taken yet */
          assigneeId?: string;
          /** @description true: only cases unanswered past their due time */
          overdue?: 'true' | 'false';
          limit?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Newest first */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              complaints: components['schemas']['ComplaintSummary'][];
              /** @description Cases matching status and customerId, beyond limit too */
              total: number;
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Open a complaint case */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            customerId: string;
            subject: string;
            body: string;
            /** @enum {string} */
            channel: 'email' | 'phone' | 'web' | 'store' | 'social' | 'other';
          };
        };
      };
      responses: {
        /** @description Opened */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Complaint'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/complaints/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Cases opened in [from, to]: median first-response and resolution times, share within target */
    get: {
      parameters: {
        query: {
          /** @description First day cases were opened */
          from: string;
          /** @description Last day cases were opened, inclusive */
          to: string;
          /** @description The first-response target, in hours */
          targetHours?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Response times */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ComplaintStats'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/complaints/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A complaint with its whole history and its SLA clock */
    get: {
      parameters: {
        query?: {
          /** @description The first-response target, in hours */
          targetHours?: number;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The case */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Complaint'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such complaint */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Set the status: open, answered or resolved */
    patch: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'open' | 'answered' | 'resolved';
          };
        };
      };
      responses: {
        /** @description The case */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Complaint'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such complaint */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/complaints/{id}/replies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add a reply; the first staff reply is the case’s first response */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            body: string;
            /** @enum {string} */
            by: 'staff' | 'customer';
          };
        };
      };
      responses: {
        /** @description The case after the reply */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Complaint'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such complaint */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/complaints/{id}/assignee': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Give the case to an active dashboard user (GET /v1/users), or to nobody (null) */
    put: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description The dashboard user; null unassigns */
            userId: string | null;
          };
        };
      };
      responses: {
        /** @description The case */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Complaint'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such complaint */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/complaints/{id}/resolve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resolve the case with a note saying how */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description How the case was resolved */
            note: string;
          };
        };
      };
      responses: {
        /** @description Resolved */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Complaint'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such complaint */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Resolved already */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is not application/json */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/complaints/{id}/reopen': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reopen a resolved case: answered if staff had replied, else open */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Reopened */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Complaint'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such complaint */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The case is not resolved */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Everything that happened to a customer, newest first (orders, points, feedback, …) */
    get: {
      parameters: {
        query?: {
          limit?: number;
          /** @description The nextCursor of the previous page */
          before?: string;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of the timeline; nextCursor is null on the last */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CustomerTimeline'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A cursor this API did not give */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Everything the platform holds about a customer, as JSON with a readme of its sections (GDPR art. 15, 20); recorded in the audit log */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The export */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CustomerExport'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{id}/erase': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Erase a customer’s personal data in every table (GDPR art. 17), keeping amounts; idempotent; recorded in the audit log
     * @description Profile fields are nulled, external ids deleted, consents withdrawn, texts and stored payloads scrubbed, queued messages cancelled, the card revoked, segment memberships removed. Ledger entries, order amounts and analytics figures stay under the pseudonymous id. Later orders naming the customer are refused. A second call changes nothing and returns the first erasedAt. See docs/privacy.md.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Retrying with the same key and body returns the first response */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Erased (now or before) */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CustomerErasure'];
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such customer */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Conflicts with the current state */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The request body is over the size limit */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Well-formed but cannot be applied (such as a window that ends before it starts), or the Idempotency-Key was used with another body */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit-log': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Admin actions, newest first: who changed rules, tiers, rewards, settings, keys, users, webhooks, segments, messaging, points; exports and erasures */
    get: {
      parameters: {
        query?: {
          /** @description e.g. rule.updated, customer.erased */
          action?: string;
          /** @description An API key id, user id or actor label */
          actor?: string;
          from?: string;
          to?: string;
          limit?: number;
          /** @description The nextCursor of the previous page */
          cursor?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of the log; nextCursor is null on the last */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              entries: components['schemas']['AuditEntry'][];
              nextCursor: string | null;
            };
          };
        };
        /** @description The request is malformed or a field is invalid */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid API key */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The key’s role may not do this */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such resource */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A cursor this API did not give */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ReplicaHealth: {
      /** @enum {string} */
      status: 'ok' | 'unavailable';
      /** @description WAL the replica has still to replay: the primary's current position minus the replica's replay position (null if it is not a standby) */
      lagBytes: number | null;
      /** @description Time since the last transaction the replica replayed was committed on the primary; grows while the primary is idle too (null before any) */
      lagSeconds: number | null;
    };
    Session: {
      principal: {
        name: string;
        /** @enum {string} */
        role: 'admin' | 'pos';
        /** @enum {string} */
        kind: 'user' | 'api_key';
      };
      /** @description Send as X-CSRF-Token on every write made with this session */
      csrfToken: string;
      expiresAt: string;
    };
    Problem: {
      type: string;
      title: string;
      status: number;
      detail: string;
      code: string;
      instance: string;
      requestId: string;
      errors?: {
        path: string;
        message: string;
      }[];
    };
    SignIn: {
      apiKey?: string;
      email?: string;
      password?: string;
    };
    User: {
      id: string;
      email: string;
      name: string;
      /** @enum {string} */
      role: 'admin' | 'pos';
      createdAt: string;
      disabledAt: string | null;
    };
    Customer: {
      /** @example cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G */
      id: string;
      email: string | null;
      phone: string | null;
      firstName: string | null;
      lastName: string | null;
      birthday: string | null;
      locale: string | null;
      attributes: {
        [key: string]: string | number | boolean | null;
      };
      externalIds: {
        source: string;
        id: string;
      }[];
      consents: {
        /** @enum {string} */
        channel: 'email' | 'sms';
        granted: boolean;
        source: string;
        at: string;
      }[];
      createdAt: string;
      updatedAt: string;
      /** @description Set once the personal data is erased */
      erasedAt: string | null;
    };
    CustomerPage: {
      customers: components['schemas']['CustomerListItem'][];
      nextCursor: string | null;
    };
    CustomerListItem: components['schemas']['Customer'] & {
      summary: components['schemas']['CustomerSummary'];
    };
    CustomerSummary: {
      pointsBalance: number;
      tier: {
        code: string;
        name: string;
      } | null;
      /** @description Net spend (orders less returns), minor units, as of the last analytics refresh */
      spendMinor: number | null;
      /** @description As of the last analytics refresh */
      lastOrderAt: string | null;
      /**
       * @description As of the last analytics refresh; null before the first
       * @enum {string|null}
       */
      lifecycleStage: 'prospect' | 'new' | 'active' | 'at_risk' | 'lapsed' | 'lost' | null;
    };
    OrderIngested: {
      order: components['schemas']['Order'];
      created: boolean;
      points: {
        earned: number;
        pending: boolean;
        releaseAt: string | null;
      };
    };
    Order: {
      id: string;
      externalId: string;
      customerId: string;
      currency: string;
      /** @enum {string} */
      channel: 'web' | 'pos' | 'app' | 'other';
      storeId: string | null;
      placedAt: string;
      totalMinor: number;
      pointsEarned: number;
      lines: {
        lineNo: number;
        sku: string;
        name: string | null;
        category: string | null;
        quantity: number;
        unitPriceMinor: number;
        returnedQuantity: number;
      }[];
      createdAt: string;
    };
    OrderReturn: {
      id: string;
      orderId: string;
      customerId: string;
      externalId: string | null;
      reason: string | null;
      amountMinor: number;
      pointsReversed: number;
      pointsUnrecovered: number;
      lines: {
        lineNo: number;
        quantity: number;
        amountMinor: number;
      }[];
      createdAt: string;
    };
    Points: {
      customerId: string;
      balance: number;
      pending: number;
      nextPendingRelease: {
        points: number;
        releaseAt: string;
      } | null;
      nextExpiring: {
        points: number;
        expiresAt: string;
      } | null;
      lifetime: {
        earned: number;
        redeemed: number;
        expired: number;
        adjusted: number;
        reversed: number;
      };
    };
    LedgerPage: {
      entries: components['schemas']['LedgerEntry'][];
      nextCursor: string | null;
    };
    LedgerEntry: {
      id: string;
      code: components['schemas']['LedgerEntryCode'];
      points: number;
      /** @description Change to the spendable balance */
      balanceDelta: number;
      /** @description Change to the pending points */
      pendingDelta: number;
      debitAccount: string;
      creditAccount: string;
      orderId: string | null;
      returnId: string | null;
      pendingEntryId: string | null;
      releaseAt: string | null;
      reason: string | null;
      actor: string | null;
      effectiveAt: string;
      createdAt: string;
    };
    /** @enum {string} */
    LedgerEntryCode:
      | 'earn.order'
      | 'earn.order.pending'
      | 'pending.post'
      | 'pending.void'
      | 'reverse.return'
      | 'redeem'
      | 'expire'
      | 'adjust.credit'
      | 'adjust.debit'
      | 'earn.award'
      | 'reverse.award';
    RedeemPoints: {
      points: number;
      reason?: string;
    };
    AdjustPoints: {
      /** @description Positive credits the member, negative debits */
      points: number;
      reason: string;
    };
    ReferralSettings: {
      enabled: boolean;
      referrerPoints: number;
      friendPoints: number;
      minOrderMinor: number;
      /** @description The programme currency minOrderMinor is in */
      currency: string;
      maxConversionsPerReferrer: number | null;
      /** @description The base in force (stored or default) */
      linkBaseUrl: string;
      linkBaseUrlIsDefault: boolean;
      updatedAt: string | null;
    };
    MemberReferral: {
      customerId: string;
      /** @example K7QM4XTB */
      code: string;
      /** @example https://shop.example/r/K7QM4XTB */
      link: string;
      stats: {
        invited: number;
        converted: number;
        reversed: number;
        pointsEarned: number;
      };
    };
    ReferralPage: {
      referrals: components['schemas']['Referral'][];
      nextCursor: string | null;
    };
    Referral: {
      /** @example ref_01JD3Q4X5Y6Z7A8B9C0D1E2F3G */
      id: string;
      code: string;
      referrerId: string | null;
      referredId: string;
      /** @enum {string} */
      status: 'pending' | 'converted' | 'reversed' | 'refused';
      /** @description Why it was refused, or referrer_cap_reached on a conversion without referrer points */
      reason: string | null;
      /** @enum {string} */
      source: 'signup' | 'api';
      orderId: string | null;
      minOrderMinor: number | null;
      referrerPoints: number;
      friendPoints: number;
      referrerPointsUnrecovered: number;
      friendPointsUnrecovered: number;
      returnId: string | null;
      createdAt: string;
      convertedAt: string | null;
      reversedAt: string | null;
    };
    ReferralProgrammeStats: {
      /** @description First day counted; null = all time */
      from: string | null;
      /** @description Last day counted; null = up to now */
      to: string | null;
      referrals: {
        /** @description Made in the window, refused ones included */
        total: number;
        /** @description Made in the window, still pending */
        pending: number;
        /** @description Converted in the window and not reversed */
        converted: number;
        /** @description Reversed in the window */
        reversed: number;
        /** @description Made in the window and refused */
        refused: number;
      };
      /** @description converted / (total − refused), percent with two decimals; null when 0 */
      conversionRatePercent: number | null;
      /** @description Points of the referral awards’ ledger entries in the window */
      pointsAwarded: {
        referrers: number;
        friends: number;
        reversed: number;
      };
      topReferrers: {
        customerId: string;
        name: string | null;
        email: string | null;
        converted: number;
        pointsEarned: number;
      }[];
    };
    MemberCard: {
      cardId: string;
      customerId: string;
      issuedAt: string;
      /** @description What the QR code encodes; names the card only */
      token: string;
      qrSvgUrl: string;
      memberPageUrl: string;
    };
    CardMember: {
      cardId: string;
      customerId: string;
      name: string | null;
      firstName: string | null;
      lastName: string | null;
      balance: number;
      pending: number;
      nextExpiring: {
        points: number;
        expiresAt: string;
      } | null;
      tier: {
        code: string;
        name: string;
      } | null;
    };
    CardPoints: {
      entry: components['schemas']['LedgerEntry'];
      member: components['schemas']['CardMember'];
    };
    CardAward: {
      points: number;
      reason: string;
    };
    CardRedeem: {
      points: number;
      reason?: string;
    };
    MemberSummary: {
      customer: {
        firstName: string | null;
        name: string | null;
        locale: string | null;
      };
      card: {
        cardId: string;
        token: string;
        qrSvgUrl: string;
      };
      points: {
        balance: number;
        pending: number;
        nextPendingRelease: {
          points: number;
          releaseAt: string;
        } | null;
        expiring: {
          points: number;
          expiresAt: string;
        }[];
      };
      /** @description null when the programme has no tiers */
      tier: {
        current: {
          code: string;
          name: string;
          benefits: string[];
        } | null;
        /** @enum {string|null} */
        metric: 'points' | 'spend' | 'orders' | null;
        /** @description The metric in the current window */
        value: number;
        next: {
          code: string;
          name: string;
          threshold: number;
          remaining: number;
          percent: number;
        } | null;
      } | null;
      rewards: {
        id: string;
        name: string;
        description: string | null;
        /** @enum {string} */
        kind: 'percent_discount' | 'fixed_discount' | 'free_product' | 'sample' | 'gift';
        value: number | null;
        valueMinor: number | null;
        currency: string | null;
        sku: string | null;
        pointsPrice: number;
        affordable: boolean;
        eligible: boolean;
        reasons: {
          code: components['schemas']['IneligibilityCode'];
          message: string;
          pointsMissing?: number;
          tierCodes?: string[];
        }[];
      }[];
      /** @description Coupons the member can still use, newest first */
      coupons: {
        code: string;
        rewardName: string | null;
        /** @enum {string} */
        kind: 'percent_discount' | 'fixed_discount' | 'free_product' | 'sample' | 'gift';
        value: number | null;
        valueMinor: number | null;
        currency: string;
        sku: string | null;
        description: string | null;
        validFrom: string | null;
        validUntil: string | null;
        usesLeft: number;
      }[];
      /** @description null when the referral programme is off */
      referral: {
        code: string;
        link: string;
        referrerPoints: number;
        friendPoints: number;
      } | null;
      history: {
        id: string;
        at: string;
        kind: components['schemas']['LedgerEntryCode'];
        /** @description Change to the spendable balance */
        points: number;
        /** @description Change to the pending points */
        pendingPoints: number;
        description: string | null;
      }[];
      programme: {
        /** @description The sender name of the programme’s e-mails */
        name: string;
        currency: string;
        pointsPerCurrencyUnit: number;
      };
    };
    /** @enum {string} */
    IneligibilityCode:
      | 'reward_not_available'
      | 'not_yet_valid'
      | 'expired'
      | 'tier_required'
      | 'reward_limit_reached'
      | 'out_of_stock'
      | 'insufficient_points';
    MemberRedemption: {
      coupon: components['schemas']['Coupon'];
      reward: {
        id: string;
        name: string;
      };
      pointsSpent: number;
      /** @description The spendable balance after redeeming */
      balance: number;
    };
    Coupon: {
      id: string;
      /** @example 7KQ2-MX9D-A4TR-0ZCF */
      code: string;
      customerId: string | null;
      rewardId: string | null;
      batchId: string | null;
      /** @enum {string} */
      kind: 'percent_discount' | 'fixed_discount' | 'free_product' | 'sample' | 'gift';
      /** @description percent_discount: percent off */
      value: number | null;
      /** @description fixed_discount: amount off */
      valueMinor: number | null;
      /** @description free_product or sample: the product */
      sku: string | null;
      /** @description gift: what the gift is */
      description: string | null;
      currency: string;
      minBasketMinor: number | null;
      validFrom: string | null;
      validUntil: string | null;
      usesAllowed: number;
      usesCount: number;
      usesLeft: number;
      /** @enum {string} */
      status: 'active' | 'void';
      voidedAt: string | null;
      voidReason: string | null;
      createdAt: string;
    };
    MemberRedeemNotFound: components['schemas']['Problem'] & {
      /** @enum {string} */
      code?: 'card_not_found' | 'customer_not_found' | 'reward_not_found';
    };
    MemberRedeemConflict: components['schemas']['Problem'] & {
      /** @enum {string} */
      code?: 'insufficient_points' | 'out_of_stock' | 'reward_limit_reached';
    };
    MemberRedeemInvalid: components['schemas']['Problem'] & {
      /** @enum {string} */
      code?:
        'tier_required' | 'reward_not_available' | 'reward_not_offered' | 'idempotency_key_reused';
    };
    Liability: {
      currency: string;
      outstandingPoints: number;
      pendingPoints: number;
      pointValueMilliMinor: number;
      liabilityMinor: number;
      pendingLiabilityMinor: number;
      totals: {
        issued: number;
        redeemed: number;
        expired: number;
        adjusted: number;
      };
    };
    ProgrammeSettings: {
      currency: string;
      pointsPerCurrencyUnit: number;
      returnWindowDays: number;
      expiryDays: number | null;
      pointValueMilliMinor: number;
      timeZone: string;
      /** Format: uri */
      publicUrl: string | null;
    };
    ApiKey: {
      id: string;
      name: string;
      /** @enum {string} */
      role: 'admin' | 'pos';
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      revokedAt: string | null;
    };
    RuleSimulation: {
      from: string;
      to: string;
      ordersEvaluated: number;
      ordersMatched: number;
      customersAffected: number;
      pointsIssued: number;
      pointsBeforeCaps: number;
      currency: string;
      costMinor: number;
      skippedReasons: {
        reason: string;
        orders: number;
      }[];
      pointsByDay: {
        day: string;
        points: number;
        orders: number;
      }[];
      experiments: {
        key: string;
        /** @enum {string} */
        status: 'draft' | 'running' | 'stopped';
        arms: {
          variant: string;
          customers: number;
          orders: number;
        }[];
        outside: {
          customers: number;
          orders: number;
        };
      }[];
    };
    RuleCatalogue: {
      categories: {
        name: string;
        lines: number;
      }[];
      skus: {
        sku: string;
        name: string | null;
        category: string | null;
        lines: number;
      }[];
      stores: {
        id: string;
        orders: number;
      }[];
      channels: {
        channel: string;
        orders: number;
      }[];
    };
    Rule: {
      id: string;
      version: number;
      name: string;
      /** @enum {string} */
      trigger:
        | 'order.placed'
        | 'customer.enrolled'
        | 'customer.birthday'
        | 'review.submitted'
        | 'survey.answered'
        | 'referral.converted'
        | 'custom';
      /** @enum {string} */
      status: 'draft' | 'active' | 'archived';
      description: string;
      document: {
        [key: string]: unknown;
      };
      createdAt: string;
      updatedAt: string;
    };
    RuleVersion: {
      version: number;
      /** @enum {string} */
      status: 'draft' | 'active' | 'archived';
      document: {
        [key: string]: unknown;
      };
      actor: string | null;
      createdAt: string;
    };
    RulePerformance: {
      ruleId: string;
      since: string;
      points: number;
      customers: number;
      awards: number;
      costMinor: number;
      currency: string;
    };
    Activity: {
      id: string;
      customerId: string;
      trigger: string;
      name: string | null;
      occurredAt: string;
      points: number;
      entryId: string | null;
    };
    RetentionReport: {
      /** @enum {string} */
      granularity: 'week' | 'month' | 'quarter';
      /** @example 2026-04-01 */
      from: string;
      /** @example 2026-04-01 */
      to: string;
      /** @description The active window used (= activeWindow.days) */
      activeDays: number;
      activeWindow: components['schemas']['ActiveWindow'];
      /**
       * @description Exclusive; null: no orders
       * @example 2026-04-01
       */
      observedUntil: string | null;
      currency: string;
      timeZone: string;
      filter: {
        channel?: string;
        store?: string;
        segment?: string;
      };
      periods: {
        /** @example 2026-04-01 */
        start: string;
        /**
         * @description Exclusive
         * @example 2026-04-01
         */
        end: string;
        customers: {
          /** @description S: active base at the start */
          atStart: number;
          /** @description E: active base at the end */
          atEnd: number;
          /** @description N: first purchase ever in the period */
          new: number;
          /** @description R: in S and in E */
          retained: number;
          /** @description In S, not in E */
          churned: number;
          /** @description In E, not in S, not new */
          reactivated: number;
        };
        /** @description CRR = R / S × 100 */
        retentionRatePct: number | null;
        /** @description churned / S × 100 = 100 − CRR */
        churnRatePct: number | null;
        buyers: {
          total: number;
          new: number;
          returning: number;
        };
        orders: {
          total: number;
          new: number;
          returning: number;
        };
        revenueMinor: {
          /** @description Minor units of the programme currency */
          total: number;
          /** @description Minor units of the programme currency */
          new: number;
          /** @description Minor units of the programme currency */
          returning: number;
        };
        repeatBuyers: number;
        /** @description Percent (0–100), unrounded */
        repeatPurchaseRatePct: number | null;
        /** @description Orders per buyer */
        purchaseFrequency: number | null;
        /** @description Rounded half away from zero */
        averageOrderValueMinor: number | null;
        daysBetweenPurchases: {
          intervals: number;
          mean: number | null;
          median: number | null;
        };
        /** @description The data ends before the period does: incomplete, left out of trends */
        partial: boolean;
      }[];
    };
    ActiveWindow: {
      days: number;
      /**
       * @description requested: activeDays was given; derived: from the gaps (the default)
       * @enum {string}
       */
      source: 'derived' | 'requested';
      percentile: number;
      /** @description Gaps between consecutive purchase days of a customer, up to the end */
      gaps: number;
      /** @description That percentile of the gaps; null: none */
      gapDays: number | null;
      /** @description gapDays rounded up to 30, 60, 90, 180 or 365 (then whole years); 365 without gaps */
      derivedDays: number;
    };
    CohortReport: {
      /** @enum {string} */
      granularity: 'week' | 'month' | 'quarter';
      /** @example 2026-04-01 */
      from: string;
      /** @example 2026-04-01 */
      to: string;
      currency: string;
      timeZone: string;
      filter: {
        channel?: string;
        store?: string;
        segment?: string;
      };
      /**
       * @description Exclusive; null: no orders
       * @example 2026-04-01
       */
      observedUntil: string | null;
      offsets: number;
      cohorts: {
        /** @example 2026-04-01 */
        start: string;
        /** @example 2026-04-01 */
        end: string;
        customers: number;
        cells: {
          offset: number;
          /** @example 2026-04-01 */
          start: string;
          /** @example 2026-04-01 */
          end: string;
          /** @description null: not observed yet */
          customers: number | null;
          /** @description Percent (0–100), unrounded */
          retentionPct: number | null;
          revenueMinor: number | null;
          /** @description The data ends inside this period */
          partial: boolean;
        }[];
      }[];
      curves: {
        /** @example 2026-04-01 */
        start: string;
        points: {
          offset: number;
          /** @description Percent (0–100), unrounded */
          retentionPct: number | null;
          partial: boolean;
        }[];
      }[];
      average: {
        offset: number;
        /** @description Percent (0–100), unrounded */
        retentionPct: number | null;
        cohorts: number;
        customers: number;
      }[];
    };
    CampaignEffect: {
      currency: string;
      timeZone: string;
      filter: {
        channel?: string;
        store?: string;
        segment?: string;
      };
      days: number;
      current: {
        /** @example 2026-04-01 */
        from: string;
        /** @example 2026-04-01 */
        to: string;
        all: {
          buyers: number;
          orders: number;
          /** @description Minor units of the programme currency */
          revenueMinor: number;
          averageOrderValueMinor: number | null;
        };
        new: {
          buyers: number;
          orders: number;
          /** @description Minor units of the programme currency */
          revenueMinor: number;
          averageOrderValueMinor: number | null;
        };
        returning: {
          buyers: number;
          orders: number;
          /** @description Minor units of the programme currency */
          revenueMinor: number;
          averageOrderValueMinor: number | null;
        };
      };
      /** @description The window of equal length just before */
      baseline: {
        /** @example 2026-04-01 */
        from: string;
        /** @example 2026-04-01 */
        to: string;
        all: {
          buyers: number;
          orders: number;
          /** @description Minor units of the programme currency */
          revenueMinor: number;
          averageOrderValueMinor: number | null;
        };
        new: {
          buyers: number;
          orders: number;
          /** @description Minor units of the programme currency */
          revenueMinor: number;
          averageOrderValueMinor: number | null;
        };
        returning: {
          buyers: number;
          orders: number;
          /** @description Minor units of the programme currency */
          revenueMinor: number;
          averageOrderValueMinor: number | null;
        };
      };
      change: {
        all: {
          buyers: {
            absolute: number | null;
            percent: number | null;
          };
          orders: {
            absolute: number | null;
            percent: number | null;
          };
          revenueMinor: {
            absolute: number | null;
            percent: number | null;
          };
          averageOrderValueMinor: {
            absolute: number | null;
            percent: number | null;
          };
        };
        new: {
          buyers: {
            absolute: number | null;
            percent: number | null;
          };
          orders: {
            absolute: number | null;
            percent: number | null;
          };
          revenueMinor: {
            absolute: number | null;
            percent: number | null;
          };
          averageOrderValueMinor: {
            absolute: number | null;
            percent: number | null;
          };
        };
        returning: {
          buyers: {
            absolute: number | null;
            percent: number | null;
          };
          orders: {
            absolute: number | null;
            percent: number | null;
          };
          revenueMinor: {
            absolute: number | null;
            percent: number | null;
          };
          averageOrderValueMinor: {
            absolute: number | null;
            percent: number | null;
          };
        };
      };
    };
    AnalyticsRefreshResult: {
      asOf: string;
      thresholds: {
        newDays: number;
        activeDays: number;
        atRiskDays: number;
        lapsedDays: number;
      };
      customers: number;
      withPurchases: number;
      durationMs: number;
      clv: {
        /** @enum {string} */
        status: 'fitted' | 'not_fitted' | 'skipped';
        reason: string | null;
        run: components['schemas']['ClvRun'];
      };
    };
    ClvRun: {
      id: string;
      model: components['schemas']['ClvTransactionModel'];
      params: {
        [key: string]: number;
      };
      logLikelihood: number;
      fitCheck: components['schemas']['ClvFitCheck'];
      /** @description p and q (no unit) and gamma, in major units of spendMoney.currency */
      spendParams: {
        [key: string]: number;
      } | null;
      /** @description ln L as a density of mean repeat spend in major units of the currency (as BTYD and CLVTools report it) */
      spendLogLikelihood: number | null;
      spendMoney: {
        currency: string;
        minorDigits: number;
        parameters: string[];
        logLikelihood: string;
      } | null;
      spendFitCheck: components['schemas']['ClvFitCheck'] | null;
      /** @description The holdout refit: a refit the data do not identify makes its comparison doubtful */
      validationFitCheck: components['schemas']['ClvFitCheck'] | null;
      customers: number;
      repeatBuyers: number;
      calibrationEnd: string;
      horizonWeeks: number;
      annualDiscountRate: number;
      /** @description The run as the refresh produced it: the fits, settings and the holdout check, or why there is none */
      details: {
        validation?: components['schemas']['ClvHoldoutCheck'] | null;
        validationProblem?: string | null;
      } & {
        [key: string]: unknown;
      };
      durationMs: number;
      fittedAt: string;
    } | null;
    /** @enum {string} */
    ClvTransactionModel: 'bgnbd' | 'pareto-nbd' | 'mbgnbd';
    ClvFitCheck: {
      /** @description Whether the data pin the parameters down; false: the parameters are where the optimiser stopped, not estimates. Null for runs stored before this was checked. */
      identifiable: boolean | null;
      notIdentifiableReason: string | null;
      /** @description Standard errors of the parameters, in their units; null when not identifiable */
      standardErrors: {
        [key: string]: number;
      } | null;
    };
    ClvHoldoutCheck: {
      calibrationEnd: string;
      holdoutEnd: string;
      report: {
        byFrequency: {
          /** @description Repeat purchases before: "0" … "6", "7+" */
          frequency: string;
          customers: number;
          actualMean: number;
          expectedMean: number;
        }[];
        totalActual: number;
        totalExpected: number;
      };
      tracking: {
        week: number;
        weekStart: string;
        actualCumulative: number;
        expectedCumulative: number;
      }[];
    };
    AnalyticsRefresh: {
      /**
       * Format: date-time
       * @description The instant to compute as of; default now
       */
      asOf?: string;
      thresholds?: {
        newDays?: number;
        activeDays?: number;
        atRiskDays?: number;
        lapsedDays?: number;
      };
      /** @description CLV model settings; defaults: bgnbd, 52 weeks, 10%/year */
      clv?: {
        /**
         * @default bgnbd
         * @enum {string}
         */
        model: 'bgnbd' | 'pareto-nbd' | 'mbgnbd';
        /** @default 52 */
        horizonWeeks: number;
        /** @default 0.1 */
        annualDiscountRate: number;
        /** @default 26 */
        holdoutWeeks: number;
        /** @description false refreshes RFM and lifecycle only (default true) */
        enabled?: boolean;
      };
    };
    RfmSummary: {
      asOf: string | null;
      computedAt: string | null;
      currency: string;
      customers: number;
      withPurchases: number;
      /** @description Customers created since the last refresh */
      notRefreshed: number;
      segments: {
        /** @enum {string} */
        segment:
          | 'champions'
          | 'loyal'
          | 'potential_loyalist'
          | 'new'
          | 'promising'
          | 'need_attention'
          | 'about_to_sleep'
          | 'at_risk'
          | 'cannot_lose'
          | 'hibernating'
          | 'lost';
        label: string;
        customers: number;
        /** @description Percent, two decimals */
        sharePercent: number | null;
        avgRecencyDays: number | null;
        avgFrequency: number | null;
        avgMonetaryMinor: number | null;
      }[];
      rfGrid: {
        r: number;
        f: number;
        customers: number;
      }[];
      lifecycle: {
        /** @enum {string} */
        stage: 'prospect' | 'new' | 'active' | 'at_risk' | 'lapsed' | 'lost';
        customers: number;
        /** @description Percent, two decimals */
        sharePercent: number | null;
      }[];
    };
    AnalyticsCustomerPage: {
      customers: {
        customerId: string;
        email: string | null;
        firstName: string | null;
        lastName: string | null;
        asOf: string | null;
        computedAt: string | null;
        firstPurchaseAt: string | null;
        lastPurchaseAt: string | null;
        recencyDays: number | null;
        /** @description Distinct purchase days */
        frequency: number | null;
        /** @description Net revenue in minor units */
        monetaryMinor: number | null;
        scores: {
          r: number;
          f: number;
          m: number;
        } | null;
        /** @enum {string|null} */
        segment:
          | 'champions'
          | 'loyal'
          | 'potential_loyalist'
          | 'new'
          | 'promising'
          | 'need_attention'
          | 'about_to_sleep'
          | 'at_risk'
          | 'cannot_lose'
          | 'hibernating'
          | 'lost'
          | null;
        /** @enum {string|null} */
        lifecycleStage: 'prospect' | 'new' | 'active' | 'at_risk' | 'lapsed' | 'lost' | null;
        /** @description From the last CLV fit; null before one or without purchases */
        clv: {
          modelRunId: string;
          pAlive: number;
          expectedPurchases: number;
          expectedSpendMinor: number | null;
          clvMinor: number | null;
          computedAt: string | null;
        } | null;
      }[];
      nextCursor: string | null;
    };
    LifecycleFunnel: {
      asOf: string | null;
      /** @description The thresholds stages were re-evaluated with; null: as stored by the refresh */
      thresholds: {
        newDays: number;
        activeDays: number;
        atRiskDays: number;
        lapsedDays: number;
      } | null;
      customers: number;
      stages: {
        /** @enum {string} */
        stage: 'prospect' | 'new' | 'active' | 'at_risk' | 'lapsed' | 'lost';
        customers: number;
        /** @description Percent, two decimals */
        sharePercent: number | null;
      }[];
    };
    ProgrammeKpis: {
      from: string;
      to: string;
      timeZone: string;
      currency: string;
      windowStart: string;
      windowEnd: string;
      members: number;
      membersAtStart: number;
      newMembers: number;
      /** @description Percent, two decimals */
      enrolmentRatePercent: number | null;
      buyers: number;
      activeMembers: number;
      points: {
        issued: components['schemas']['IssuedPoints'];
        reversedByReturns: number;
        /** @description issued.byLedgerDate − reversedByReturns */
        netIssued: number;
        redeemed: number;
        expired: number;
        adjustedCredit: number;
        adjustedDebit: number;
        /** @description Percent, two decimals: redeemed / issued.byLedgerDate × 100 */
        redemptionRatePercent: number | null;
        /** @description Percent, two decimals: expired / issued.byLedgerDate × 100 */
        breakagePercent: number | null;
      };
      balances: {
        at: string;
        outstandingPoints: number;
        outstandingValueMinor: number;
        pendingPoints: number;
        pendingValueMinor: number;
        pointValueMilliMinor: number;
      };
    };
    IssuedPoints: {
      /** @description Earn entries by the day they took effect in the ledger: a live order when recorded (pending), an order recorded after its return window (imports) when the window ended. netIssued and the rates use this. */
      byLedgerDate: number;
      /** @description Earn entries of orders placed in the window (programme time zone), pending ones included; awards without an order by their date */
      byOrderDate: number;
      /** @description Of byOrderDate, the points still pending now (return window open) */
      byOrderDatePending: number;
    };
    CustomerAnalytics: {
      customerId: string;
      /**
       * @description not_computed: the customer was created after the last refresh
       * @enum {string}
       */
      status: 'computed' | 'not_computed';
      currency: string;
      asOf: string | null;
      computedAt: string | null;
      firstPurchaseAt: string | null;
      lastPurchaseAt: string | null;
      recencyDays: number | null;
      /** @description Distinct purchase days */
      frequency: number | null;
      /** @description Net revenue in minor units */
      monetaryMinor: number | null;
      scores: {
        r: number;
        f: number;
        m: number;
      } | null;
      /** @enum {string|null} */
      segment:
        | 'champions'
        | 'loyal'
        | 'potential_loyalist'
        | 'new'
        | 'promising'
        | 'need_attention'
        | 'about_to_sleep'
        | 'at_risk'
        | 'cannot_lose'
        | 'hibernating'
        | 'lost'
        | null;
      /** @enum {string|null} */
      lifecycleStage: 'prospect' | 'new' | 'active' | 'at_risk' | 'lapsed' | 'lost' | null;
      /** @description From the last CLV fit; null before one or without purchases */
      clv: {
        modelRunId: string;
        pAlive: number;
        expectedPurchases: number;
        expectedSpendMinor: number | null;
        clvMinor: number | null;
        computedAt: string | null;
      } | null;
    };
    ClvOverview: {
      run: components['schemas']['ClvRun'];
      distribution: {
        customersWithClv: number;
        totalMinor: number;
        meanMinor: number | null;
        medianMinor: number | null;
        p90Minor: number | null;
        buckets: {
          fromMinor: number;
          toMinor: number | null;
          customers: number;
        }[];
      };
      topCustomers: components['schemas']['ValuedCustomer'][];
    };
    ValuedCustomer: {
      customerId: string;
      name: string | null;
      email: string | null;
      clvMinor: number | null;
      pAlive: number | null;
      expectedPurchases: number | null;
      monetaryMinor: number;
      frequency: number;
      lastPurchaseAt: string | null;
    };
    ClvAtRisk: {
      definition: components['schemas']['AtRiskDefinition'];
      /** @description The threshold applied: as asked, or the default share’s cut-off (null when no customer has a P(alive)) */
      maxPAlive: number | null;
      /** @description True when maxPAlive is the default share’s cut-off */
      byShare: boolean;
      /** @description Customers under the threshold, all pages */
      total: number;
      customers: components['schemas']['ValuedCustomer'][];
    };
    AtRiskDefinition: {
      /** @enum {string} */
      notion: 'rfm' | 'lifecycle' | 'clv';
      name: string;
      rule: string;
      explanation: string;
    };
    AtRiskComparison: {
      definitions: (components['schemas']['AtRiskDefinition'] & {
        /** @description At the last refresh */
        customers: number;
      })[];
    };
    AnalyticsRange: {
      /**
       * @description First purchase day (programme time zone); null: no orders
       * @example 2026-04-01
       */
      firstPurchaseDay: string | null;
      /**
       * @description Last purchase day (programme time zone); null: no orders
       * @example 2026-04-01
       */
      lastPurchaseDay: string | null;
      /**
       * @description Today in the programme time zone
       * @example 2026-04-01
       */
      today: string;
      timeZone: string;
      currency: string;
    };
    ExperimentResults: {
      experiment: {
        id: string;
        key: string;
        name: string;
        /** @enum {string} */
        status: 'draft' | 'running' | 'stopped';
      };
      asOf: string;
      currency: string;
      metrics: {
        horizonDays: number;
        churnDays: number;
        preDays: number;
      };
      arms: {
        variant: string;
        name: string;
        control: boolean;
        weight: number;
        exposed: number;
        horizonComplete: number;
      }[];
      sampleRatio: {
        chiSquare: number;
        degreesOfFreedom: number;
        pValue: number;
        mismatch: boolean;
        expected: number[];
        blocking: boolean;
      };
      comparisons: {
        variant: string;
        fixed: components['schemas']['ExperimentCohortComparison'];
        toDate: components['schemas']['ExperimentCohortComparison'];
      }[];
      guardrails: {
        variant: string;
        /** @enum {string} */
        metric: 'unsubscribed' | 'complained';
        /** @enum {string} */
        cohort: 'fixed' | 'toDate';
        flagged: boolean;
        comparison:
          | components['schemas']['ExperimentComparison']
          | components['schemas']['ExperimentComparisonSkipped'];
      }[];
      heterogeneity: {
        /** @enum {boolean} */
        exploratory: true;
        /** @enum {string} */
        cohort: 'fixed' | 'toDate';
        groups: {
          /** @enum {string} */
          dimension: 'rfmSegment' | 'lifecycleStage';
          value: string;
          variant: string;
          n: {
            treatment: number;
            control: number;
          };
          converted: components['schemas']['ExperimentComparison'] | null;
          netRevenue: components['schemas']['ExperimentComparison'] | null;
        }[];
      };
      summary: {
        variant: string;
        sentence: string;
      }[];
      warnings: string[];
    };
    ExperimentCohortComparison: {
      /** @enum {string} */
      cohort: 'fixed' | 'toDate';
      /** @enum {string} */
      method: 'fixedHorizon' | 'alwaysValid';
      treatment: components['schemas']['ExperimentArmFigures'];
      control: components['schemas']['ExperimentArmFigures'];
      metrics: (
        | components['schemas']['ExperimentComparison']
        | components['schemas']['ExperimentComparisonSkipped']
      )[];
      cuped: {
        netRevenue?:
          | (components['schemas']['ExperimentComparison'] & {
              /** @description 1 − Var(adjusted)/Var(raw), pooled */
              varianceReduction: number;
              theta: number;
            })
          | components['schemas']['ExperimentComparisonSkipped'];
        orders?:
          | (components['schemas']['ExperimentComparison'] & {
              /** @description 1 − Var(adjusted)/Var(raw), pooled */
              varianceReduction: number;
              theta: number;
            })
          | components['schemas']['ExperimentComparisonSkipped'];
        profit?:
          | (components['schemas']['ExperimentComparison'] & {
              /** @description 1 − Var(adjusted)/Var(raw), pooled */
              varianceReduction: number;
              theta: number;
            })
          | components['schemas']['ExperimentComparisonSkipped'];
      };
      incremental: {
        orders?: {
          total: number;
          interval: {
            lower: number;
            upper: number;
          };
        };
        netRevenue?: {
          total: number;
          interval: {
            lower: number;
            upper: number;
          };
        };
        profit?: {
          total: number;
          interval: {
            lower: number;
            upper: number;
          };
        };
      };
    };
    ExperimentArmFigures: {
      n: number;
      means: {
        orders: {
          mean: number;
          variance: number;
        };
        netRevenue: {
          mean: number;
          variance: number;
        };
        pointsIssued: {
          mean: number;
          variance: number;
        };
        pointsCost: {
          mean: number;
          variance: number;
        };
        profit: {
          mean: number;
          variance: number;
        };
      };
      rates: {
        converted: {
          count: number;
          n: number;
          rate: number | null;
        };
        churned: {
          count: number;
          n: number;
          rate: number | null;
        };
        unsubscribed: {
          count: number;
          n: number;
          rate: number | null;
        };
        complained: {
          count: number;
          n: number;
          rate: number | null;
        };
      };
    };
    ExperimentComparison: {
      /** @enum {string} */
      metric:
        | 'orders'
        | 'netRevenue'
        | 'pointsIssued'
        | 'pointsCost'
        | 'profit'
        | 'converted'
        | 'churned'
        | 'unsubscribed'
        | 'complained';
      /** @enum {string} */
      kind: 'mean' | 'proportion';
      /** @enum {string} */
      method: 'fixedHorizon' | 'alwaysValid' | 'classic';
      /** @description treatment − control, per customer */
      difference: number;
      /** @description 95% interval of the difference */
      interval: {
        lower: number;
        upper: number;
      };
      relativeLift: number | null;
      relativeLiftInterval: {
        lower: number;
        upper: number;
      } | null;
      pValue: number;
      /** @description The interval excludes 0 */
      significant: boolean;
    };
    ExperimentComparisonSkipped: {
      /** @enum {string} */
      metric:
        | 'orders'
        | 'netRevenue'
        | 'pointsIssued'
        | 'pointsCost'
        | 'profit'
        | 'converted'
        | 'churned'
        | 'unsubscribed'
        | 'complained';
      skipped: string;
    };
    ExperimentPowerPlan: {
      baseline: {
        customers: number;
        convertedRate: number;
        netRevenueMean: number;
        netRevenueStandardDeviation: number;
        newEntrantsPerDay: number;
        windowDays: number;
      };
      alpha: number;
      power: number;
      smallestArmShare: number;
      durationDays: number;
      customersPerArm: number;
      minimumDetectableEffect: {
        converted:
          | {
              absolute: number;
              relative: number | null;
            }
          | {
              unavailable: string;
            };
        netRevenue:
          | {
              absolute: number;
              relative: number | null;
            }
          | {
              unavailable: string;
            };
      };
      effect: {
        /** @enum {string} */
        metric: 'converted' | 'netRevenue';
        relative: number;
        absolute: number;
        customersPerArm: number;
        entryDays: number | null;
        daysToResult: number | null;
        note: string;
      } | null;
    };
    ExperimentPowerRequest: {
      /**
       * @default {
       *       "segmentId": null,
       *       "entry": "fixed"
       *     }
       */
      population: {
        /** @default null */
        segmentId: string | null;
        /**
         * @default fixed
         * @enum {string}
         */
        entry: 'fixed' | 'open';
      };
      variants: ({
        key: string;
        weight: number;
        /** @default false */
        control: boolean;
      } & {
        [key: string]: unknown;
      })[];
      /**
       * @default {
       *       "horizonDays": 60
       *     }
       */
      metrics: {
        /** @default 60 */
        horizonDays: number;
      } & {
        [key: string]: unknown;
      };
      durationDays?: number;
      effect?: {
        /** @enum {string} */
        metric: 'converted' | 'netRevenue';
        relative: number;
      };
    };
    WebhookDelivery: {
      /** @example dlv_01JD3Q4X5Y6Z7A8B9C0D1E2F3G */
      id: string;
      webhookId: string;
      /** @description Sent as webhook-id; the same on every attempt */
      messageId: string;
      eventType: string;
      /** @enum {string} */
      status: 'pending' | 'succeeded' | 'failed' | 'cancelled';
      attemptCount: number;
      nextAttemptAt: string | null;
      lastAttemptAt: string | null;
      completedAt: string | null;
      replayOf: string | null;
      createdAt: string;
      /** @description The body sent: { type, timestamp, data } */
      payload?: unknown;
      attempts: {
        attempt: number;
        at: string;
        statusCode: number | null;
        responseExcerpt: string | null;
        error: string | null;
        durationMs: number;
      }[];
    };
    WebhookWithSecret: components['schemas']['Webhook'] & {
      /** @description The signing secret (whsec_…), shown only here: keep it to verify signatures */
      secret: string;
    };
    Webhook: {
      /** @example whk_01JD3Q4X5Y6Z7A8B9C0D1E2F3G */
      id: string;
      url: string;
      description: string | null;
      eventTypes: string[];
      active: boolean;
      createdAt: string;
      updatedAt: string;
      deletedAt: string | null;
    };
    TierConfig: {
      policy: components['schemas']['TierPolicy'];
      tiers: components['schemas']['Tier'][];
    };
    TierPolicy: {
      /** @enum {string} */
      metric: 'points' | 'spend' | 'orders';
      window:
        | {
            /** @enum {string} */
            kind: 'rolling';
            days: number;
          }
        | {
            /** @enum {string} */
            kind: 'calendarYear';
          };
      graceDays: number;
    } | null;
    Tier: {
      /** @example gold */
      code: string;
      name: string;
      rank: number;
      threshold: number;
      earnMultiplierPercent: number;
      benefits: string[];
      /** @description Per locale code: the name and benefits members of it read */
      translations: {
        [key: string]: {
          name?: string;
          benefits?: string[];
        };
      };
    };
    TierPlacement: {
      membersMeasured: number;
      /**
       * @description Members moved up, by the tier they moved to (every tier listed)
       * @example {
       *       "bronze": 1581,
       *       "silver": 1646,
       *       "gold": 838
       *     }
       */
      moved: {
        [key: string]: number;
      };
      seconds: number;
    };
    TierMembers: {
      counts: {
        code: string;
        name: string;
        rank: number;
        members: number;
      }[];
      members: components['schemas']['TierMember'][];
      nextCursor: string | null;
    };
    TierMember: {
      customerId: string;
      tier: string;
      since: string;
      reviewAt: string | null;
    };
    TierProgress: {
      tier: components['schemas']['Tier'] | null;
      since: string | null;
      /** @description When the tier is reviewed (end of its qualification period plus grace days) */
      reviewAt: string | null;
      /** @enum {string|null} */
      metric: 'points' | 'spend' | 'orders' | null;
      windowStart: string | null;
      /** @description Exclusive; now for a rolling window */
      windowEnd: string | null;
      value: number;
      next: {
        code: string;
        name: string;
        threshold: number;
        remaining: number;
        percent: number;
      } | null;
      /** @description What the period under review needs for the held tier to stay */
      toKeep: {
        threshold: number;
        value: number;
        remaining: number;
        windowStart: string;
        windowEnd: string;
      } | null;
    };
    TierChange: {
      from: string | null;
      to: string | null;
      /** @example review.downgrade */
      reason: string;
      metric: string;
      value: number;
      windowStart: string;
      windowEnd: string;
      reviewAt: string | null;
      at: string;
    };
    Segment: {
      id: string;
      /** @example big-spenders */
      key: string;
      name: string;
      /** @enum {string} */
      kind: 'dynamic' | 'static';
      definition: {
        [key: string]: unknown;
      } | null;
      memberCount: number;
      refreshedAt: string | null;
      createdAt: string;
      updatedAt: string;
      archivedAt: string | null;
    };
    SegmentPreview: {
      size: number;
      sample: {
        id: string;
        email: string | null;
        firstName: string | null;
        lastName: string | null;
      }[];
    };
    SegmentFields: {
      fields: {
        /** @example totalSpendMinor */
        field: string;
        /** @enum {string} */
        group: 'Purchases' | 'Loyalty' | 'Predictions' | 'Profile' | 'Consent' | 'Segments';
        label: string;
        description: string;
        operators: {
          op: string;
          label: string;
          inputs: {
            /** @description The leaf property the input sets */
            key: string;
            label: string;
            /**
             * @description money: minor units in the definition; tiers: tier codes (null: no tier); segments: segment ids, picked from GET /v1/segments; oneOf/someOf: from choices
             * @enum {string}
             */
            type:
              | 'money'
              | 'integer'
              | 'probability'
              | 'days'
              | 'date'
              | 'text'
              | 'attributeValue'
              | 'attributeValues'
              | 'oneOf'
              | 'someOf'
              | 'tiers'
              | 'segments';
            choices?: {
              value: string | number;
              label: string;
            }[];
          }[];
          fixed?: {
            [key: string]: string | number | boolean;
          };
        }[];
      }[];
    };
    SegmentRefresh: {
      segment: components['schemas']['Segment'];
      size: number;
      added: number;
      removed: number;
    };
    SegmentUpload: {
      rows: number;
      matched: number;
      added: number;
      alreadyMembers: number;
      removed: number;
      unmatchedCount: number;
      unmatched: {
        line: number;
        value: string;
        reason: string;
      }[];
    };
    SegmentMembers: {
      members: {
        customerId: string;
        addedAt: string;
        /** @description First and last name */
        name: string | null;
        email: string | null;
        externalId: {
          source: string;
          id: string;
        } | null;
      }[];
      nextCursor: string | null;
    };
    Experiment: {
      id: string;
      /** @example double-points-q1 */
      key: string;
      name: string;
      hypothesis: string;
      /** @enum {string} */
      status: 'draft' | 'running' | 'stopped';
      population: {
        /** @description null: every member */
        segmentId: string | null;
        /** @enum {string} */
        entry: 'fixed' | 'open';
      };
      variants: {
        /** @example double */
        key: string;
        name: string;
        weight: number;
        control: boolean;
        holdout: boolean;
        templateKey: string | null;
        rewardIds: string[];
      }[];
      targets: {
        campaignIds: string[];
        journeys: (
          'welcome' | 'birthday' | 'pointsExpiring' | 'tierChanged' | 'winBack' | 'reviewRequest'
        )[];
      };
      metrics: {
        horizonDays: number;
        churnDays: number;
        preDays: number;
      };
      orthogonal: boolean;
      plannedStartAt: string | null;
      plannedEndAt: string | null;
      startedAt: string | null;
      stoppedAt: string | null;
      createdAt: string;
      updatedAt: string;
      /** @description Customers exposed so far, by variant key (every arm listed) */
      exposures: {
        [key: string]: number;
      };
    };
    Reward: {
      /** @example rwd_01JD3Q4X5Y6Z7A8B9C0D1E2F3G */
      id: string;
      name: string;
      description: string | null;
      /** @enum {string} */
      kind: 'percent_discount' | 'fixed_discount' | 'free_product' | 'sample' | 'gift';
      /** @description percent_discount: percent off */
      value: number | null;
      /** @description fixed_discount: amount off */
      valueMinor: number | null;
      /** @description fixed_discount: its currency */
      currency: string | null;
      /** @description free_product or sample: the product */
      sku: string | null;
      pointsCost: number;
      /** @description Left to give; null = unlimited */
      stock: number | null;
      perMemberLimit: number | null;
      validFrom: string | null;
      validUntil: string | null;
      tierCodes: string[] | null;
      couponValidityDays: number | null;
      usesPerCoupon: number;
      minBasketMinor: number | null;
      active: boolean;
      archivedAt: string | null;
      /** @description Coupons given so far */
      issuedCount: number;
      /** @description Per locale code: the name and description members of it read */
      translations: {
        [key: string]: {
          name?: string;
          description?: string;
        };
      };
      createdAt: string;
      updatedAt: string;
    };
    MemberRewards: {
      customerId: string;
      balance: number;
      tierCode: string | null;
      rewards: (components['schemas']['Reward'] & {
        eligible: boolean;
        reasons: {
          /** @enum {string} */
          code:
            | 'reward_not_available'
            | 'not_yet_valid'
            | 'expired'
            | 'tier_required'
            | 'reward_limit_reached'
            | 'out_of_stock'
            | 'insufficient_points';
          message: string;
          pointsMissing?: number;
          tierCodes?: string[];
        }[];
      })[];
    };
    RewardRedemption: {
      redemption: {
        id: string;
        rewardId: string;
        customerId: string;
        pointsSpent: number;
        /** @description The ledger entry that spent them */
        entryId: string | null;
        createdAt: string;
      };
      coupon: components['schemas']['Coupon'];
    };
    CouponBatch: {
      id: string;
      name: string;
      /** @enum {string} */
      kind: 'percent_discount' | 'fixed_discount' | 'free_product' | 'sample' | 'gift';
      /** @description percent_discount: percent off */
      value: number | null;
      /** @description fixed_discount: amount off */
      valueMinor: number | null;
      /** @description free_product or sample: the product */
      sku: string | null;
      currency: string;
      minBasketMinor: number | null;
      validFrom: string | null;
      validUntil: string | null;
      usesPerCode: number;
      onePerCustomer: boolean;
      createdAt: string;
      counts: {
        /** @description Codes in the batch */
        issued: number;
        /** @description Redemptions in force */
        redeemed: number;
        /** @description Codes used at least once */
        codesUsed: number;
        /** @description Redemptions released */
        released: number;
      };
    };
    CouponValidation: {
      valid: boolean;
      /** @description What it takes off; 0 if not valid */
      discountMinor: number;
      currency: string;
      reasons: {
        code: string;
        message: string;
        path: string;
      }[];
      coupon: components['schemas']['Coupon'] | null;
    };
    CouponCheck: {
      /** @description As typed: case, spaces and dashes do not matter */
      code: string;
      customerId?: string;
      basket: {
        currency: string;
        lines: {
          sku: string;
          category?: string;
          quantity: number;
          unitPriceMinor: number;
        }[];
      };
    };
    CouponRedemption: {
      id: string;
      couponId: string;
      code: string;
      customerId: string | null;
      orderExternalId: string;
      discountMinor: number;
      currency: string;
      /** @enum {string} */
      status: 'redeemed' | 'released';
      redeemedAt: string;
      releasedAt: string | null;
    };
    CouponRedeem: components['schemas']['CouponCheck'] & {
      orderExternalId: string;
    };
    CouponRelease: {
      /** @description As typed: case, spaces and dashes do not matter */
      code: string;
      orderExternalId: string;
    };
    CouponVoid: {
      /** @description As typed: case, spaces and dashes do not matter */
      code: string;
      reason: string;
    };
    RecommendationsRefreshResult: {
      asOf: string;
      computedAt: string;
      settings: {
        /** @default 10 */
        limit: number;
        /**
         * @default order
         * @enum {string}
         */
        basket: 'order' | 'customer';
        /** @default 2 */
        minSupport: number;
        /** @default 20 */
        neighbours: number;
        /** @default 0.3 */
        categoryWeight: number;
        /** @default null */
        excludeWindowDays: number | null;
        /** @default [] */
        excludeSkus: string[];
      };
      customers: number;
      suggestions: number;
      popular: number;
      durationMs: number;
    };
    RecommendationsRefresh: {
      /**
       * Format: date-time
       * @description Only orders placed before this instant count; default now
       */
      asOf?: string;
      settings?: {
        /** @default 10 */
        limit: number;
        /**
         * @default order
         * @enum {string}
         */
        basket: 'order' | 'customer';
        /** @default 2 */
        minSupport: number;
        /** @default 20 */
        neighbours: number;
        /** @default 0.3 */
        categoryWeight: number;
        /** @default null */
        excludeWindowDays: number | null;
        /** @default [] */
        excludeSkus: string[];
      };
    };
    CustomerSuggestions: {
      customerId: string;
      /**
       * @description personal: computed for this customer by the last refresh; popular: the best sellers (no history at the last refresh); none: never refreshed
       * @enum {string}
       */
      source: 'personal' | 'popular' | 'none';
      computedAt: string | null;
      products: {
        rank: number;
        sku: string;
        name: string | null;
        category: string | null;
        /** @description 0..1; 0 for best sellers filling the list */
        score: number;
        reason: components['schemas']['SuggestionReason'];
      }[];
      rewards: {
        balance: number;
        /** @description Redeemable now, cheapest first */
        affordable: {
          id: string;
          name: string;
          description: string | null;
          kind: string;
          pointsCost: number;
        }[];
        /** @description The reward that only lacks points, the fewest missing */
        next: {
          id: string;
          name: string;
          description: string | null;
          kind: string;
          pointsCost: number;
          pointsMissing: number;
        } | null;
      };
    };
    SuggestionReason: {
      /** @enum {string} */
      kind: 'bought_with' | 'popular_in_category' | 'popular';
      /** @example Bought with White hanging heart t-light holder */
      text: string;
      /** @description bought_with: the product bought */
      sku?: string;
      name?: string | null;
      /** @description popular_in_category */
      category?: string;
    };
    MessageTemplate: {
      id: string;
      key: string;
      /** @enum {string} */
      kind: 'marketing' | 'transactional';
      defaultLocale: string;
      description: string | null;
      versions: {
        locale: string;
        subject: string;
        html: string;
        text: string;
      }[];
      createdAt: string;
      updatedAt: string;
    };
    Message: {
      id: string;
      customerId: string;
      templateKey: string;
      /** @enum {string} */
      kind: 'marketing' | 'transactional';
      /** @enum {string} */
      status: 'queued' | 'sent' | 'failed' | 'suppressed' | 'outbox';
      /** @description Why it was suppressed or failed: no_email, no_consent, frequency_cap, global_control, experiment_holdout (the holdout arm of a running experiment targeting its campaign or journey), template_missing, smtp_error; smtp_not_configured when kept in the outbox */
      reason: string | null;
      locale: string | null;
      to: string | null;
      subject: string | null;
      html: string | null;
      text: string | null;
      unsubscribeUrl: string | null;
      campaignId: string | null;
      journey: string | null;
      dedupeKey: string;
      data: {
        [key: string]: unknown;
      };
      scheduledAt: string;
      sentAt: string | null;
      attempts: number;
      smtpMessageId: string | null;
      lastError: string | null;
      createdAt: string;
    };
    MessagingSettings: {
      /** @default 3 */
      maxMarketingPerWindow: number;
      /** @default 7 */
      windowDays: number;
      /**
       * Format: email
       * @default no-reply@example.com
       */
      fromAddress: string;
      /** @default Regulars */
      fromName: string;
      /** @default 0 */
      globalControlPercent: number;
      /** @default null */
      globalControlSalt: string | null;
    };
    Journeys: {
      /** @default {} */
      welcome: {
        /** @default false */
        enabled: boolean;
        /** @default null */
        templateKey: string | null;
        /** @default 0 */
        delayDays: number;
        /** @default 0 */
        delayHours: number;
      };
      /** @default {} */
      birthday: {
        /** @default false */
        enabled: boolean;
        /** @default null */
        templateKey: string | null;
        /** @default 0 */
        delayDays: number;
        /** @default 0 */
        delayHours: number;
      };
      /** @default {} */
      pointsExpiring: {
        /** @default false */
        enabled: boolean;
        /** @default null */
        templateKey: string | null;
        /** @default 0 */
        delayDays: number;
        /** @default 0 */
        delayHours: number;
      };
      /** @default {} */
      tierChanged: {
        /** @default false */
        enabled: boolean;
        /** @default null */
        templateKey: string | null;
        /** @default 0 */
        delayDays: number;
        /** @default 0 */
        delayHours: number;
      };
      /** @default {} */
      winBack: {
        /** @default false */
        enabled: boolean;
        /** @default null */
        templateKey: string | null;
        /** @default 0 */
        delayDays: number;
        /** @default 0 */
        delayHours: number;
      };
      /**
       * @default {
       *       "delayDays": 7
       *     }
       */
      reviewRequest: {
        /** @default false */
        enabled: boolean;
        /** @default null */
        templateKey: string | null;
        /** @default 0 */
        delayDays: number;
        /** @default 0 */
        delayHours: number;
      };
    };
    Campaign: {
      id: string;
      templateKey: string;
      segmentId: string;
      /** @enum {string} */
      status: 'scheduled' | 'expanding' | 'done';
      scheduledAt: string;
      audience: number;
      createdAt: string;
      completedAt: string | null;
      counts: {
        queued: number;
        sent: number;
        outbox: number;
        failed: number;
        suppressed: number;
        suppressedByReason: {
          [key: string]: number;
        };
      };
    };
    CampaignReach: {
      segmentSize: number;
      willReceive: number;
      excluded: {
        /** @description Marketing without e-mail consent */
        no_consent: number;
        /** @description No e-mail address */
        no_email: number;
        /** @description Frequency cap reached */
        frequency_cap: number;
        /** @description Held back from marketing as the global control group */
        global_control: number;
        /** @description In the holdout arm of a running experiment that targets the campaign (campaignId) */
        experiment_holdout: number;
      };
    };
    ListedCampaign: components['schemas']['Campaign'] & {
      /** @description The segment it went to; null if that segment no longer exists */
      segment: {
        id: string;
        key: string;
        name: string;
      } | null;
    };
    Survey: {
      id: string;
      key: string;
      title: string;
      description: string | null;
      questions: {
        [key: string]: unknown;
      }[];
      /** @enum {string} */
      status: 'draft' | 'active' | 'archived';
      /** @description Per locale code: the title, introduction, and per question id the prompt and option labels (by default option) its customers read */
      translations: {
        [key: string]: {
          title?: string;
          description?: string;
          questions?: {
            [key: string]: {
              prompt?: string;
              options?: {
                [key: string]: string;
              };
            };
          };
        };
      };
      createdAt: string;
      updatedAt: string;
    };
    SurveyWithResponses: components['schemas']['Survey'] & {
      /** @description Responses recorded, whatever their questions (one per customer) */
      responses: number;
    };
    SurveyResponse: {
      id: string;
      surveyId: string;
      customerId: string;
      /** @enum {string} */
      source: 'link' | 'api';
      answers: {
        questionId: string;
        type: string;
        score: number | null;
        value: string | null;
      }[];
      submittedAt: string;
      points: number;
      created: boolean;
    };
    SurveyAnswers: {
      answers: {
        [key: string]: unknown;
      };
    };
    PublicSurvey: {
      survey: {
        id: string;
        key: string;
        title: string;
        description: string | null;
        /** @description In the customer’s language where translated; a choice question’s `labels` name its `options`, which are the values to answer with */
        questions: {
          [key: string]: unknown;
        }[];
      };
      answered: boolean;
    };
    Review: {
      id: string;
      customerId: string;
      externalId: string;
      sku: string | null;
      rating: number;
      text: string | null;
      submittedAt: string;
      points: number;
      created: boolean;
    };
    FeedbackScores: {
      granularity: string;
      from: string;
      to: string;
      surveyId: string | null;
      periods: {
        nps: {
          responses: number;
          promoters: number;
          passives: number;
          detractors: number;
          score: number | null;
        };
        csat: {
          responses: number;
          satisfied: number;
          satisfiedPct: number | null;
          mean: number | null;
        };
        start: string;
        end: string;
      }[];
      total: {
        nps: {
          responses: number;
          promoters: number;
          passives: number;
          detractors: number;
          score: number | null;
        };
        csat: {
          responses: number;
          satisfied: number;
          satisfiedPct: number | null;
          mean: number | null;
        };
      };
    };
    Complaint: components['schemas']['ComplaintSummary'] & {
      events: {
        [key: string]: unknown;
      }[];
    };
    ComplaintSla: {
      targetHours: number;
      /** @description When the first staff reply is due */
      dueAt: string;
      /**
       * @description running/overdue: no staff reply yet, due in the future/past; met/missed: the clock stopped (first staff reply, else resolution) on time/late
       * @enum {string}
       */
      state: 'running' | 'overdue' | 'met' | 'missed';
      stoppedAt: string | null;
    };
    ComplaintSummary: {
      id: string;
      customerId: string;
      subject: string;
      body: string;
      channel: string;
      /** @enum {string} */
      status: 'open' | 'answered' | 'resolved';
      openedAt: string;
      firstResponseAt: string | null;
      resolvedAt: string | null;
      assigneeId: string | null;
      resolutionNote: string | null;
      /** @description When the first staff reply is due (sla.dueAt) */
      dueAt: string;
      sla: components['schemas']['ComplaintSla'];
    };
    ComplaintStats: {
      from: string;
      to: string;
      targetHours: number;
      cases: number;
      answered: number;
      resolved: number;
      due: number;
      answeredWithinTarget: number;
      withinTargetPct: number | null;
      medianFirstResponseHours: number | null;
      medianResolutionHours: number | null;
    };
    CustomerTimeline: {
      items: {
        at: string;
        /** @enum {string} */
        kind:
          | 'order'
          | 'return'
          | 'points'
          | 'reward'
          | 'coupon'
          | 'tier'
          | 'activity'
          | 'survey'
          | 'review'
          | 'complaint'
          | 'message';
        id: string;
        title: string;
        detail: {
          [key: string]: unknown;
        };
      }[];
      nextCursor: string | null;
    };
    CustomerExport: {
      /** @enum {string} */
      format: 'regulars.customer-export/1';
      exportedAt: string;
      readme: {
        [key: string]: string;
      };
    } & {
      [key: string]: unknown;
    };
    CustomerErasure: {
      customerId: string;
      /** @enum {string} */
      status: 'erased';
      erasedAt: string;
    };
    AuditEntry: {
      id: string;
      at: string;
      actor: {
        keyId: string | null;
        userId: string | null;
        label: string;
      };
      action: string;
      targetType: string;
      targetId: string | null;
      summary: {
        [key: string]: unknown;
      };
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
