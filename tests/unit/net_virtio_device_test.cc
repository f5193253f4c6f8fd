// virtio-net through the modern transport, with its back end a port on a real `strata switch`
// server and the test playing a second VM on another port: configuration space, transmit (with
// checksum completion), receive (header, DATA_VALID), flow control when the guest has no receive
// buffer, and the state round-trip.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <thread>

#include "device_test_support.h"
#include "net/checksum.h"
#include "net/switch_client.h"
#include "net/switch_server.h"
#include "net_test_support.h"
#include "virtio/mmio_transport.h"
#include "virtio/net_device.h"
#include "virtio_test_support.h"

namespace strata::virtio {
namespace {

using test::DriverRing;
using test::kTestRamBase;

constexpr unsigned kIrq = 1;
constexpr uint64_t kRxBuffers = kTestRamBase + 0x20000;
constexpr uint64_t kTxBuffers = kTestRamBase + 0x40000;
constexpr net::MacAddress kDeviceMac{0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc};
constexpr net::MacAddress kPeerMac{0x52, 0x54, 0x00, 0x11, 0x22, 0x33};
constexpr size_t kHeader = 12;

// A UDP datagram from the device's MAC to the broadcast address with a correct IPv4 header
// checksum and its UDP checksum field holding the pseudo-header sum, as a driver leaves it with
// NEEDS_CSUM.
std::vector<uint8_t> udp_frame(const net::MacAddress& source) {
  std::vector<uint8_t> frame = {
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0,    0,    0,    0,    0,    0,    0x08, 0x00, 0x45,
      0x00, 0x00, 0x1f, 0x00, 0x01, 0x00, 0x00, 0x40, 0x11, 0x00, 0x00, 0x0a, 0x01, 0x00, 0x01,
      0x0a, 0x01, 0x00, 0x02, 0x03, 0xe8, 0x07, 0xd0, 0x00, 0x0b, 0x00, 0x00, 'h',  'i',  '!'};
  std::copy(source.begin(), source.end(), frame.begin() + 6);
  const uint16_t ip =
      static_cast<uint16_t>(~net::ones_complement_sum(std::span(frame).subspan(14, 20)));
  frame[24] = static_cast<uint8_t>(ip >> 8);
  frame[25] = static_cast<uint8_t>(ip);
  const std::vector<uint8_t> pseudo = {0x0a, 0x01, 0x00, 0x01, 0x0a, 0x01,
                                       0x00, 0x02, 0x00, 0x11, 0x00, 0x0b};
  const uint16_t partial = net::ones_complement_sum(pseudo);
  frame[40] = static_cast<uint8_t>(partial >> 8);
  frame[41] = static_cast<uint8_t>(partial);
  return frame;
}

class NetDeviceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/strata-net-device-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    directory_ = pattern;
    config_.kind = machine::NetConfig::Kind::kSwitch;
    config_.switch_socket = directory_ + "/switch.sock";
    switch_loop_.sync([&] {
      auto server = net::SwitchServer::create(switch_loop_.loop(), config_.switch_socket);
      ASSERT_TRUE(server.has_value());
      server_ = std::move(*server);
    });
    auto peer = net::connect_switch_socket(config_.switch_socket);
    ASSERT_TRUE(peer.has_value());
    peer_ = std::move(*peer);
    auto created = mem::GuestRam::create(kTestRamBase, 1 << 20);
    ASSERT_TRUE(created.has_value());
    ram_ = std::move(*created);
    auto device = NetDevice::create("virtio-net0", config_, kDeviceMac);
    ASSERT_TRUE(device.has_value()) << device.error().message;
    device_ = std::move(*device);
    transport_ = std::make_unique<MmioTransport>(*ram_, controller_.line(kIrq), *device_,
                                                 TransportVersion::kModern);
    rx_ = std::make_unique<DriverRing>(
        *ram_,
        QueueLayout{8, kTestRamBase + 0x1000, kTestRamBase + 0x2000, kTestRamBase + 0x3000, 4});
    tx_ = std::make_unique<DriverRing>(
        *ram_,
        QueueLayout{8, kTestRamBase + 0x4000, kTestRamBase + 0x5000, kTestRamBase + 0x6000, 4});
  }
  void TearDown() override {
    transport_.reset();
    device_.reset();
    switch_loop_.sync([&] { server_.reset(); });
    std::filesystem::remove_all(directory_);
  }

  void set(uint32_t offset, uint32_t value) { transport_->write(offset, 4, value); }
  void set_up_queue(unsigned index, const QueueLayout& layout) {
    set(mmio::kQueueSel, index);
    set(mmio::kQueueNum, layout.size);
    set(mmio::kQueueDescLow, static_cast<uint32_t>(layout.desc));
    set(mmio::kQueueDriverLow, static_cast<uint32_t>(layout.avail));
    set(mmio::kQueueDeviceLow, static_cast<uint32_t>(layout.used));
    set(mmio::kQueueReady, 1);
  }
  // Negotiates VERSION_1 and the device's features, sets up both queues, DRIVER_OK, and waits
  // until the device's I/O thread has taken the activation.
  void activate() {
    set(mmio::kStatus, kStatusAcknowledge | kStatusDriver);
    set(mmio::kDriverFeaturesSel, 0);
    set(mmio::kDriverFeatures, static_cast<uint32_t>(device_->features()));
    set(mmio::kDriverFeaturesSel, 1);
    set(mmio::kDriverFeatures, 1);
    set(mmio::kStatus, kStatusAcknowledge | kStatusDriver | kStatusFeaturesOk);
    set_up_queue(0, rx_->layout());
    set_up_queue(1, tx_->layout());
    set(mmio::kStatus, 0xf);
    device_->dropped();  // a round trip through the I/O thread: activation has run
  }
  void post_rx_buffer(uint16_t index, uint32_t length) {
    rx_->set_desc(index, kRxBuffers + 0x1000ULL * index, length, kDescWrite);
    rx_->make_available(index);
    set(mmio::kQueueNotify, 0);
  }
  void transmit(uint16_t index, std::span<const uint8_t> header, std::span<const uint8_t> frame) {
    const uint64_t at = kTxBuffers + 0x1000ULL * index;
    std::copy(header.begin(), header.end(), ram_->host(at));
    std::copy(frame.begin(), frame.end(), ram_->host(at + header.size()));
    tx_->set_desc(index, at, static_cast<uint32_t>(header.size() + frame.size()), 0);
    tx_->make_available(index);
    set(mmio::kQueueNotify, 1);
  }
  std::optional<std::vector<uint8_t>> peer_receive(int timeout_ms = 2000) {
    pollfd entry{peer_.get(), POLLIN, 0};
    if (::poll(&entry, 1, timeout_ms) != 1) return std::nullopt;
    std::vector<uint8_t> buffer(65536);
    const ssize_t length = ::recv(peer_.get(), buffer.data(), buffer.size(), 0);
    if (length < 0) return std::nullopt;
    buffer.resize(static_cast<size_t>(length));
    return buffer;
  }
  void peer_send(const std::vector<uint8_t>& frame) {
    ASSERT_EQ(::send(peer_.get(), frame.data(), frame.size(), 0),
              static_cast<ssize_t>(frame.size()));
  }
  static bool eventually(DriverRing& ring, uint16_t used) {
    return net::testing::eventually([&] { return ring.used_idx() == used; });
  }

  std::string directory_;
  machine::NetConfig config_;
  net::testing::LoopThread switch_loop_;
  std::unique_ptr<net::SwitchServer> server_;
  backend::UniqueFd peer_;
  test::RecordingController controller_;
  std::unique_ptr<mem::GuestRam> ram_;
  std::unique_ptr<NetDevice> device_;
  std::unique_ptr<MmioTransport> transport_;
  std::unique_ptr<DriverRing> rx_;
  std::unique_ptr<DriverRing> tx_;
};

TEST_F(NetDeviceTest, ConfigurationSpaceHasTheMacAndLinkUp) {
  EXPECT_EQ(transport_->read(mmio::kDeviceId, 4), kDeviceNet);
  std::array<uint8_t, 10> config{};
  for (uint32_t i = 0; i < config.size(); ++i) {
    config[i] = static_cast<uint8_t>(transport_->read(mmio::kConfig + i, 1));
  }
  EXPECT_TRUE(std::equal(kDeviceMac.begin(), kDeviceMac.end(), config.begin()));
  EXPECT_EQ(config[6] | (config[7] << 8), 1);  // VIRTIO_NET_S_LINK_UP
  EXPECT_EQ(transport_->read(mmio::kConfig + 64, 1), 0U);
  const uint64_t features = device_->features();
  for (const uint64_t bit : {kNetFeatureMac, kNetFeatureStatus, kNetFeatureMrgRxbuf,
                             kNetFeatureCsum, kNetFeatureGuestCsum}) {
    EXPECT_NE(features & bit, 0U) << bit;
  }
}

TEST_F(NetDeviceTest, TransmitsFramesAndCompletesTheirChecksum) {
  activate();
  const std::vector<uint8_t> frame = udp_frame(kDeviceMac);
  std::array<uint8_t, kHeader> header{};
  header[0] = 1;   // NEEDS_CSUM
  header[6] = 34;  // csum_start: the UDP header
  header[8] = 6;   // csum_offset: its checksum field
  transmit(0, header, frame);
  const auto sent = peer_receive();
  ASSERT_TRUE(sent.has_value());
  ASSERT_EQ(sent->size(), frame.size());
  EXPECT_TRUE(net::ipv4_transport_checksum_valid(*sent));
  EXPECT_FALSE(net::ipv4_transport_checksum_valid(frame));  // as the driver left it
  ASSERT_TRUE(eventually(*tx_, 1));
  EXPECT_EQ(tx_->used_len(0), 0U);

  // A request too short for a header and an Ethernet header is dropped, and still returned.
  transmit(1, std::span(header).first(4), {});
  ASSERT_TRUE(eventually(*tx_, 2));
  EXPECT_EQ(peer_receive(100), std::nullopt);
}

TEST_F(NetDeviceTest, ReceivesIntoGuestBuffersWithAHeader) {
  activate();
  post_rx_buffer(0, 2048);
  std::vector<uint8_t> frame = udp_frame(kPeerMac);
  ASSERT_TRUE(net::complete_checksum(frame, 34, 6));
  peer_send(frame);
  ASSERT_TRUE(eventually(*rx_, 1));
  EXPECT_EQ(rx_->used_len(0), kHeader + frame.size());
  const auto header = rx_->bytes(kRxBuffers, kHeader);
  EXPECT_EQ(header[0], 2);                       // DATA_VALID: checksum verified by the device
  EXPECT_EQ(header[10] | (header[11] << 8), 1);  // num_buffers
  EXPECT_EQ(rx_->bytes(kRxBuffers + kHeader, frame.size()), frame);
  EXPECT_TRUE(controller_.level(kIrq));
}

TEST_F(NetDeviceTest, WaitsForReceiveBuffersWithoutLosingTheFrame) {
  activate();
  const std::vector<uint8_t> first = net::testing::make_frame(kDeviceMac, kPeerMac, 1);
  const std::vector<uint8_t> second = net::testing::make_frame(kDeviceMac, kPeerMac, 2);
  peer_send(first);
  peer_send(second);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(rx_->used_idx(), 0);
  post_rx_buffer(0, 2048);
  ASSERT_TRUE(eventually(*rx_, 1));
  EXPECT_EQ(rx_->bytes(kRxBuffers + kHeader, first.size()), first);
  post_rx_buffer(1, 2048);
  ASSERT_TRUE(eventually(*rx_, 2));
  EXPECT_EQ(rx_->bytes(kRxBuffers + 0x1000 + kHeader, second.size()), second);
}

TEST_F(NetDeviceTest, SpreadsAFrameOverMergeableBuffers) {
  activate();
  for (uint16_t i = 0; i < 3; ++i) {
    rx_->set_desc(i, kRxBuffers + 0x1000ULL * i, 600, kDescWrite);
    rx_->make_available(i);
  }
  set(mmio::kQueueNotify, 0);
  const std::vector<uint8_t> frame = net::testing::make_frame(kDeviceMac, kPeerMac, 7, 1514);
  peer_send(frame);
  ASSERT_TRUE(eventually(*rx_, 3));
  EXPECT_EQ(rx_->used_len(0), 600U);
  EXPECT_EQ(rx_->used_len(1), 600U);
  EXPECT_EQ(rx_->used_len(2), kHeader + frame.size() - 1200);
  const auto header = rx_->bytes(kRxBuffers, kHeader);
  EXPECT_EQ(header[10] | (header[11] << 8), 3);
  std::vector<uint8_t> received = rx_->bytes(kRxBuffers + kHeader, 600 - kHeader);
  const auto middle = rx_->bytes(kRxBuffers + 0x1000, 600);
  const auto last = rx_->bytes(kRxBuffers + 0x2000, kHeader + frame.size() - 1200);
  received.insert(received.end(), middle.begin(), middle.end());
  received.insert(received.end(), last.begin(), last.end());
  EXPECT_EQ(received, frame);
}

TEST_F(NetDeviceTest, KeepsItsMacAndServesAfterRestore) {
  activate();
  transmit(0, std::array<uint8_t, kHeader>{},
           net::testing::make_frame(net::testing::kBroadcast, kDeviceMac));
  ASSERT_TRUE(peer_receive().has_value());
  ASSERT_TRUE(eventually(*tx_, 1));
  state::Writer out;
  transport_->save(out);
  transport_.reset();
  device_.reset();

  auto device2 = NetDevice::create("virtio-net0", config_, net::MacAddress{0x52, 0x54, 0, 0, 0, 9});
  ASSERT_TRUE(device2.has_value());
  MmioTransport transport2(*ram_, controller_.line(kIrq), **device2, TransportVersion::kModern);
  state::Reader in(out.bytes());
  ASSERT_TRUE(transport2.restore(in).has_value());
  EXPECT_EQ(transport2.read(mmio::kConfig + 5, 1), kDeviceMac[5]);
  const auto frame = net::testing::make_frame(net::testing::kBroadcast, kDeviceMac, 3);
  const uint64_t at = kTxBuffers + 0x1000;
  std::memset(ram_->host(at), 0, kHeader);
  std::memcpy(ram_->host(at + kHeader), frame.data(), frame.size());
  tx_->set_desc(1, at, static_cast<uint32_t>(kHeader + frame.size()), 0);
  tx_->make_available(1);
  transport2.write(mmio::kQueueNotify, 4, 1);
  EXPECT_EQ(peer_receive(), frame);
  ASSERT_TRUE(eventually(*tx_, 2));
}

TEST_F(NetDeviceTest, ReportsTheLinkDownWhenTheSwitchGoesAway) {
  activate();
  switch_loop_.sync([&] { server_.reset(); });
  ASSERT_TRUE(net::testing::eventually(
      [&] { return (transport_->read(mmio::kInterruptStatus, 4) & kInterruptConfigChange) != 0; }));
  EXPECT_EQ(transport_->read(mmio::kConfig + 6, 2), 0U);  // VIRTIO_NET_S_LINK_UP cleared
  // Frames the guest sends now are dropped without harm.
  transmit(0, std::array<uint8_t, kHeader>{},
           net::testing::make_frame(net::testing::kBroadcast, kDeviceMac));
  ASSERT_TRUE(eventually(*tx_, 1));
}

TEST(NetDeviceCreate, ReportsABackEndThatCannotOpen) {
  machine::NetConfig config;
  config.kind = machine::NetConfig::Kind::kSwitch;
  config.switch_socket = "/nonexistent/switch.sock";
  auto device = NetDevice::create("virtio-net0", config, kDeviceMac);
  ASSERT_FALSE(device.has_value());
  EXPECT_NE(device.error().message.find("switch:/nonexistent/switch.sock"), std::string::npos);
}

}  // namespace
}  // namespace strata::virtio
