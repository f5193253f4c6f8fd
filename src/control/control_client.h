// The client side of the control socket, for `strata ctl` and the tests: sends request lines and
// reads one reply line for each.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "backend/unique_fd.h"
#include "util/error.h"

namespace strata::control {

class ControlClient final {
 public:
  // `socket_path` is the PATH of `--control unix:PATH` (a leading "unix:" is accepted too).
  [[nodiscard]] static Result<ControlClient> connect(std::string_view socket_path);

  // Sends `request` (one line; a newline is added) and waits up to `timeout` for the reply line,
  // which it returns without its newline.
  [[nodiscard]] Result<std::string> exchange(std::string_view request,
                                             std::chrono::milliseconds timeout);

 private:
  explicit ControlClient(backend::UniqueFd fd) : fd_(std::move(fd)) {}
  backend::UniqueFd fd_;
  std::string pending_;  // bytes after the last reply line
};

// `strata ctl --socket PATH REQUEST...`: prints each reply on stdout. Returns the exit status: 0
// when every reply is a "return", 1 when one is an "error", 2 when the socket fails.
int run_ctl(std::string_view socket_path, const std::vector<std::string>& requests,
            double timeout_seconds);

}  // namespace strata::control
