#include "support/review_database.hpp"

#include <fmt/format.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "certintake/archive/archive.hpp"
#include "certintake/core/models.hpp"
#include "certintake/review/review.hpp"
#include "certintake/rules/rule_engine.hpp"
#include "certintake/rules/serialise.hpp"
#include "certintake/serve/accounts.hpp"
#include "certintake/store/store.hpp"

namespace certintake::testing {

rules::CertificateFacts Meeting(const std::string& event_id, const std::string& date) {
  rules::CertificateFacts facts;
  facts.kind = event_id.starts_with("equipment") ? rules::Kind::kCourse : rules::Kind::kAttendance;
  facts.event_id = event_id;
  facts.date = date;
  facts.attendance = rules::Attendance::kOnsite;
  return facts;
}

ReviewDatabase MakeReviewDatabase(const std::filesystem::path& dir) {
  ReviewDatabase made;
  const std::filesystem::path scan = dir / "100001.png";
  cv::Mat page(1100, 850, CV_8UC3, cv::Scalar(255, 255, 255));
  cv::rectangle(page, cv::Rect(85, 110, 340, 220), cv::Scalar(40, 40, 200), cv::FILLED);  // piece 1, in red
  cv::imwrite(scan.string(), page);
  const archive::ArchivedFile archived = archive::Archive(dir / "archive").Store(scan);

  store::Store store = store::Store::Open(dir / "c.db");
  store.UpsertMember(Member{.member_id = "100001",
                            .name = "山田 花子",
                            .name_kana = "ヤマダ ハナコ",
                            .cert_start = "2020-04-01",
                            .cert_end = "2025-03-31",
                            .fees_paid = true});
  const store::RunId run = store.BeginRun("ingest", {"test", "", "", "", ""});
  store::FileRecord file;
  file.sha256 = archived.sha256;
  file.name = "100001.png";
  file.source_path = scan.string();
  file.format = "PNG";
  file.received = "2025-01-15";
  const store::FileId file_id = store.AddFile(file, run);
  made.application = store.FindOrAddApplication("100001", "2025-01-15", run);
  store::PageRecord page_record;
  page_record.file_id = file_id;
  page_record.index = 1;
  page_record.application_id = made.application;
  page_record.role = "certificate_sheet";
  page_record.width_px = 850;
  page_record.height_px = 1100;
  made.page = store.AddPage(page_record);

  std::vector<rules::CertificateFacts> pieces = {
      Meeting("jgets-national", "2023-05-13"), Meeting("jgets-branch-kanto", "2022-11-05"),
      Meeting("jgets-branch-tohoku", "2021-10-02"), Meeting("equipment-basic", "2022-07-10")};
  pieces[2].date = "2012-10-02";  // misread: outside the period, and not sure of it
  pieces[2].date_sure = false;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    store::CertificateRecord record;
    record.run = run;
    record.page_id = made.page;
    record.application_id = made.application;
    record.stable_id = fmt::format("piece-{}", i + 1);
    pieces[i].id = record.stable_id;
    record.bbox[0] = 0.1;
    record.bbox[1] = 0.1;
    record.bbox[2] = 0.5;
    record.bbox[3] = 0.3;
    record.kind = rules::KindCode(pieces[i].kind);
    record.category = "jgets_meeting";
    record.attendance = "onsite";
    record.name_instrument = "ink";
    record.facts_json = rules::FactsToJson(pieces[i]).dump();
    record.reading_json = "{}";
    made.certificates.push_back(store.AddCertificate(record));
  }
  const rules::Catalog catalog = rules::LoadCatalog(ModelsDirectory() / "catalog.json");
  const store::ApplicationRecord application = *store.FindApplication(made.application);
  store.AddVerdict(review::VerdictRecordOf(rules::Decide(review::FactsOf(store, application, catalog, false), catalog),
                                           made.application, run));
  page_record.index = 2;
  page_record.application_id.reset();
  made.unassigned_page = store.AddPage(page_record);

  for (const char* role : {"staff", "reviewer", "auditor", "admin"}) {
    serve::AddUser(store, role, *serve::RoleFromName(role), kReviewPassword);
  }
  return made;
}

}  // namespace certintake::testing
