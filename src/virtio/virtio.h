// Constants of the virtio 1.2 specification shared by the transport, the queues and every device:
// device IDs (§5), device status bits (§2.1), reserved feature bits (§6) and descriptor flags
// (§2.7.5).
#pragma once

#include <cstdint>

namespace strata::virtio {

// Device IDs (virtio 1.2 §5).
inline constexpr uint32_t kDeviceNet = 1;
inline constexpr uint32_t kDeviceBlock = 2;
inline constexpr uint32_t kDeviceConsole = 3;
inline constexpr uint32_t kDeviceEntropy = 4;
inline constexpr uint32_t kDeviceBalloon = 5;

// Device status bits (§2.1).
inline constexpr uint32_t kStatusAcknowledge = 1;
inline constexpr uint32_t kStatusDriver = 2;
inline constexpr uint32_t kStatusDriverOk = 4;
inline constexpr uint32_t kStatusFeaturesOk = 8;
inline constexpr uint32_t kStatusNeedsReset = 0x40;
inline constexpr uint32_t kStatusFailed = 0x80;

// Transport and ring feature bits (§6); device-specific bits are below 24.
inline constexpr uint64_t kFeatureNotifyOnEmpty = 1ULL << 24;  // legacy only
inline constexpr uint64_t kFeatureAnyLayout = 1ULL << 27;      // legacy only
inline constexpr uint64_t kFeatureRingIndirectDesc = 1ULL << 28;
inline constexpr uint64_t kFeatureRingEventIdx = 1ULL << 29;
inline constexpr uint64_t kFeatureVersion1 = 1ULL << 32;
inline constexpr uint64_t kFeatureAccessPlatform = 1ULL << 33;
inline constexpr uint64_t kFeatureRingPacked = 1ULL << 34;

// Split virtqueue descriptor flags (§2.7.5) and ring flags (§2.7.6, §2.7.8).
inline constexpr uint16_t kDescNext = 1;
inline constexpr uint16_t kDescWrite = 2;
inline constexpr uint16_t kDescIndirect = 4;
inline constexpr uint16_t kAvailNoInterrupt = 1;
inline constexpr uint16_t kUsedNoNotify = 1;

// InterruptStatus bits of virtio-mmio (§4.2.2).
inline constexpr uint32_t kInterruptUsedBuffer = 1;
inline constexpr uint32_t kInterruptConfigChange = 2;

// The largest split queue the specification allows (§2.7).
inline constexpr uint16_t kMaxQueueSize = 32768;

}  // namespace strata::virtio
