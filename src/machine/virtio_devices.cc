#include "machine/virtio_devices.h"

#include <csignal>

#include <fmt/format.h>

#include "backend/char_backend_factory.h"
#include "block/image.h"
#include "machine/fdt_builder.h"
#include "net/mac_address.h"
#include "virtio/balloon_device.h"
#include "virtio/blk_device.h"
#include "virtio/console_device.h"
#include "virtio/net_device.h"
#include "virtio/rng_device.h"

namespace strata::machine {
namespace {

// Each kind numbers its devices for log lines: virtio-rng0, virtio-blk1...
struct Counters {
  unsigned rng = 0;
  unsigned net = 0;
  unsigned blk = 0;
  unsigned balloon = 0;
  unsigned console = 0;
};

// A NIC without mac=: derived from the VM's identity, its disks and the NIC's index, so a VM keeps
// its address across runs and two VMs on one switch (different command lines) do not collide.
net::MacAddress nic_mac(const NetConfig& net, const VirtioConfig& all,
                        const VirtioEnvironment& environment, unsigned index) {
  if (net.mac) return *net.mac;
  std::string identity = environment.identity;
  for (const VirtioDeviceConfig& device : all.devices) {
    if (const auto* disk = std::get_if<DiskConfig>(&device)) identity += '\n' + disk->path;
  }
  return net::derive_mac(fmt::format("{}\nnet{}", identity, index));
}

// One entry per device kind (the last one is the only kind left).
Result<std::unique_ptr<virtio::Device>> make_device(const VirtioDeviceConfig& config,
                                                    const VirtioConfig& all,
                                                    const VirtioEnvironment& environment,
                                                    Counters& counters) {
  if (std::holds_alternative<RngConfig>(config)) {
    return std::make_unique<virtio::RngDevice>(fmt::format("virtio-rng{}", counters.rng++));
  }
  if (const auto* net = std::get_if<NetConfig>(&config)) {
    const unsigned index = counters.net++;
    auto device = virtio::NetDevice::create(fmt::format("virtio-net{}", index), *net,
                                            nic_mac(*net, all, environment, index));
    if (!device) return fail("--net: {}", device.error().message);
    return std::unique_ptr<virtio::Device>(std::move(*device));
  }
  if (const auto* disk = std::get_if<DiskConfig>(&config)) {
    const char* format = disk->format == DiskConfig::Format::kRaw     ? "raw"
                         : disk->format == DiskConfig::Format::kQcow2 ? "qcow2"
                                                                      : "";
    auto image = block::open_image(
        disk->path, format, disk->readonly ? block::Access::kReadOnly : block::Access::kReadWrite);
    if (!image) return fail("--disk: {}", image.error().message);
    // A write past RLIMIT_FSIZE must fail with EFBIG, like a full disk, not kill the VM.
    std::signal(SIGXFSZ, SIG_IGN);
    return std::make_unique<virtio::BlkDevice>(fmt::format("virtio-blk{}", counters.blk++),
                                               std::move(*image), disk->serial);
  }
  if (const auto* balloon = std::get_if<BalloonConfig>(&config)) {
    virtio::BalloonOptions options;
    options.free_page_reporting = balloon->free_page_reporting;
    options.deflate_on_oom = balloon->deflate_on_oom;
    return std::make_unique<virtio::BalloonDevice>(
        fmt::format("virtio-balloon{}", counters.balloon++), *environment.ram, options);
  }
  const auto& console = std::get<ConsoleConfig>(config);
  std::string name = fmt::format("virtio-console{}", counters.console++);
  backend::CharBackendOptions options;
  options.on_quit = environment.request_quit;
  options.label = name;
  auto backend = backend::make_char_backend(console.backend, options);
  if (!backend) return fail("--vconsole {}: {}", console.backend, backend.error().message);
  return std::make_unique<virtio::ConsoleDevice>(std::move(name), std::move(*backend));
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
    auto device = make_device(device_config, config, environment, counters);
    if (!device) return std::unexpected(device.error());
    devices.push_back({std::move(*device), wants_legacy(device_config)
                                               ? virtio::TransportVersion::kLegacy
                                               : virtio::TransportVersion::kModern});
  }
  return devices;
}

}  // namespace strata::machine
