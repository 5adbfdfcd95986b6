#pragma once

// Plain records the store reads and writes. Dates are "YYYY-MM-DD".

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "certintake/core/member.hpp"

namespace certintake::store {

using RunId = std::int64_t;
using FileId = std::int64_t;
using ApplicationId = std::int64_t;

using certintake::HistoryEntry;
using certintake::Member;

enum class FileStatus { kOk, kPartial, kFailed };

struct FileRecord {
  FileId id = 0;
  std::string sha256;
  std::string name;
  std::string source_path;
  std::uint64_t size_bytes = 0;
  std::string format;
  std::string received;
  int page_count = 0;
  FileStatus status = FileStatus::kOk;
  std::optional<std::string> error;
};

using PageId = std::int64_t;

struct PageRecord {
  PageId id = 0;  ///< filled when reading
  FileId file_id = 0;
  std::string file_name;    ///< filled when reading
  std::string file_sha256;  ///< filled when reading: the archived original
  int index = 0;
  std::optional<ApplicationId> application_id;
  std::string role = "other";
  std::optional<double> dpi;
  std::optional<std::string> dpi_source;
  std::optional<int> width_px;
  std::optional<int> height_px;
  std::optional<bool> colour;
  std::optional<std::string> error;
  std::optional<int> rotation_degrees;  ///< clockwise turn that stood the page upright
};

struct ApplicationRecord {
  ApplicationId id = 0;
  std::string member_id;
  std::string received;
  std::optional<Member> member;  ///< when registered
  std::vector<PageRecord> pages;
};

using CertificateId = std::int64_t;

/// One evidence check's measurement on a certificate (name, instrument, a copy sign).
struct EvidenceRecord {
  std::string check_id;
  std::optional<double> value;
  std::optional<double> threshold;
  std::string finding;      ///< pass, fail, inconclusive
  std::string region_json;  ///< [x0, y0, x1, y1], fractions of the certificate crop
  std::string message_ja;
};

/// One certificate found on a page, as read in one run. Bounding box in fractions of the page as
/// scanned (CONTRACT.md); `facts_json` holds what the rules read and `reading_json` the evidence
/// behind it (text, confidences, checks).
struct CertificateRecord {
  CertificateId id = 0;
  RunId run = 0;
  PageId page_id = 0;
  std::optional<ApplicationId> application_id;
  std::string stable_id;
  std::string file_name;  ///< filled when reading
  int page_index = 0;     ///< filled when reading
  double bbox[4] = {0, 0, 0, 0};
  std::string quad_json;
  std::string kind;
  std::string category;
  std::optional<std::string> event_id;
  std::string event_text;
  std::optional<std::string> date;
  std::string attendance;
  std::string issuer;
  std::optional<bool> name_present;
  std::string name_instrument;
  std::optional<bool> copy_suspected;
  double confidence = 0.0;
  std::string facts_json;
  std::string reading_json;
  std::vector<EvidenceRecord> evidence;  ///< stored with the certificate; ListEvidence reads them back
};

/// A verdict of one run on one application.
struct VerdictRecord {
  std::int64_t id = 0;
  RunId run = 0;
  ApplicationId application_id = 0;
  std::string decision;
  std::string reasons_json;
  std::string tally_json;
  std::string certificates_json;  ///< per certificate: stable id, points, counted, flags, explanation
  std::string catalog_version;
  std::string catalog_sha256;
  std::string created_at;
};

/// An input problem as shown to staff.
struct InputErrorRecord {
  RunId run = 0;
  std::string file_name;
  std::optional<int> page_index;
  std::string message;
  std::string at;
};

/// What produced a run's results, recorded with it.
struct RunVersions {
  std::string pipeline;
  std::string catalog;
  std::string catalog_sha256;
  std::string ocr;
  std::string config_sha256;  ///< pipeline::ConfigSha256
};

/// An ingest or audit run, with how far it got.
struct RunRecord {
  RunId id = 0;
  std::string kind;    ///< ingest, audit
  std::string status;  ///< running, finished, interrupted
  std::string started_at;
  std::optional<std::string> finished_at;
  int files = 0;  ///< files it archived (an audit: re-read) so far
  int pages = 0;  ///< their pages stored so far
  RunVersions versions;
  std::string filter_json;  ///< an audit's filter
};

/// What an audit made of one archived file.
struct AuditFileRecord {
  FileId file_id = 0;
  std::string file_name;  ///< filled when reading
  std::string outcome;    ///< audited, missing, altered, unreadable
  std::optional<std::string> message;
};

/// A page as an audit saw it.
struct AuditPageRecord {
  std::int64_t page_id = 0;
  std::string role;
  std::optional<int> rotation_degrees;
  std::optional<std::string> error;
};

using UserId = std::int64_t;

/// Someone who signs in to the review server. Roles: staff, reviewer, auditor, admin.
struct UserRecord {
  UserId id = 0;
  std::string name;
  std::string role;
  std::string password_hash;  ///< argon2id, libsodium's encoded form
  std::string created_at;
};

/// A signed-in browser: the cookie's token is kept only as its SHA-256.
struct SessionRecord {
  std::string token_sha256;
  UserId user_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string expires_at;  ///< ISO 8601 UTC
};

/// One reviewer action, append-only: who, when, what, before -> after (JSON values).
struct ReviewRecord {
  std::int64_t id = 0;
  ApplicationId application_id = 0;
  std::optional<CertificateId> certificate_id;
  UserId user_id = 0;
  std::string user_name;  ///< filled when reading
  std::string at;         ///< filled by the store when adding
  std::string action;     ///< confirm_field, correct_field, decide, assign_page
  std::string field;
  std::string before_json;
  std::string after_json;
};

}  // namespace certintake::store
