// The PLIC against the RISC-V PLIC specification 1.0 and QEMU's virt layout: priorities,
// thresholds, claim and completion, level-triggered gateways, the context-to-hart wiring,
// snapshots, and random accesses.
#include "dev/plic.h"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "cpu/clock.h"
#include "cpu/hart.h"
#include "cpu/privilege.h"
#include "mem/bus.h"
#include "mem/guest_ram.h"

namespace strata::test {
namespace {

using dev::Plic;
namespace mip = cpu::mip;

// Two harts (four contexts) without code to run: the PLIC only touches their interrupt bits.
class PlicTest : public ::testing::Test {
 protected:
  PlicTest() {
    auto created = mem::GuestRam::create(0x8000'0000, 1 << 20);
    EXPECT_TRUE(created.has_value());
    ram = std::move(*created);
    bus = std::make_unique<mem::Bus>(*ram);
    for (uint64_t id = 0; id < 2; ++id)
      harts.push_back(std::make_unique<cpu::Hart>(id, *bus, clock));
    plic = std::make_unique<Plic>(std::vector<cpu::Hart*>{harts[0].get(), harts[1].get()});
  }

  uint32_t reg(uint64_t offset) { return static_cast<uint32_t>(plic->read(offset, 4)); }
  void set(uint64_t offset, uint32_t value) { plic->write(offset, 4, value); }
  void priority(unsigned source, uint32_t value) { set(4 * source, value); }
  void enable(unsigned context, unsigned source) {
    const uint64_t word = Plic::kEnable + Plic::kEnableStride * context + 4 * (source / 32);
    set(word, reg(word) | (1U << (source % 32)));
  }
  void threshold(unsigned context, uint32_t value) {
    set(Plic::kContext + Plic::kContextStride * context, value);
  }
  uint32_t claim(unsigned context) {
    return reg(Plic::kContext + Plic::kContextStride * context + Plic::kClaim);
  }
  void complete(unsigned context, uint32_t source) {
    set(Plic::kContext + Plic::kContextStride * context + Plic::kClaim, source);
  }
  bool pending(unsigned source) {
    return ((reg(Plic::kPending + 4 * (source / 32)) >> (source % 32)) & 1U) != 0;
  }
  uint64_t eip(unsigned hart) {
    return harts[hart]->s.mip_external.load() & (mip::kMEIP | mip::kSEIP);
  }

  cpu::Clock clock;
  std::unique_ptr<mem::GuestRam> ram;
  std::unique_ptr<mem::Bus> bus;
  std::vector<std::unique_ptr<cpu::Hart>> harts;
  std::unique_ptr<Plic> plic;
};

TEST_F(PlicTest, HasTwoContextsPerHart) {
  EXPECT_EQ(plic->contexts(), 4U);
}

TEST_F(PlicTest, ClaimReturnsTheHighestPriorityAboveThreshold) {
  for (const unsigned source : {3U, 7U, 40U, 95U}) enable(0, source);
  priority(3, 2);
  priority(7, 5);
  priority(40, 3);
  priority(95, 7);
  plic->set_level(3, true);
  plic->set_level(7, true);
  plic->set_level(40, true);
  EXPECT_EQ(eip(0), mip::kMEIP);
  EXPECT_EQ(claim(0), 7U);
  EXPECT_EQ(claim(0), 40U);
  EXPECT_EQ(claim(0), 3U);
  EXPECT_EQ(claim(0), 0U);  // nothing left
  EXPECT_EQ(eip(0), 0U);
  plic->set_level(95, true);
  EXPECT_EQ(claim(0), 95U);
}

TEST_F(PlicTest, EqualPrioritiesGoToTheLowestId) {
  for (const unsigned source : {9U, 33U, 4U}) {
    enable(0, source);
    priority(source, 4);
    plic->set_level(source, true);
  }
  EXPECT_EQ(claim(0), 4U);
  EXPECT_EQ(claim(0), 9U);
  EXPECT_EQ(claim(0), 33U);
}

TEST_F(PlicTest, PriorityZeroNeverInterrupts) {
  enable(0, 5);
  plic->set_level(5, true);
  EXPECT_TRUE(pending(5));
  EXPECT_EQ(eip(0), 0U);
  EXPECT_EQ(claim(0), 0U);
  priority(5, 1);
  EXPECT_EQ(eip(0), mip::kMEIP);
}

TEST_F(PlicTest, ThresholdMasksPrioritiesUpToItself) {
  enable(0, 5);
  priority(5, 3);
  threshold(0, 3);
  plic->set_level(5, true);
  EXPECT_EQ(eip(0), 0U);
  EXPECT_EQ(claim(0), 0U);  // a masked source cannot be claimed either
  EXPECT_TRUE(pending(5));
  threshold(0, 2);
  EXPECT_EQ(eip(0), mip::kMEIP);
  threshold(0, 7);
  EXPECT_EQ(eip(0), 0U);
  priority(5, 7);
  EXPECT_EQ(eip(0), 0U);
}

TEST_F(PlicTest, DisabledSourcesDoNotInterrupt) {
  priority(6, 1);
  plic->set_level(6, true);
  EXPECT_TRUE(pending(6));
  EXPECT_EQ(eip(0), 0U);
  EXPECT_EQ(claim(0), 0U);
  enable(0, 6);
  EXPECT_EQ(eip(0), mip::kMEIP);
}

TEST_F(PlicTest, ContextsDriveMeipAndSeip) {
  priority(1, 1);
  plic->set_level(1, true);
  enable(1, 1);  // hart 0, S-mode
  EXPECT_EQ(eip(0), mip::kSEIP);
  EXPECT_EQ(eip(1), 0U);
  enable(2, 1);  // hart 1, M-mode
  EXPECT_EQ(eip(1), mip::kMEIP);
  enable(3, 1);  // hart 1, S-mode
  EXPECT_EQ(eip(1), mip::kMEIP | mip::kSEIP);
  enable(0, 1);  // hart 0, M-mode
  EXPECT_EQ(eip(0), mip::kMEIP | mip::kSEIP);
  // One claim takes the source away from every context.
  EXPECT_EQ(claim(3), 1U);
  EXPECT_EQ(eip(0), 0U);
  EXPECT_EQ(eip(1), 0U);
  EXPECT_EQ(claim(0), 0U);
}

TEST_F(PlicTest, ClaimingMarksInFlightAndCompletionResamplesTheLevel) {
  enable(0, 10);
  priority(10, 1);
  plic->set_level(10, true);
  EXPECT_EQ(claim(0), 10U);
  EXPECT_FALSE(pending(10));
  // Still high, but in flight: not pending again until completed.
  plic->set_level(10, true);
  EXPECT_FALSE(pending(10));
  EXPECT_EQ(eip(0), 0U);
  complete(0, 10);
  EXPECT_TRUE(pending(10));  // the level is still high: it asks again
  EXPECT_EQ(eip(0), mip::kMEIP);
  EXPECT_EQ(claim(0), 10U);
  plic->set_level(10, false);  // the device was serviced
  complete(0, 10);
  EXPECT_FALSE(pending(10));
  EXPECT_EQ(eip(0), 0U);
}

TEST_F(PlicTest, ALevelThatDropsBeforeTheClaimIsNotReported) {
  enable(0, 10);
  priority(10, 1);
  plic->set_level(10, true);
  plic->set_level(10, false);
  EXPECT_FALSE(pending(10));
  EXPECT_EQ(eip(0), 0U);
  EXPECT_EQ(claim(0), 0U);
}

TEST_F(PlicTest, StrayCompletionsAreIgnored) {
  enable(0, 10);
  enable(1, 10);
  priority(10, 1);
  plic->set_level(10, true);
  EXPECT_EQ(claim(0), 10U);
  complete(1, 10);  // another context did not claim it
  EXPECT_FALSE(pending(10));
  complete(0, 11);  // not claimed at all
  complete(0, 0);
  complete(0, 1000);
  EXPECT_FALSE(pending(10));
  // A context that disabled the source cannot complete it.
  set(Plic::kEnable, 0);
  complete(0, 10);
  EXPECT_FALSE(pending(10));
  enable(0, 10);
  complete(0, 10);
  EXPECT_TRUE(pending(10));
}

TEST_F(PlicTest, RegistersKeepOnlyTheirBits) {
  priority(1, 0xffff'ffff);
  EXPECT_EQ(reg(4), 7U);
  priority(0, 5);  // source 0 does not exist
  EXPECT_EQ(reg(0), 0U);
  threshold(2, 0x1f);
  EXPECT_EQ(reg(Plic::kContext + 2 * Plic::kContextStride), 7U);
  set(Plic::kEnable, 0xffff'ffff);
  EXPECT_EQ(reg(Plic::kEnable), 0xffff'fffeU);
  plic->set_level(1, true);
  set(Plic::kPending, 0);  // read-only
  EXPECT_TRUE(pending(1));
  plic->set_level(0, true);  // out of range: ignored
  plic->set_level(96, true);
  plic->set_level(5000, true);
  EXPECT_FALSE(pending(0));
  // Contexts past the last hart's do not exist.
  set(Plic::kEnable + 4 * Plic::kEnableStride, 0xffff'ffff);
  EXPECT_EQ(reg(Plic::kEnable + 4 * Plic::kEnableStride), 0U);
  EXPECT_EQ(reg(Plic::kContext + 4 * Plic::kContextStride + Plic::kClaim), 0U);
  // Only aligned 32-bit accesses reach the registers.
  plic->write(4 * 2, 1, 3);
  plic->write(4 * 2, 8, 3);
  plic->write(4 * 2 + 2, 4, 3);
  EXPECT_EQ(reg(8), 0U);
  priority(2, 3);
  EXPECT_EQ(plic->read(8, 2), 0U);
  EXPECT_EQ(plic->read(8, 8), 0U);
}

TEST_F(PlicTest, SaveAndRestore) {
  enable(0, 10);
  enable(3, 20);
  priority(10, 2);
  priority(20, 6);
  threshold(3, 1);
  plic->set_level(10, true);
  plic->set_level(20, true);
  ASSERT_EQ(claim(0), 10U);
  state::Writer writer;
  plic->save(writer);

  Plic copy(std::vector<cpu::Hart*>{harts[0].get(), harts[1].get()});
  harts[0]->lower_external(mip::kMEIP | mip::kSEIP);
  harts[1]->lower_external(mip::kMEIP | mip::kSEIP);
  state::Reader reader(writer.bytes());
  ASSERT_TRUE(copy.restore(reader).has_value());
  EXPECT_EQ(eip(1), mip::kSEIP);  // outputs are driven from the restored state
  EXPECT_EQ(copy.read(Plic::kContext + 3 * Plic::kContextStride, 4), 1U);
  EXPECT_EQ(copy.read(4 * 20, 4), 6U);
  EXPECT_EQ(copy.read(Plic::kContext + 3 * Plic::kContextStride + Plic::kClaim, 4), 20U);
  // Source 10 is still in flight for context 0, and completing it re-samples its level.
  copy.write(Plic::kContext + Plic::kClaim, 4, 10);
  EXPECT_EQ(copy.read(Plic::kContext + Plic::kClaim, 4), 10U);
}

TEST_F(PlicTest, RestoreRefusesADifferentMachine) {
  state::Writer writer;
  plic->save(writer);
  Plic smaller(std::vector<cpu::Hart*>{harts[0].get()});
  state::Reader reader(writer.bytes());
  EXPECT_FALSE(smaller.restore(reader).has_value());
}

TEST_F(PlicTest, LevelsFromOtherThreads) {
  for (unsigned source = 1; source < 9; ++source) {
    enable(0, source);
    priority(source, 1);
  }
  std::atomic<bool> stop{false};
  std::vector<std::thread> devices;
  for (unsigned source = 1; source < 9; ++source) {
    devices.emplace_back([&, source] {
      for (int i = 0; !stop.load(); ++i) plic->set_level(source, i % 2 == 0);
    });
  }
  for (int i = 0; i < 20'000; ++i) {
    if (const uint32_t source = claim(0); source != 0) complete(0, source);
  }
  stop = true;
  for (std::thread& t : devices) t.join();
  for (unsigned source = 1; source < 9; ++source) plic->set_level(source, false);
  while (const uint32_t source = claim(0)) complete(0, source);
  EXPECT_EQ(eip(0), 0U);
}

TEST_F(PlicTest, RandomAccessesLeaveItWorking) {
  std::mt19937_64 random(0x9c);
  constexpr std::array<unsigned, 4> kSizes = {1, 2, 4, 8};
  // Mostly where the registers are, sometimes anywhere in the window.
  constexpr std::array<uint64_t, 5> kAreas = {0, Plic::kPending, Plic::kEnable, Plic::kContext,
                                              Plic::kContext + Plic::kContextStride};
  for (int i = 0; i < 100'000; ++i) {
    const unsigned size = kSizes[random() % 4];
    uint64_t offset = random() % 8 == 0 ? random() % (Plic::kSize - size + 1)
                                        : kAreas[random() % kAreas.size()] + random() % 0x200;
    if (random() % 4 != 0) offset &= ~uint64_t{3};
    if (random() % 2 == 0) {
      plic->write(offset, size, random() % 4 == 0 ? random() % 128 : random());
    } else {
      plic->read(offset, size);
    }
    if (random() % 16 == 0) plic->set_level(static_cast<unsigned>(random() % 100), random() % 2);
  }
  // What an operating system does at boot: quiesce, then set up one source.
  for (unsigned source = 1; source < Plic::kSources; ++source) {
    plic->set_level(source, false);
    priority(source, 0);
  }
  for (unsigned context = 0; context < 4; ++context) {
    for (unsigned word = 0; word < 3; ++word) {
      set(Plic::kEnable + Plic::kEnableStride * context + 4 * word, 0);
    }
    threshold(context, 0);
    for (unsigned source = 1; source < Plic::kSources; ++source) {
      enable(context, source);
      complete(context, source);
    }
    for (unsigned word = 0; word < 3; ++word) {
      set(Plic::kEnable + Plic::kEnableStride * context + 4 * word, 0);
    }
  }
  EXPECT_EQ(eip(0), 0U);
  EXPECT_EQ(eip(1), 0U);
  enable(1, 10);
  priority(10, 1);
  plic->set_level(10, true);
  EXPECT_EQ(eip(0), mip::kSEIP);
  EXPECT_EQ(claim(1), 10U);
  plic->set_level(10, false);
  complete(1, 10);
  EXPECT_EQ(eip(0), 0U);
  EXPECT_EQ(claim(1), 0U);
}

}  // namespace
}  // namespace strata::test
