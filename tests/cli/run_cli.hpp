#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace certintake::testing {

/// What one run of the certintake binary did.
struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs the certintake binary built with the tests, in `working_dir`, with `arguments`. With
/// "--via-terminal" first, it runs on a pseudo-terminal and everything it writes lands in `out`.
/// `input` is its standard input.
CliResult RunCli(const std::filesystem::path& working_dir, const std::vector<std::string>& arguments,
                 const std::string& input = {});

/// Starts the certintake binary in `working_dir` with `arguments`, its output discarded, and
/// returns at once with its process id (for tests that kill it).
int StartCli(const std::filesystem::path& working_dir, const std::vector<std::string>& arguments);

}  // namespace certintake::testing
