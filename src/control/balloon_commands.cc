#include "control/balloon_commands.h"

#include <fmt/format.h>

#include <array>
#include <string>

namespace strata::control {
namespace {

constexpr uint64_t kPagesPerMib = 256;  // 4 KiB balloon pages
// How long query-balloon waits for the guest to answer a statistics request: the Linux driver
// answers from a workqueue within milliseconds; a guest that does not answer costs this once.
constexpr std::chrono::milliseconds kStatsWait{1000};

CommandError no_balloon() {
  return {ErrorClass::kUnavailable, "this VM has no balloon device (start it with --balloon)"};
}

Json status_json(const BalloonStatus& status) {
  Json reply = {
      {"ram_mib", status.ram_bytes >> 20},
      {"target_pages", status.target_pages},
      {"target_mib", status.target_pages / kPagesPerMib},
      {"actual_pages", status.actual_pages},
      {"actual_mib", status.actual_pages / kPagesPerMib},
      {"driver_ready", status.driver_ready},
      {"stats_enabled", status.stats_enabled},
      {"pages_discarded", status.pages_discarded},
      {"pages_ignored", status.pages_ignored},
  };
  if (status.stats) {
    Json stats = Json::object();
    for (const BalloonStat& stat : *status.stats) stats[stat_name(stat.tag)] = stat.value;
    reply["stats"] = std::move(stats);
    reply["stats_age_ms"] = status.stats_age.count();
  } else {
    reply["stats"] = nullptr;
  }
  return reply;
}

}  // namespace

std::string stat_name(uint16_t tag) {
  static constexpr std::array<const char*, 10> kNames = {
      "swap-in",      "swap-out",         "major-faults", "minor-faults",        "free-memory",
      "total-memory", "available-memory", "disk-caches",  "hugetlb-allocations", "hugetlb-failures",
  };
  if (tag < kNames.size()) return kNames[tag];
  return fmt::format("tag-{}", tag);
}

void add_balloon_commands(CommandTable& table, BalloonControl* balloon) {
  table.add(
      "balloon", "sets the balloon target: {\"target_mib\": N} MiB taken from the guest",
      [balloon](const Json& request) -> CommandResult {
        if (balloon == nullptr) return std::unexpected(no_balloon());
        const auto mib = unsigned_argument(request, "target_mib");
        if (!mib) return std::unexpected(mib.error());
        const uint64_t ram_mib = balloon->status().ram_bytes >> 20;
        if (*mib > ram_mib) {
          return std::unexpected(CommandError{
              ErrorClass::kInvalidArgument,
              fmt::format("target_mib {} is more than the guest's {} MiB of RAM", *mib, ram_mib)});
        }
        if (auto set = balloon->set_target_pages(*mib * kPagesPerMib); !set) {
          return std::unexpected(CommandError{ErrorClass::kFailed, set.error().message});
        }
        return status_json(balloon->status());
      });
  table.add("query-balloon",
            "the balloon's target and actual size and the guest's memory statistics "
            "({\"refresh_stats\": false} returns the last ones without asking)",
            [balloon](const Json& request) -> CommandResult {
              if (balloon == nullptr) return std::unexpected(no_balloon());
              const auto refresh = bool_argument(request, "refresh_stats", true);
              if (!refresh) return std::unexpected(refresh.error());
              if (*refresh) balloon->refresh_stats(kStatsWait);
              return status_json(balloon->status());
            });
}

}  // namespace strata::control
