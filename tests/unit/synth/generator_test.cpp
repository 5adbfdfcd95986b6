#include "certintake/synth/generator.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "certintake/core/error.hpp"
#include "certintake/load/scan_reader.hpp"
#include "certintake/separate/separator.hpp"
#include "support/temp_dir.hpp"

namespace certintake::synth {
namespace {

using testing::ReadFile;
using testing::TempDir;

/// A few applications at the lowest resolution: enough for every check here, quick under
/// sanitizers.
SynthOptions SmallCorpus(const std::filesystem::path& out, std::uint64_t seed = 11, int applications = 3) {
  SynthOptions options;
  options.seed = seed;
  options.applications = applications;
  options.out = out;
  options.dpis = {200};
  return options;
}

std::map<std::string, std::string> FilesIn(const std::filesystem::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    files[entry.path().filename().string()] = ReadFile(entry.path());
  }
  return files;
}

TEST(GenerateCorpus, WritesTheSameBytesForTheSameSeed) {
  TempDir dir;
  GenerateCorpus(SmallCorpus(dir / "a"));
  GenerateCorpus(SmallCorpus(dir / "b"));
  const auto a = FilesIn(dir / "a");
  const auto b = FilesIn(dir / "b");
  ASSERT_GE(a.size(), 3U);  // at least one scan file, members.csv and labels.json
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [name, bytes] : a) {
    ASSERT_TRUE(b.count(name)) << name;
    EXPECT_TRUE(bytes == b.at(name)) << name << " differs between two runs with the same seed";
  }
}

TEST(GenerateCorpus, KeepsEveryBoundingBoxInsideItsPage) {
  TempDir dir;
  const Labels labels = GenerateCorpus(SmallCorpus(dir.path(), 5, 4));
  std::map<std::string, std::map<int, PageRole>> roles;
  for (const FileLabel& file : labels.files) {
    for (const PageLabel& page : file.pages) {
      roles[file.file][page.index] = page.role;
    }
  }
  int certificates = 0;
  for (const ApplicationLabel& application : labels.applications) {
    for (const CertificateTruth& c : application.certificates) {
      ++certificates;
      ASSERT_TRUE(roles.count(c.file)) << c.id << " is on a file that is not labelled: " << c.file;
      ASSERT_TRUE(roles.at(c.file).count(c.page)) << c.id << " is on a page that is not labelled";
      EXPECT_EQ(roles.at(c.file).at(c.page), PageRole::kCertificateSheet) << c.id;
      EXPECT_GE(c.bbox[0], 0.0) << c.id;
      EXPECT_GE(c.bbox[1], 0.0) << c.id;
      EXPECT_LE(c.bbox[2], 1.0) << c.id;
      EXPECT_LE(c.bbox[3], 1.0) << c.id;
      EXPECT_LT(c.bbox[0] + 0.02, c.bbox[2]) << c.id;
      EXPECT_LT(c.bbox[1] + 0.02, c.bbox[3]) << c.id;
    }
  }
  EXPECT_GT(certificates, 8);
}

TEST(GenerateCorpus, WritesFilesThatOpenWithTheirLabelledPagesAndResolution) {
  TempDir dir;
  const Labels labels = GenerateCorpus(SmallCorpus(dir.path(), 23, 4));
  std::set<std::string> formats;
  for (const FileLabel& file : labels.files) {
    formats.insert(file.format);
    auto reader = load::OpenScan(dir / file.file);
    ASSERT_EQ(reader->PageCount(), static_cast<int>(file.pages.size())) << file.file;
    const PageImage first = reader->ReadPage(1);
    EXPECT_EQ(first.dpi, file.pages.front().dpi) << file.file;
    EXPECT_EQ(first.dpi_source, DpiSource::kFile) << file.file;
    EXPECT_EQ(first.IsColour(), file.pages.front().colour) << file.file;
  }
  EXPECT_GE(formats.size(), 2U);
}

TEST(GenerateCorpus, PrintsAReadableQrCodeOnEverySeparatorSheet) {
  TempDir dir;
  const Labels labels = GenerateCorpus(SmallCorpus(dir.path(), 31, 4));
  int separators = 0;
  for (const FileLabel& file : labels.files) {
    auto reader = load::OpenScan(dir / file.file);
    for (const PageLabel& page : file.pages) {
      if (page.role != PageRole::kSeparator) {
        continue;
      }
      ++separators;
      const separate::SeparatorFinding finding = separate::FindSeparator(reader->ReadPage(page.index));
      EXPECT_EQ(finding.kind, separate::SeparatorFinding::Kind::kSeparator) << file.file << " page " << page.index;
      EXPECT_EQ(finding.member_id, page.member_id);
    }
  }
  EXPECT_GT(separators, 0);
}

TEST(GenerateCorpus, WritesTheRegisterWithEveryRegisteredApplicantAndNoOther) {
  TempDir dir;
  const Labels labels = GenerateCorpus(SmallCorpus(dir.path(), 3, 3));
  const std::string csv = ReadFile(dir / labels.members_csv);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "member_id,name,name_kana,cert_start,cert_end,fees_paid");
  for (const ApplicationLabel& application : labels.applications) {
    const bool listed = csv.find("\n" + application.member_id + ",") != std::string::npos;
    EXPECT_EQ(listed, application.registered) << application.member_id;
  }
  EXPECT_EQ(LabelsFromJson(ReadFile(dir / "labels.json")).applications.size(), labels.applications.size());
}

TEST(GenerateCorpus, RefusesAResolutionOutsideWhatScannersUse) {
  TempDir dir;
  SynthOptions options = SmallCorpus(dir.path());
  options.dpis = {1200};
  EXPECT_THROW(GenerateCorpus(options), Error);
}

// ---- the mix, over many applications (planned only: nothing is drawn) ----------------------

Labels ManyApplications() {
  SynthOptions options;
  options.seed = 2024;
  options.applications = 300;
  return PlanLabels(options);
}

TEST(PlanLabels, MakesRoughlyHalfTheApplicationsSound) {
  const Labels labels = ManyApplications();
  int approved = 0;
  for (const ApplicationLabel& application : labels.applications) {
    approved += application.expected.decision == Decision::kApprove ? 1 : 0;
  }
  const double share = approved / static_cast<double>(labels.applications.size());
  EXPECT_GT(share, 0.35);
  EXPECT_LT(share, 0.65);
}

TEST(PlanLabels, FailsApplicationsForEveryReasonAndFlagsEveryDefect) {
  const Labels labels = ManyApplications();
  std::set<Reason> reasons;
  std::set<CertificateFlag> flags;
  for (const ApplicationLabel& application : labels.applications) {
    reasons.insert(application.expected.reasons.begin(), application.expected.reasons.end());
    for (const CertificateTruth& c : application.certificates) {
      flags.insert(c.expected_flags.begin(), c.expected_flags.end());
    }
  }
  EXPECT_EQ(reasons.size(), 6U);
  EXPECT_EQ(flags.size(), 10U);
}

TEST(PlanLabels, UsesEveryCatalogEventEventsOutsideItAndEightDesigns) {
  const Labels labels = ManyApplications();
  std::set<std::string> events;
  std::set<std::string> designs;
  std::set<std::string> titles;
  int outside = 0;
  int month_only = 0;
  for (const ApplicationLabel& application : labels.applications) {
    for (const CertificateTruth& c : application.certificates) {
      designs.insert(c.design);
      titles.insert(c.title);
      if (c.event_id) {
        events.insert(*c.event_id);
      } else {
        ++outside;
      }
      month_only += c.date && c.date->month_only ? 1 : 0;
    }
  }
  EXPECT_EQ(events.size(), 23U);  // every id in models/catalog.json
  EXPECT_GT(outside, 0);
  EXPECT_GT(month_only, 0);
  EXPECT_GE(designs.size(), 8U);
  for (const char* title : {"出席証明書", "参加証", "参加証明書", "受講証明書", "修了証", "領収書"}) {
    EXPECT_TRUE(titles.count(title)) << title;
  }
}

TEST(PlanLabels, DependsOnTheSeed) {
  SynthOptions options;
  options.applications = 5;
  options.seed = 1;
  const std::string one = LabelsToJson(PlanLabels(options));
  options.seed = 2;
  EXPECT_NE(one, LabelsToJson(PlanLabels(options)));
}

TEST(LabelsFromJson, ReadsBackWhatLabelsToJsonWrote) {
  SynthOptions options;
  options.applications = 20;
  const std::string json = LabelsToJson(PlanLabels(options));
  EXPECT_EQ(LabelsToJson(LabelsFromJson(json)), json);
}

TEST(LabelsFromJson, NamesAWrongSchema) {
  try {
    LabelsFromJson(R"({"schema": "certintake.labels/9", "seed": 1, "received": "2025-01-15", "files": [],
                       "applications": []})");
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("certintake.labels/9"));
  }
}

}  // namespace
}  // namespace certintake::synth
