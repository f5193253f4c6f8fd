// The one place where virtio devices are created from their configuration. Each device kind adds
// one entry to make_virtio_devices() (virtio_devices.cc); everything else (slots, interrupts,
// device tree, reset, save/restore) is generic.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "machine/virtio_config.h"
#include "mem/guest_ram.h"
#include "util/error.h"
#include "virtio/device.h"
#include "virtio/mmio_transport.h"

namespace strata::machine {

// What device creation may use from the machine. Devices keep their back ends (files, sockets)
// for the life of the machine: a machine reset only resets their front ends.
struct VirtioEnvironment {
  mem::GuestRam* ram = nullptr;
  // What tells this VM from others on the host (its kernel and command line): seeds the MAC of a
  // NIC given no mac= (docs/network.md), so it is stable across runs and differs between VMs.
  std::string identity;
  // Ends the run (a console back end's Ctrl-A x). Called on a back end's thread.
  std::function<void()> request_quit;
};

struct VirtioDeviceInstance {
  std::unique_ptr<virtio::Device> device;
  virtio::TransportVersion version = virtio::TransportVersion::kModern;
};

// Creates the devices of `config` in order (slot i = config.devices[i]), with their back ends
// opened. Fails with a one-line error naming the device (e.g. "--disk a.img: No such file").
[[nodiscard]] Result<std::vector<VirtioDeviceInstance>> make_virtio_devices(
    const VirtioConfig& config, const VirtioEnvironment& environment);

}  // namespace strata::machine
