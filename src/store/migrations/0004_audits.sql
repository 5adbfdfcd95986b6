-- certintake schema, version 4: audit runs. An audit re-reads archived originals into its own run
-- (certificates and verdicts with its run_id; current_verdicts is left alone) and keeps, per file,
-- what became of it, so an interrupted audit resumes where it stopped.
ALTER TABLE runs ADD COLUMN filter_json TEXT;   -- audit: {"since", "until", "member"}

CREATE TABLE audit_files (
  run_id   INTEGER NOT NULL REFERENCES runs(id),
  file_id  INTEGER NOT NULL REFERENCES files(id),
  outcome  TEXT NOT NULL CHECK (outcome IN ('audited', 'missing', 'altered', 'unreadable')),
  message  TEXT,
  PRIMARY KEY (run_id, file_id)
);

-- What the audit saw of each page: its role and turn may differ from the ingest's.
CREATE TABLE audit_pages (
  run_id    INTEGER NOT NULL REFERENCES runs(id),
  page_id   INTEGER NOT NULL REFERENCES pages(id),
  role      TEXT NOT NULL,
  rotation  INTEGER,
  error     TEXT,
  PRIMARY KEY (run_id, page_id)
);
