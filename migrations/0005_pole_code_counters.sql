-- Pole codes are numbered per district (LC-DCF-000124). Taking max()+1 races under concurrent
-- inserts; a counter row per prefix serialises numbering through its row lock instead.
CREATE TABLE pole_code_counters (
  prefix text PRIMARY KEY,
  last   integer NOT NULL CHECK (last >= 0)
);
