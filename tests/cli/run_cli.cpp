#include "run_cli.hpp"

#include <sys/wait.h>

#include <cstdlib>

#include "support/temp_dir.hpp"

namespace certintake::testing {
namespace {

std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

}  // namespace

CliResult RunCli(const std::filesystem::path& working_dir, const std::vector<std::string>& arguments) {
  const std::filesystem::path out = working_dir / ".cli-out";
  const std::filesystem::path err = working_dir / ".cli-err";
  std::string command = "cd " + ShellQuote(working_dir.string()) + " && " + ShellQuote(CERTINTAKE_BINARY);
  for (const std::string& argument : arguments) {
    command += " " + ShellQuote(argument);
  }
  command += " </dev/null >" + ShellQuote(out.string()) + " 2>" + ShellQuote(err.string());
  const int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(out);
  result.err = ReadFile(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return result;
}

}  // namespace certintake::testing
