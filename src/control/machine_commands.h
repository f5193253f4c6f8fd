// The VM-wide commands of the control socket:
//   {"execute": "stats"}  per-hart instruction counts, guest RAM, and this process's host memory
//                         (VmRSS, RssAnon, RssShmem: guest RAM is private anonymous memory, so
//                         RssAnon is what the balloon shrinks)
//   {"execute": "quit"}   ends the run (exit status 0), as Ctrl-A x does
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "control/command_table.h"
#include "machine/machine.h"

namespace strata::control {

struct HostMemory {
  uint64_t rss_kib = 0;
  uint64_t rss_anon_kib = 0;
  uint64_t rss_shmem_kib = 0;
};
// Parses the VmRSS, RssAnon and RssShmem lines of a /proc/PID/status text; missing lines read 0.
HostMemory parse_host_memory(std::string_view proc_status);

void add_machine_commands(CommandTable& table, machine::Machine& machine);

}  // namespace strata::control
