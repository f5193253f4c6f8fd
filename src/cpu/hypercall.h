// The monitor's side of paravirtualization: when strata boots a kernel without M-mode firmware,
// an ECALL from S-mode is a hypercall answered by the monitor (the SBI) instead of a trap to M.
#pragma once

namespace strata::cpu {

class Hart;

class HypercallHandler {
 public:
  virtual ~HypercallHandler() = default;
  // Serves the hypercall; on entry hart.s.pc is already the instruction after the ECALL.
  virtual void hypercall(Hart& hart) = 0;
};

}  // namespace strata::cpu
