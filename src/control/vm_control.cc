#include "control/vm_control.h"

#include "control/balloon_commands.h"
#include "control/machine_commands.h"

namespace strata::control {

Result<std::unique_ptr<VmControl>> VmControl::start(std::string_view spec,
                                                    machine::Machine& machine) {
  std::unique_ptr<VmControl> control(new VmControl());
  add_machine_commands(control->table_, machine);
  // The first balloon device, if any (one is all a VM needs).
  BalloonControl* balloon = nullptr;
  for (size_t i = 0; i < machine.virtio_count() && balloon == nullptr; ++i) {
    balloon = dynamic_cast<BalloonControl*>(&machine.virtio_transport(i).device());
  }
  add_balloon_commands(control->table_, balloon);
  auto server = ControlServer::create(spec, control->table_);
  if (!server) return std::unexpected(server.error());
  control->server_ = std::move(*server);
  return control;
}

}  // namespace strata::control
