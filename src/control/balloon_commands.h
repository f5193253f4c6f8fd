// The balloon commands of the control socket:
//   {"execute": "balloon", "target_mib": N}   ask the guest to give N MiB back (0: deflate all)
//   {"execute": "query-balloon"}              target, actual, RAM and the guest's statistics;
//                                             "refresh_stats": false skips asking for new ones
#pragma once

#include "control/balloon_control.h"
#include "control/command_table.h"

namespace strata::control {

// `balloon` may be null (no --balloon): the commands then answer with an Unavailable error.
// It must outlive `table`'s use.
void add_balloon_commands(CommandTable& table, BalloonControl* balloon);

}  // namespace strata::control
