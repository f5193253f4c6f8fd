#include "machine/virtio_devices.h"

#include <fmt/format.h>

#include "backend/char_backend_factory.h"
#include "machine/fdt_builder.h"
#include "virtio/balloon_device.h"
#include "virtio/console_device.h"
#include "virtio/rng_device.h"

namespace strata::machine {
namespace {

// Each kind numbers its devices for log lines: virtio-rng0, virtio-blk1...
struct Counters {
  unsigned rng = 0;
  unsigned balloon = 0;
  unsigned console = 0;
};

// One entry per device kind. A kind without an entry yet is refused with a clear message.
Result<std::unique_ptr<virtio::Device>> make_device(const VirtioDeviceConfig& config,
                                                    const VirtioEnvironment& environment,
                                                    Counters& counters) {
  if (std::holds_alternative<RngConfig>(config)) {
    return std::make_unique<virtio::RngDevice>(fmt::format("virtio-rng{}", counters.rng++));
  }
  if (const auto* balloon = std::get_if<BalloonConfig>(&config)) {
    virtio::BalloonOptions options;
    options.free_page_reporting = balloon->free_page_reporting;
    options.deflate_on_oom = balloon->deflate_on_oom;
    return std::make_unique<virtio::BalloonDevice>(
        fmt::format("virtio-balloon{}", counters.balloon++), *environment.ram, options);
  }
  if (const auto* console = std::get_if<ConsoleConfig>(&config)) {
    std::string name = fmt::format("virtio-console{}", counters.console++);
    backend::CharBackendOptions options;
    options.on_quit = environment.request_quit;
    options.label = name;
    auto backend = backend::make_char_backend(console->backend, options);
    if (!backend) return fail("--vconsole {}: {}", console->backend, backend.error().message);
    return std::make_unique<virtio::ConsoleDevice>(std::move(name), std::move(*backend));
  }
  const char* flag = std::holds_alternative<DiskConfig>(config)      ? "--disk"
                     : std::holds_alternative<NetConfig>(config)     ? "--net"
                     : std::holds_alternative<BalloonConfig>(config) ? "--balloon"
                                                                     : "--vconsole";
  return fail("{}: this device is not part of this build of strata yet", flag);
}

}  // namespace

Result<std::vector<VirtioDeviceInstance>> make_virtio_devices(
    const VirtioConfig& config, const VirtioEnvironment& environment) {
  if (config.devices.size() > virt::kVirtioSlots) {
    return fail("{} virtio devices asked for: the board has {} virtio-mmio slots",
                config.devices.size(), virt::kVirtioSlots);
  }
  Counters counters;
  std::vector<VirtioDeviceInstance> devices;
  for (const VirtioDeviceConfig& device_config : config.devices) {
    auto device = make_device(device_config, environment, counters);
    if (!device) return std::unexpected(device.error());
    devices.push_back({std::move(*device), wants_legacy(device_config)
                                               ? virtio::TransportVersion::kLegacy
                                               : virtio::TransportVersion::kModern});
  }
  return devices;
}

}  // namespace strata::machine
