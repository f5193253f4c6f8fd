#include "control/command_table.h"

#include <fmt/format.h>

#include <utility>

namespace strata::control {
namespace {

// Names and messages quoted back from a request are cut to this many bytes, so a hostile line
// cannot make a reply as large as itself.
constexpr size_t kQuoteLimit = 64;

std::string quote(std::string_view text) {
  if (text.size() <= kQuoteLimit) return std::string(text);
  return fmt::format("{}...", text.substr(0, kQuoteLimit));
}

// Serializes without throwing: invalid UTF-8 (which a parsed request cannot hold, but a handler's
// message might) is replaced rather than raising an exception.
std::string to_line(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json error_reply(const CommandError& error) {
  return Json{{"error", {{"class", error_class_name(error.error_class)}, {"desc", error.desc}}}};
}

}  // namespace

std::string_view error_class_name(ErrorClass error_class) {
  switch (error_class) {
    case ErrorClass::kParseError: return "ParseError";
    case ErrorClass::kInvalidRequest: return "InvalidRequest";
    case ErrorClass::kCommandNotFound: return "CommandNotFound";
    case ErrorClass::kInvalidArgument: return "InvalidArgument";
    case ErrorClass::kUnavailable: return "Unavailable";
    case ErrorClass::kFailed: return "Failed";
  }
  return "Failed";
}

std::string error_line(ErrorClass error_class, std::string_view desc) {
  return to_line(error_reply({error_class, std::string(desc)}));
}

void CommandTable::add(std::string name, std::string help, CommandHandler handler) {
  commands_[std::move(name)] = Command{std::move(help), std::move(handler)};
}

std::vector<std::string> CommandTable::names() const {
  std::vector<std::string> names;
  names.reserve(commands_.size());
  for (const auto& entry : commands_) names.push_back(entry.first);
  return names;
}

std::string CommandTable::handle_line(std::string_view line) const {
  Json request;
  try {
    request = Json::parse(line);
  } catch (const Json::exception& e) {
    // nlohmann's messages start with "[json.exception.parse_error.101] "; keep the readable part.
    std::string_view what = e.what();
    if (const size_t close = what.find("] "); close != std::string_view::npos) {
      what.remove_prefix(close + 2);
    }
    return to_line(error_reply({ErrorClass::kParseError, quote(what)}));
  }

  Json reply;
  const auto id = request.is_object() ? request.find("id") : request.end();
  if (!request.is_object()) {
    reply = error_reply({ErrorClass::kInvalidRequest,
                         R"(a request is a JSON object: {"execute": "COMMAND", ...})"});
  } else if (id != request.end() && !id->is_primitive()) {
    // Replies echo the id; a nested one could be as deep as the line is long.
    reply = error_reply({ErrorClass::kInvalidRequest, R"("id" must be a string or a number)"});
  } else if (const auto execute = request.find("execute");
             execute == request.end() || !execute->is_string()) {
    reply =
        error_reply({ErrorClass::kInvalidRequest, R"(the request has no "execute": "COMMAND")"});
  } else {
    const auto& name = execute->get_ref<const std::string&>();
    if (name == "help") {
      Json list = Json::object();
      for (const auto& [command, entry] : commands_) list[command] = entry.help;
      list["help"] = "lists the commands";
      reply = Json{{"return", std::move(list)}};
    } else if (const auto command = commands_.find(name); command == commands_.end()) {
      reply = error_reply({ErrorClass::kCommandNotFound,
                           fmt::format("unknown command '{}' (\"help\" lists them)", quote(name))});
    } else {
      CommandResult result;
      try {
        result = command->second.handler(request);
      } catch (const Json::exception& e) {
        // A handler bug (a type assumption about the request); the request gets the blame and
        // the server goes on.
        result = std::unexpected(CommandError{ErrorClass::kInvalidArgument, quote(e.what())});
      }
      reply = result ? Json{{"return", std::move(*result)}} : error_reply(result.error());
    }
  }
  if (id != request.end() && id->is_primitive()) reply["id"] = *id;
  return to_line(reply);
}

std::expected<uint64_t, CommandError> unsigned_argument(const Json& request,
                                                        std::string_view name) {
  const auto value = request.find(name);
  if (value == request.end()) {
    return std::unexpected(
        CommandError{ErrorClass::kInvalidArgument, fmt::format("missing argument '{}'", name)});
  }
  if (!value->is_number_unsigned()) {
    return std::unexpected(
        CommandError{ErrorClass::kInvalidArgument,
                     fmt::format("argument '{}' must be a non-negative integer, not {}", name,
                                 value->is_number() ? "this number" : value->type_name())});
  }
  return value->get<uint64_t>();
}

std::expected<bool, CommandError> bool_argument(const Json& request, std::string_view name,
                                                bool fallback) {
  const auto value = request.find(name);
  if (value == request.end()) return fallback;
  if (!value->is_boolean()) {
    return std::unexpected(CommandError{ErrorClass::kInvalidArgument,
                                        fmt::format("argument '{}' must be true or false", name)});
  }
  return value->get<bool>();
}

}  // namespace strata::control
