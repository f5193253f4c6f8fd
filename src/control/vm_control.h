// The control socket of one running VM: its command table (machine and balloon commands) and the
// server. `strata run --control unix:PATH` starts one; see docs/control.md.
#pragma once

#include <memory>
#include <string_view>

#include "control/command_table.h"
#include "control/control_server.h"
#include "machine/machine.h"
#include "util/error.h"

namespace strata::control {

class VmControl final {
 public:
  // Serves `machine` (which must outlive the result) on `spec` ("unix:PATH").
  [[nodiscard]] static Result<std::unique_ptr<VmControl>> start(std::string_view spec,
                                                                machine::Machine& machine);

 private:
  VmControl() = default;
  CommandTable table_;
  std::unique_ptr<ControlServer> server_;  // after table_: stops before the table goes
};

}  // namespace strata::control
