// A console connected to nothing: output is discarded (by design, so not counted as dropped) and
// there is never input. For machines whose UART nobody watches.
#pragma once

#include "backend/char_backend.h"

namespace strata::backend {

class NullBackend final : public CharBackend {
 public:
  void write(std::span<const uint8_t> /*bytes*/) override {}
  void set_receiver(Receiver /*receiver*/) override {}
  void resume_input() override {}
  uint64_t dropped_output() const override { return 0; }
  bool connected() const override { return false; }
};

}  // namespace strata::backend
