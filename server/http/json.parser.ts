import type { FastifyInstance } from 'fastify';
import { badRequest } from './errors.ts';

const MAX_DEPTH = 32;

/**
 * Finds the nesting depth without building anything, so a hostile 100,000-deep body is
 * refused in linear time instead of blowing the parser's stack.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

export function installJsonParser(app: FastifyInstance): void {
  // Only JSON bodies exist in this API; anything else is refused with 415 rather than half-read.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'application/geo+json', 'application/merge-patch+json'], { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(badRequest('invalid_json', 'The request body is empty; send a JSON object.'), undefined);
    if (jsonDepthExceeds(text, MAX_DEPTH)) return done(badRequest('json_too_deep', `The JSON is nested more than ${MAX_DEPTH} levels deep.`), undefined);
    try {
      // Reject prototype-poisoning keys rather than merging them into objects later.
      const parsed = JSON.parse(text, (k, v) => {
        if (k === '__proto__' || k === 'constructor') throw badRequest('forbidden_key', `The key "${k}" is not allowed.`);
        return v;
      });
      done(null, parsed);
    } catch (err) {
      done(err instanceof Error && 'status' in err ? err : badRequest('invalid_json', 'The request body is not valid JSON.'), undefined);
    }
  });
}
