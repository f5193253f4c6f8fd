// The NS16550A model against the National/TI PC16550D datasheet: register access, DLAB, the
// receive FIFO and its flow control towards the back end, LSR, IIR priorities, the THRE
// interrupt rules, loopback, snapshots, and a guest throwing random accesses at it.
#include "dev/uart16550.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "device_test_support.h"

namespace strata::test {
namespace {

using dev::Uart16550;
namespace uart = dev::uart;

class Uart : public ::testing::Test {
 protected:
  uint8_t in(unsigned reg) { return static_cast<uint8_t>(device.read(reg, 1)); }
  void out(unsigned reg, uint8_t value) { device.write(reg, 1, value); }
  bool irq() const { return plic.level(Uart16550::kIrq); }
  std::string drain() {
    std::string text;
    while ((in(uart::kLsr)&uart::kLsrDataReady) != 0) text += static_cast<char>(in(uart::kRbr));
    return text;
  }

  RecordingController plic;
  ManualBackend backend;
  Uart16550 device{&backend, plic.line(Uart16550::kIrq)};
};

TEST_F(Uart, ResetState) {
  EXPECT_EQ(in(uart::kIer), 0);
  EXPECT_EQ(in(uart::kIir), 0x01);
  EXPECT_EQ(in(uart::kLcr), 0);
  EXPECT_EQ(in(uart::kMcr), 0);
  EXPECT_EQ(in(uart::kLsr), 0x60);  // THRE | TEMT
  EXPECT_EQ(in(uart::kMsr), 0xb0);  // CTS | DSR | DCD
  EXPECT_FALSE(irq());
}

TEST_F(Uart, TransmitGoesToTheBackend) {
  for (const char c : std::string("hello\n")) out(uart::kThr, static_cast<uint8_t>(c));
  EXPECT_EQ(backend.take_output(), "hello\n");
  EXPECT_EQ(in(uart::kLsr)&0x60, 0x60);  // the transmitter is always empty again
}

TEST_F(Uart, DlabSelectsTheDivisorLatch) {
  out(uart::kLcr, 0x83);
  out(uart::kDll, 0x0c);
  out(uart::kDlm, 0x01);
  EXPECT_EQ(in(uart::kDll), 0x0c);
  EXPECT_EQ(in(uart::kDlm), 0x01);
  EXPECT_EQ(backend.take_output(), "");  // the DLL write did not transmit
  EXPECT_EQ(in(uart::kLcr), 0x83);
  out(uart::kLcr, 0x03);
  EXPECT_EQ(in(uart::kIer), 0);  // IER was not touched by the DLM write
  out(uart::kThr, 'x');
  EXPECT_EQ(backend.take_output(), "x");
  out(uart::kLcr, 0x83);
  EXPECT_EQ(in(uart::kDll), 0x0c);  // the divisor survives
}

TEST_F(Uart, ReceivedBytesSetDataReady) {
  EXPECT_EQ(backend.offer("ab"), 1U);  // FIFOs off: a one-byte holding register
  EXPECT_EQ(in(uart::kLsr)&uart::kLsrDataReady, uart::kLsrDataReady);
  EXPECT_EQ(in(uart::kRbr), 'a');
  EXPECT_EQ(in(uart::kLsr)&uart::kLsrDataReady, 0);
  EXPECT_EQ(in(uart::kRbr), 0);  // reading an empty RBR is harmless
}

TEST_F(Uart, FifoHoldsSixteenBytes) {
  out(uart::kFcr, uart::kFcrEnable);
  EXPECT_EQ(backend.offer("0123456789abcdefXYZ"), 16U);
  EXPECT_EQ(backend.offer("XYZ"), 0U);
  EXPECT_EQ(drain(), "0123456789abcdef");
}

TEST_F(Uart, InputIsHeldBackUntilTheFifoHasRoom) {
  out(uart::kFcr, uart::kFcrEnable);
  ASSERT_EQ(backend.offer(std::string(20, 'a')), 16U);
  EXPECT_EQ(backend.resumes(), 0);
  in(uart::kRbr);  // room for one byte: the back end is asked for more, once
  EXPECT_EQ(backend.resumes(), 1);
  in(uart::kRbr);
  EXPECT_EQ(backend.resumes(), 1);
  EXPECT_EQ(backend.offer("bbbb"), 2U);
  drain();
  EXPECT_EQ(backend.resumes(), 2);
  // Reading with nothing refused does not bother the back end.
  EXPECT_EQ(backend.offer("c"), 1U);
  drain();
  EXPECT_EQ(backend.resumes(), 2);
}

TEST_F(Uart, FifoResetAndToggleEmptyTheReceiver) {
  out(uart::kFcr, uart::kFcrEnable);
  backend.offer("abc");
  out(uart::kFcr, uart::kFcrEnable | uart::kFcrClearRx);
  EXPECT_EQ(in(uart::kLsr)&uart::kLsrDataReady, 0);
  backend.offer("abc");
  out(uart::kFcr, 0);  // FIFOs off
  EXPECT_EQ(in(uart::kLsr)&uart::kLsrDataReady, 0);
  EXPECT_EQ(in(uart::kIir)&0xc0, 0);
  out(uart::kFcr, uart::kFcrEnable);
  EXPECT_EQ(in(uart::kIir)&0xc0, 0xc0);
}

TEST_F(Uart, DataInterruptFollowsTheTriggerLevel) {
  out(uart::kFcr, 0xc1);  // FIFO on, trigger at 14
  out(uart::kIer, uart::kIerRxData);
  EXPECT_FALSE(irq());
  backend.offer("abc");
  EXPECT_TRUE(irq());
  EXPECT_EQ(in(uart::kIir), 0xcc);  // below the trigger: character timeout, reported at once
  backend.offer("defghijklmn");
  EXPECT_EQ(in(uart::kIir), 0xc4);  // 14 bytes: data available
  EXPECT_EQ(drain(), "abcdefghijklmn");
  EXPECT_EQ(in(uart::kIir), 0xc1);
  EXPECT_FALSE(irq());

  out(uart::kFcr, 0x41);  // trigger at 4
  backend.offer("wxyz");
  EXPECT_EQ(in(uart::kIir), 0xc4);
  in(uart::kRbr);
  EXPECT_EQ(in(uart::kIir), 0xcc);
}

TEST_F(Uart, ThreInterruptRules) {
  out(uart::kIer, uart::kIerThrEmpty);  // enabling ETBEI with THR empty raises it
  EXPECT_TRUE(irq());
  EXPECT_EQ(in(uart::kIir), 0x02);
  // Reading IIR while THRE is the reported source clears it.
  EXPECT_FALSE(irq());
  EXPECT_EQ(in(uart::kIir), 0x01);
  // Writing THR clears it, and the byte leaving at once brings it back.
  out(uart::kThr, 'a');
  EXPECT_TRUE(irq());
  EXPECT_EQ(in(uart::kIir), 0x02);
  out(uart::kThr, 'b');
  EXPECT_TRUE(irq());
  out(uart::kIer, 0);  // disabling ETBEI withdraws it
  EXPECT_FALSE(irq());
  out(uart::kIer, uart::kIerThrEmpty);
  EXPECT_TRUE(irq());
  // Re-writing the same IER value does not raise it again once acknowledged.
  in(uart::kIir);
  out(uart::kIer, uart::kIerThrEmpty);
  EXPECT_FALSE(irq());
}

TEST_F(Uart, ThreIsNotClearedByAnIirReadThatReportsSomethingElse) {
  out(uart::kIer, uart::kIerThrEmpty | uart::kIerRxData);
  backend.offer("a");
  EXPECT_EQ(in(uart::kIir), 0x04);  // data outranks THRE
  in(uart::kRbr);
  EXPECT_EQ(in(uart::kIir), 0x02);  // THRE was still pending
  EXPECT_EQ(in(uart::kIir), 0x01);
}

TEST_F(Uart, InterruptPriorities) {
  out(uart::kIer, uart::kIerMask);
  in(uart::kIir);  // acknowledge the THRE interrupt enabling raised
  out(uart::kMcr, uart::kMcrLoop | uart::kMcrRts);  // DSR and DCD drop: modem status changes
  out(uart::kThr, 'a');                             // looped back: data, and THRE again
  out(uart::kThr, 'b');             // FIFOs off: the holding register was full, so an overrun
  EXPECT_EQ(in(uart::kIir), 0x06);  // receiver line status first
  EXPECT_EQ(in(uart::kLsr) & (uart::kLsrOverrun | uart::kLsrDataReady), 0x03);
  EXPECT_EQ(in(uart::kLsr)&uart::kLsrOverrun, 0);  // reading LSR cleared it
  EXPECT_EQ(in(uart::kIir), 0x04);                 // then received data
  EXPECT_EQ(in(uart::kRbr), 'a');
  EXPECT_EQ(in(uart::kIir), 0x02);  // then THR empty, acknowledged by this read
  EXPECT_EQ(in(uart::kIir), 0x00);  // then modem status
  EXPECT_TRUE(irq());
  EXPECT_EQ(in(uart::kMsr)&0x0f, uart::kMsrDeltaDsr | uart::kMsrDeltaDcd);
  EXPECT_EQ(in(uart::kIir), 0x01);
  EXPECT_FALSE(irq());
}

TEST_F(Uart, LoopbackDataPath) {
  out(uart::kFcr, uart::kFcrEnable);
  out(uart::kMcr, uart::kMcrLoop);
  for (const char c : std::string("loop")) out(uart::kThr, static_cast<uint8_t>(c));
  EXPECT_EQ(backend.take_output(), "");     // nothing reaches the line
  EXPECT_EQ(backend.offer("outside"), 0U);  // nor comes in from it
  EXPECT_EQ(drain(), "loop");
  EXPECT_EQ(backend.resumes(), 0);
  out(uart::kMcr, 0);  // leaving loopback asks for the held input
  EXPECT_EQ(backend.resumes(), 1);
  EXPECT_EQ(backend.offer("outside"), 7U);
  EXPECT_EQ(drain(), "outside");
}

TEST_F(Uart, LoopbackOverrunKeepsTheFifo) {
  out(uart::kFcr, uart::kFcrEnable);
  out(uart::kMcr, uart::kMcrLoop);
  for (int i = 0; i < 17; ++i) out(uart::kThr, static_cast<uint8_t>('a' + i));
  EXPECT_EQ(in(uart::kLsr)&uart::kLsrOverrun, uart::kLsrOverrun);
  EXPECT_EQ(drain(), "abcdefghijklmnop");
}

TEST_F(Uart, LoopbackModemLines) {
  // What Linux's 8250 autoconfig checks: LOOP | OUT2 | RTS reads back as DCD | CTS.
  out(uart::kMcr, uart::kMcrLoop | uart::kMcrOut2 | uart::kMcrRts);
  EXPECT_EQ(in(uart::kMsr)&0xf0, 0x90);
  out(uart::kMcr, uart::kMcrLoop | uart::kMcrDtr | uart::kMcrOut1);
  EXPECT_EQ(in(uart::kMsr), 0x60 | uart::kMsrDeltaCts | uart::kMsrDeltaDsr | uart::kMsrDeltaDcd);
  out(uart::kMcr, uart::kMcrLoop);  // RI falls: trailing edge
  EXPECT_EQ(in(uart::kMsr), uart::kMsrDeltaDsr | uart::kMsrTrailingRi);
  EXPECT_EQ(in(uart::kMsr), 0);
  out(uart::kMcr, 0xff);
  EXPECT_EQ(in(uart::kMcr), 0x1f);
}

TEST_F(Uart, ScratchAndReadOnlyRegisters) {
  out(uart::kScr, 0xa5);
  EXPECT_EQ(in(uart::kScr), 0xa5);
  out(uart::kLsr, 0x00);
  out(uart::kMsr, 0x00);
  EXPECT_EQ(in(uart::kLsr), 0x60);
  EXPECT_EQ(in(uart::kMsr), 0xb0);
  out(uart::kIer, 0xff);
  EXPECT_EQ(in(uart::kIer), 0x0f);
}

TEST_F(Uart, WindowMirrorsAndWideAccesses) {
  out(0x8 + uart::kScr, 0x42);  // the registers repeat every 8 bytes
  EXPECT_EQ(in(uart::kScr), 0x42);
  EXPECT_EQ(device.read(0xf8 + uart::kScr, 1), 0x42U);
  // A 4-byte write at LCR touches LCR, MCR, LSR (ignored) and MSR (ignored).
  device.write(uart::kLcr, 4, 0xffff'1003);
  EXPECT_EQ(in(uart::kLcr), 0x03);
  EXPECT_EQ(in(uart::kMcr), 0x10);
  // A 2-byte read at LSR returns LSR and MSR.
  EXPECT_EQ(device.read(uart::kLsr, 2) & 0xff, 0x60U);
}

TEST_F(Uart, SaveAndRestore) {
  out(uart::kLcr, 0x80);
  out(uart::kDll, 0x01);
  out(uart::kDlm, 0x02);
  out(uart::kLcr, 0x1b);
  out(uart::kFcr, 0x81);
  out(uart::kIer, uart::kIerRxData | uart::kIerThrEmpty);
  out(uart::kMcr, uart::kMcrOut2 | uart::kMcrDtr);
  out(uart::kScr, 0x77);
  backend.offer("snap");
  state::Writer writer;
  device.save(writer);

  RecordingController plic2;
  ManualBackend backend2;
  Uart16550 copy(&backend2, plic2.line(Uart16550::kIrq));
  state::Reader reader(writer.bytes());
  ASSERT_TRUE(copy.restore(reader).has_value());
  EXPECT_TRUE(plic2.level(Uart16550::kIrq));  // the restored line is driven
  EXPECT_EQ(backend2.resumes(), 1);           // and the back end offers held input again
  const auto read = [&](unsigned reg) { return copy.read(reg, 1); };
  EXPECT_EQ(read(uart::kLcr), 0x1bU);
  EXPECT_EQ(read(uart::kIer), uint64_t{uart::kIerRxData | uart::kIerThrEmpty});
  EXPECT_EQ(read(uart::kMcr), uint64_t{uart::kMcrOut2 | uart::kMcrDtr});
  EXPECT_EQ(read(uart::kScr), 0x77U);
  EXPECT_EQ(read(uart::kIir), 0xccU);
  std::string text;
  for (int i = 0; i < 4; ++i) text += static_cast<char>(read(uart::kRbr));
  EXPECT_EQ(text, "snap");
  copy.write(uart::kLcr, 1, 0x80);
  EXPECT_EQ(read(uart::kDll), 0x01U);
  EXPECT_EQ(read(uart::kDlm), 0x02U);
}

TEST_F(Uart, RestoreRejectsAnOverfullFifo) {
  state::Writer writer;
  writer.begin(state::tag("UART"), 1);
  for (int i = 0; i < 10; ++i) writer.put(uint8_t{0});
  writer.put(uint8_t{200});
  writer.end();
  state::Reader reader(writer.bytes());
  EXPECT_FALSE(device.restore(reader).has_value());
}

TEST_F(Uart, WithoutABackendOutputIsDiscarded) {
  Uart16550 lonely(nullptr, dev::IrqLine{});
  lonely.write(uart::kThr, 1, 'a');
  EXPECT_EQ(lonely.read(uart::kLsr, 1), 0x60U);
}

TEST_F(Uart, DestructionDisconnectsFromTheBackend) {
  ManualBackend other;
  {
    const Uart16550 temporary(&other, dev::IrqLine{});
    EXPECT_TRUE(other.has_receiver());
  }
  EXPECT_FALSE(other.has_receiver());
}

TEST_F(Uart, RandomAccessesLeaveItWorking) {
  std::mt19937_64 random(16550);
  constexpr std::array<unsigned, 4> kSizes = {1, 2, 4, 8};
  for (int i = 0; i < 100'000; ++i) {
    const unsigned size = kSizes[random() % 4];
    const uint64_t offset = random() % (Uart16550::kSize - size + 1);
    if (random() % 2 == 0) {
      device.write(offset, size, random());
    } else {
      device.read(offset, size);
    }
    if (random() % 64 == 0) backend.offer("xyz");
  }
  // A driver's initialisation brings it back to a known state.
  out(uart::kLcr, 0x03);
  out(uart::kMcr, 0);
  out(uart::kIer, 0);
  out(uart::kFcr, uart::kFcrEnable | uart::kFcrClearRx | uart::kFcrClearTx);
  in(uart::kLsr);
  in(uart::kMsr);
  in(uart::kIir);
  EXPECT_EQ(in(uart::kIir), 0xc1);
  EXPECT_FALSE(irq());
  backend.take_output();
  out(uart::kThr, 'o');
  out(uart::kThr, 'k');
  EXPECT_EQ(backend.take_output(), "ok");
  backend.offer("in");
  EXPECT_EQ(drain(), "in");
}

}  // namespace
}  // namespace strata::test
