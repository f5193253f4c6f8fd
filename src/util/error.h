// The error type every fallible operation returns through std::expected. The message is what the
// user sees: one line, saying what was wrong and with what.
#pragma once

#include <expected>
#include <string>
#include <utility>

#include <fmt/format.h>

namespace strata {

struct Error {
  std::string message;
};

template <typename T>
using Result = std::expected<T, Error>;

template <typename... Args>
[[nodiscard]] std::unexpected<Error> fail(fmt::format_string<Args...> format, Args&&... args) {
  return std::unexpected(Error{fmt::format(format, std::forward<Args>(args)...)});
}

}  // namespace strata
