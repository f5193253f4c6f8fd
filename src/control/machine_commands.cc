#include "control/machine_commands.h"

#include <charconv>
#include <fstream>
#include <sstream>
#include <string>

namespace strata::control {
namespace {

uint64_t field_kib(std::string_view text, std::string_view key) {
  size_t at = 0;
  while ((at = text.find(key, at)) != std::string_view::npos) {
    if (at == 0 || text[at - 1] == '\n') break;
    at += key.size();
  }
  if (at == std::string_view::npos) return 0;
  std::string_view rest = text.substr(at + key.size());
  rest.remove_prefix(std::min(rest.find_first_not_of(" \t"), rest.size()));
  uint64_t value = 0;
  std::from_chars(rest.data(), rest.data() + rest.size(), value);
  return value;
}

HostMemory read_host_memory() {
  const std::ifstream file("/proc/self/status");
  std::stringstream text;
  text << file.rdbuf();
  return parse_host_memory(text.str());
}

}  // namespace

HostMemory parse_host_memory(std::string_view proc_status) {
  return HostMemory{field_kib(proc_status, "VmRSS:"), field_kib(proc_status, "RssAnon:"),
                    field_kib(proc_status, "RssShmem:")};
}

void add_machine_commands(CommandTable& table, machine::Machine& machine) {
  table.add("stats", "instructions per hart, guest RAM and the host memory this VM uses",
            [&machine](const Json&) -> CommandResult {
              Json harts = Json::array();
              for (unsigned h = 0; h < machine.harts(); ++h) {
                // Read while the hart runs, as --stats' final report reads it after the run: a
                // statistic that may lag by a block, not a synchronized value.
                harts.push_back({{"hart", h}, {"instret", machine.hart(h).s.instret}});
              }
              const HostMemory host = read_host_memory();
              return Json{{"harts", std::move(harts)},
                          {"ram_mib", machine.ram().size() >> 20},
                          {"host",
                           {{"rss_kib", host.rss_kib},
                            {"rss_anon_kib", host.rss_anon_kib},
                            {"rss_shmem_kib", host.rss_shmem_kib}}}};
            });
  table.add("quit", "ends the run (exit status 0)", [&machine](const Json&) -> CommandResult {
    machine.request_stop(machine::StopCause::kQuit, 0);
    return Json::object();
  });
}

}  // namespace strata::control
