// The console escape commands of the stdio back end, as in QEMU: Ctrl-A starts a command.
//   Ctrl-A x       quit (the on_quit callback; strata stops the VM)
//   Ctrl-A Ctrl-A  send one Ctrl-A to the guest
//   Ctrl-A h       print the list of commands
// Any other key after Ctrl-A is swallowed, as QEMU does.
#pragma once

#include <functional>

#include "backend/fd_char_backend.h"

namespace strata::backend {

class EscapeFilter final : public InputFilter {
 public:
  static constexpr uint8_t kEscape = 0x01;  // Ctrl-A

  // `on_quit` runs on the back end's I/O thread: it should ask the machine to stop and return,
  // not destroy the back end.
  explicit EscapeFilter(std::function<void()> on_quit) : on_quit_(std::move(on_quit)) {}

  void filter(std::span<const uint8_t> from_host, std::vector<uint8_t>& to_guest,
              std::vector<uint8_t>& to_host) override;

 private:
  std::function<void()> on_quit_;
  bool after_escape_ = false;  // the previous byte was a lone Ctrl-A (commands may span reads)
};

}  // namespace strata::backend
