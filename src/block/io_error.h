// The error a block back end returns for one request: the errno (so a front end can tell
// "unsupported" from "I/O error") and a one-line message for the log.
#pragma once

#include <cerrno>
#include <cstring>
#include <expected>
#include <string>
#include <utility>

#include <fmt/format.h>

namespace strata::block {

struct IoError {
  int code = EIO;  // errno value
  std::string message;
};

template <typename T>
using IoResult = std::expected<T, IoError>;

template <typename... Args>
[[nodiscard]] std::unexpected<IoError> io_fail(int code, fmt::format_string<Args...> format,
                                               Args&&... args) {
  return std::unexpected(IoError{code, fmt::format(format, std::forward<Args>(args)...)});
}

}  // namespace strata::block
