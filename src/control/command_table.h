// The control protocol: one JSON object per line in, one JSON object per line out.
//
// A request is {"execute": "NAME", ...arguments} with an optional "id" (any JSON value) that the
// reply echoes, so that a client may pipeline requests and, later, match replies of long-running
// commands (snapshots, migration) to the requests that started them. A reply is either
// {"return": VALUE} or {"error": {"class": CLASS, "desc": "one line"}}, plus the "id" if the
// request had one. The shape follows QEMU's QMP, so its users find their way around, without
// QMP's capabilities handshake.
//
// CommandTable only parses and dispatches; it never throws and never trusts its input: a line
// that is not JSON, not an object, lacks "execute", names an unknown command or carries wrong
// arguments gets an error reply. Handlers run on the caller's thread (the control server's).
#pragma once

#include <cstdint>
#include <expected>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace strata::control {

using Json = nlohmann::json;

// The "class" of an error reply.
enum class ErrorClass : uint8_t {
  kParseError,       // the line is not JSON
  kInvalidRequest,   // JSON, but not {"execute": "NAME", ...}
  kCommandNotFound,  // no command of that name
  kInvalidArgument,  // an argument is missing, of the wrong type or out of range
  kUnavailable,      // the command exists but cannot run now (no such device, driver not ready)
  kFailed,           // the command ran and failed
};

std::string_view error_class_name(ErrorClass error_class);

struct CommandError {
  ErrorClass error_class = ErrorClass::kFailed;
  std::string desc;
};

using CommandResult = std::expected<Json, CommandError>;
// Gets the whole request object (so it can read its arguments); returns the "return" value.
using CommandHandler = std::function<CommandResult(const Json& request)>;

class CommandTable final {
 public:
  // Registers `name`, replacing any earlier handler of that name. Not while lines are handled.
  void add(std::string name, std::string help, CommandHandler handler);

  // Handles one request line (without its newline) and returns the reply line (without one).
  std::string handle_line(std::string_view line) const;

  // The registered command names, sorted (the "help" command lists them with their help).
  std::vector<std::string> names() const;

 private:
  struct Command {
    std::string help;
    CommandHandler handler;
  };
  std::map<std::string, Command, std::less<>> commands_;
};

// An error reply line (without its newline), for errors found before a line reaches a table.
std::string error_line(ErrorClass error_class, std::string_view desc);

// Argument helpers for handlers: they produce kInvalidArgument errors that name the argument.
// An unsigned integer argument (JSON integers only: no floats, strings or negatives).
[[nodiscard]] std::expected<uint64_t, CommandError> unsigned_argument(const Json& request,
                                                                      std::string_view name);
// An optional boolean argument; `fallback` when absent.
[[nodiscard]] std::expected<bool, CommandError> bool_argument(const Json& request,
                                                              std::string_view name, bool fallback);

}  // namespace strata::control
