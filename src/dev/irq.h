// Interrupt wiring between device front ends and the interrupt controller.
#pragma once

namespace strata::dev {

// A level-triggered interrupt controller input side (the PLIC).
class InterruptController {
 public:
  virtual ~InterruptController() = default;
  // Sets the level of interrupt source `source` (1-based, as on the PLIC). Any thread may call it.
  virtual void set_level(unsigned source, bool asserted) = 0;
};

// One device's interrupt output: a controller and a source number. A default-constructed line is
// not connected and ignores set().
struct IrqLine {
  InterruptController* controller = nullptr;
  unsigned source = 0;

  void set(bool asserted) const {
    if (controller != nullptr) controller->set_level(source, asserted);
  }
};

}  // namespace strata::dev
