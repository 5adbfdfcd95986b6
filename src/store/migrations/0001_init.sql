-- certintake schema, version 1: the whole mission's tables, filled stage by stage.
-- Conventions: dates are 'YYYY-MM-DD' text, times are ISO 8601 UTC text, ids are integers.

-- Every ingest or audit is a run; results of one run are never overwritten by a later one.
CREATE TABLE runs (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('ingest', 'audit')),
  started_at        TEXT NOT NULL,
  finished_at       TEXT,
  pipeline_version  TEXT NOT NULL,
  catalog_version   TEXT,
  catalog_sha256    TEXT,
  config_sha256     TEXT,
  ocr_version       TEXT,
  status            TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished', 'interrupted'))
);

-- One row per distinct input file (by content). The original sits in the archive under sha256.
CREATE TABLE files (
  id             INTEGER PRIMARY KEY,
  sha256         TEXT NOT NULL UNIQUE,
  name           TEXT NOT NULL,          -- base name as given, e.g. batch1.pdf
  source_path    TEXT NOT NULL,          -- where it was read from
  size_bytes     INTEGER NOT NULL,
  format         TEXT NOT NULL,          -- PDF, TIFF, PNG, JPEG or unsupported
  received       TEXT NOT NULL,          -- arrival date of the mail it came in
  run_id         INTEGER NOT NULL REFERENCES runs(id),
  page_count     INTEGER NOT NULL DEFAULT 0,
  status         TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'failed')),
  error          TEXT                     -- the one-line reason when the whole file failed
);

CREATE TABLE members (
  member_id   TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  name_kana   TEXT NOT NULL,
  cert_start  TEXT NOT NULL,
  cert_end    TEXT NOT NULL,              -- includes any leave-of-absence extension
  fees_paid   INTEGER NOT NULL CHECK (fees_paid IN (0, 1)),
  updated_at  TEXT NOT NULL
);

-- Points already recorded in the member system (attendance history CSV).
CREATE TABLE attendance_history (
  id         INTEGER PRIMARY KEY,
  member_id  TEXT NOT NULL,
  event_id   TEXT NOT NULL,
  date       TEXT NOT NULL,
  points     INTEGER NOT NULL,
  UNIQUE (member_id, event_id, date)
);

-- One mailed application: a member's pages received on one day. member_id need not be registered
-- (the rules then give unknown_member).
CREATE TABLE applications (
  id          INTEGER PRIMARY KEY,
  member_id   TEXT NOT NULL,
  received    TEXT NOT NULL,
  created_run INTEGER NOT NULL REFERENCES runs(id),
  UNIQUE (member_id, received)
);

CREATE TABLE pages (
  id              INTEGER PRIMARY KEY,
  file_id         INTEGER NOT NULL REFERENCES files(id),
  page_index      INTEGER NOT NULL,       -- 1-based within the file
  application_id  INTEGER REFERENCES applications(id),  -- NULL: unassigned, shown to staff
  role            TEXT NOT NULL DEFAULT 'other'
                  CHECK (role IN ('separator', 'application_form', 'certificate_sheet', 'check_sheet', 'other')),
  dpi             REAL,
  dpi_source      TEXT CHECK (dpi_source IN ('file', 'assumed')),
  width_px        INTEGER,
  height_px       INTEGER,
  colour          INTEGER CHECK (colour IN (0, 1)),
  error           TEXT,                   -- the one-line reason when the page could not be read
  UNIQUE (file_id, page_index)
);
CREATE INDEX pages_by_application ON pages(application_id);

-- Per-run results below: never updated in place by a later run.
CREATE TABLE certificates (
  id               INTEGER PRIMARY KEY,
  run_id           INTEGER NOT NULL REFERENCES runs(id),
  page_id          INTEGER NOT NULL REFERENCES pages(id),
  application_id   INTEGER REFERENCES applications(id),
  stable_id        TEXT NOT NULL,          -- same piece, same id across runs
  bbox_x0 REAL NOT NULL, bbox_y0 REAL NOT NULL, bbox_x1 REAL NOT NULL, bbox_y1 REAL NOT NULL,
  quad_json        TEXT,                   -- rotated rectangle in scanned page pixels
  kind             TEXT CHECK (kind IN ('attendance', 'course', 'receipt', 'other')),
  category         TEXT CHECK (category IN ('jgets_meeting', 'related_society', 'equipment_course', 'unknown')),
  event_id         TEXT,
  event_text       TEXT,
  date             TEXT,
  attendance       TEXT CHECK (attendance IN ('web', 'onsite', 'unknown')),
  issuer           TEXT,
  name_present     INTEGER,
  name_instrument  TEXT CHECK (name_instrument IN ('ink', 'pencil', 'none', 'unknown')),
  copy_suspected   INTEGER,
  confidence       REAL,
  fields_json      TEXT,                   -- the facts the rules read, each with whether it is sure
  reading_json     TEXT,                   -- the evidence: OCR text and confidences, matched names
  UNIQUE (run_id, stable_id)
);
CREATE INDEX certificates_by_application ON certificates(application_id, run_id);

-- Each evidence check's measurement: what was looked at, the value, the threshold, the finding.
CREATE TABLE evidence (
  id              INTEGER PRIMARY KEY,
  certificate_id  INTEGER NOT NULL REFERENCES certificates(id),
  check_id        TEXT NOT NULL,
  value           REAL,
  threshold       REAL,
  finding         TEXT NOT NULL CHECK (finding IN ('pass', 'fail', 'inconclusive')),
  region_json     TEXT,
  message_ja      TEXT NOT NULL
);

CREATE TABLE verdicts (
  id               INTEGER PRIMARY KEY,
  run_id           INTEGER NOT NULL REFERENCES runs(id),
  application_id   INTEGER NOT NULL REFERENCES applications(id),
  decision         TEXT NOT NULL CHECK (decision IN ('approve', 'deficient', 'needs_review')),
  reasons_json     TEXT NOT NULL,
  tally_json       TEXT NOT NULL,
  counted_json     TEXT NOT NULL,          -- per certificate: points, counted, flags, explanation
  catalog_version  TEXT,
  catalog_sha256   TEXT,
  created_at       TEXT NOT NULL,
  UNIQUE (run_id, application_id)
);

-- The explicit pointer to each application's current result.
CREATE TABLE current_verdicts (
  application_id  INTEGER PRIMARY KEY REFERENCES applications(id),
  verdict_id      INTEGER NOT NULL REFERENCES verdicts(id)
);

CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  role           TEXT NOT NULL CHECK (role IN ('staff', 'reviewer', 'auditor', 'admin')),
  password_hash  TEXT NOT NULL,
  created_at     TEXT NOT NULL
);

CREATE TABLE sessions (
  token_sha256  TEXT PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id),
  csrf_token    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  expires_at    TEXT NOT NULL
);

-- Append-only trail of every reviewer action.
CREATE TABLE reviews (
  id              INTEGER PRIMARY KEY,
  application_id  INTEGER NOT NULL REFERENCES applications(id),
  certificate_id  INTEGER REFERENCES certificates(id),
  user_id         INTEGER NOT NULL REFERENCES users(id),
  at              TEXT NOT NULL,
  action          TEXT NOT NULL,           -- confirm_field, correct_field, decide, assign_page, ...
  field           TEXT,
  before_json     TEXT,
  after_json      TEXT
);
CREATE TRIGGER reviews_append_only_update BEFORE UPDATE ON reviews
  BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER reviews_append_only_delete BEFORE DELETE ON reviews
  BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;

-- Every input problem, with the one line shown to the clerk.
CREATE TABLE input_errors (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES runs(id),
  file_name   TEXT NOT NULL,
  file_id     INTEGER REFERENCES files(id),
  page_index  INTEGER,
  message     TEXT NOT NULL,
  at          TEXT NOT NULL
);
