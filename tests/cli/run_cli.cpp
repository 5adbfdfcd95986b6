#include "run_cli.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "support/temp_dir.hpp"

namespace certintake::testing {
namespace {

std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted.append("'\\''");
    } else {
      quoted.push_back(c);
    }
  }
  quoted.push_back('\'');
  return quoted;
}

}  // namespace

CliResult RunCli(const std::filesystem::path& working_dir, const std::vector<std::string>& arguments,
                 const std::string& input) {
  const std::filesystem::path in = working_dir / ".cli-in";
  WriteFile(in, input);
  const std::filesystem::path out = working_dir / ".cli-out";
  const std::filesystem::path err = working_dir / ".cli-err";
  const bool via_terminal = !arguments.empty() && arguments.front() == "--via-terminal";
  std::string certintake = ShellQuote(CERTINTAKE_BINARY);
  for (std::size_t i = via_terminal ? 1 : 0; i < arguments.size(); ++i) {
    certintake += " " + ShellQuote(arguments[i]);
  }
  std::string command = "cd " + ShellQuote(working_dir.string()) + " && ";
  if (via_terminal) {
    command += "script -qec " + ShellQuote(certintake) + " /dev/null";
  } else {
    command += certintake;
  }
  command += " <" + ShellQuote(in.string()) + " >" + ShellQuote(out.string()) + " 2>" + ShellQuote(err.string());
  const int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(out);
  result.err = ReadFile(err);
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return result;
}

int StartCli(const std::filesystem::path& working_dir, const std::vector<std::string>& arguments) {
  std::vector<std::string> words = {CERTINTAKE_BINARY};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    // The child: only async-signal-safe calls until exec.
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, STDIN_FILENO);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    if (::chdir(working_dir.c_str()) != 0) ::_exit(127);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

}  // namespace certintake::testing
