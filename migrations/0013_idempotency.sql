-- Idempotency keys: a client that lost the answer to a POST sends it again with the same
-- Idempotency-Key and gets the first answer back instead of a second write.
--
-- A row is inserted by the first write transaction of the request, in that same transaction,
-- so "the key is used" and "the write happened" commit or vanish together. The answer is
-- added right after the handler (response_*), in a separate statement; a row that committed
-- without an answer is either still being answered or lost its answer to a crash.

CREATE TABLE idempotency_keys (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Who: 'user:<id>', 'token:<id>' or 'anonymous'; a key belongs to one caller only.
  principal        text NOT NULL CHECK (char_length(principal) <= 64),
  method           text NOT NULL CHECK (method ~ '^[A-Z]{3,7}$'),
  -- The route pattern (e.g. /api/claims/:id/photos); the concrete URL is part of the fingerprint.
  route            text NOT NULL CHECK (char_length(route) <= 300),
  key              text NOT NULL CHECK (key ~ '^[A-Za-z0-9_:.-]{8,128}$'),
  -- SHA-256 of the URL and the canonical body (JSON) or the raw parts (multipart).
  fingerprint      text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
  request_id       text CHECK (char_length(request_id) <= 100),
  created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  response_status  smallint CHECK (response_status BETWEEN 100 AND 599),
  response_headers jsonb,
  response_body    bytea,
  completed_at     timestamptz,
  CONSTRAINT idempotency_keys_scope_key UNIQUE (principal, method, route, key),
  CONSTRAINT idempotency_keys_response_whole CHECK ((response_status IS NULL) = (completed_at IS NULL))
);
-- The purge job deletes by age.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
