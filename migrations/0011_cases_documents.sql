-- Enforcement cases, second step: what a document promised is kept with it, and an issued
-- document can no longer be changed.

-- The terms a document states (deadline, proposed fine, periods, hearing right, fine). The case
-- takes them from the document that was actually served, never from whatever was typed last.
ALTER TABLE case_documents ADD COLUMN terms jsonb NOT NULL DEFAULT '{}'::jsonb;

-- The stored hash is the hash of the stored text, whoever writes the row.
ALTER TABLE case_documents ADD CONSTRAINT case_documents_hash_matches
  CHECK (sha256 = encode(sha256(convert_to(content_html, 'UTF8')), 'hex'));

-- A document is evidence: its text, number and terms never change, it is never deleted, and
-- its service is recorded once.
CREATE FUNCTION case_documents_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'case document % may not be deleted', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.case_id, NEW.kind, NEW.number, NEW.content_html, NEW.sha256, NEW.issued_by, NEW.issued_at, NEW.terms)
     IS DISTINCT FROM (OLD.case_id, OLD.kind, OLD.number, OLD.content_html, OLD.sha256, OLD.issued_by, OLD.issued_at, OLD.terms) THEN
    RAISE EXCEPTION 'case document % is issued and may not be changed', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.served_on IS NOT NULL AND (NEW.service_method, NEW.served_on, NEW.served_to, NEW.service_note, NEW.recorded_by)
     IS DISTINCT FROM (OLD.service_method, OLD.served_on, OLD.served_to, OLD.service_note, OLD.recorded_by) THEN
    RAISE EXCEPTION 'the service of case document % is already recorded', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_documents_fixed BEFORE UPDATE OR DELETE ON case_documents
  FOR EACH ROW EXECUTE FUNCTION case_documents_fixed();
CREATE TRIGGER case_documents_no_truncate BEFORE TRUNCATE ON case_documents
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- The overdue surfaces and the job look cases up by their deadlines.
CREATE INDEX cases_payment_due_idx ON cases (payment_due_on) WHERE state IN ('decision_served', 'overdue');
CREATE INDEX cases_correction_deadline_idx ON cases (correction_deadline) WHERE state IN ('ordered', 'correction_submitted');
