// `strata switch --socket PATH`: runs a virtual Ethernet switch that VMs join with
// `--net switch:PATH` (docs/network.md).
#pragma once

#include <memory>
#include <string>

namespace CLI {
class App;
}

namespace strata::cli {

struct SwitchOptions {
  std::string socket;
  bool verbose = false;
};

// Adds the subcommand to `app`; its options are filled in when the command line is parsed.
std::shared_ptr<SwitchOptions> add_switch_command(CLI::App& app);

// Runs the switch until SIGINT or SIGTERM; returns the process exit status.
int run_switch(const SwitchOptions& options);

}  // namespace strata::cli
