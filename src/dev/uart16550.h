// The NS16550A UART of QEMU's virt machine (reg-shift 0, byte registers, PLIC source 10), the
// console of OpenSBI, U-Boot and Linux ("ns16550a" in the device tree).
//
//   off  DLAB=0 read / write      DLAB=1
//   0    RBR receive / THR send   DLL divisor low
//   1    IER interrupt enable     DLM divisor high
//   2    IIR interrupt id / FCR FIFO control
//   3    LCR line control (bit 7: DLAB)
//   4    MCR modem control (bit 4: loopback)
//   5    LSR line status (read-only)
//   6    MSR modem status (read-only)
//   7    SCR scratch
//
// Where strata departs from the silicon, and why:
//  - The transmitter is infinitely fast: a byte written to THR goes straight to the back end, so
//    THR and the shift register are always empty (LSR.THRE = LSR.TEMT = 1) and the THRE interrupt
//    comes back right after each write. The divisor and line settings are stored but time
//    nothing. The back end buffers; see backend/char_backend.h.
//  - The receive FIFO never overruns from the back end: the UART takes input only while the FIFO
//    (16 bytes, or 1 with FIFOs off) has room, and asks the back end for more when a read makes
//    room. Only loopback can overrun (LSR.OE), as on the chip.
//  - The character timeout interrupt is reported at once: whenever the FIFO holds data below the
//    trigger level, IIR says "timeout" (0xc) instead of waiting four character times. Drivers
//    treat both the same way: read while LSR.DR.
//  - Modem inputs: outside loopback the UART sees a modem that is always ready (CTS, DSR, DCD).
//  - The window decodes three address bits, so the 8 registers repeat through it; a wider access
//    is taken as consecutive byte accesses, as a byte-wide peripheral on a wider bus sees it.
#pragma once

#include <array>
#include <mutex>
#include <span>

#include "backend/char_backend.h"
#include "dev/irq.h"
#include "dev/mmio_device.h"

namespace strata::dev {

namespace uart {
// Register numbers (offsets with reg-shift 0).
enum Register : unsigned {
  kRbr = 0,
  kThr = 0,
  kDll = 0,
  kIer = 1,
  kDlm = 1,
  kIir = 2,
  kFcr = 2,
  kLcr = 3,
  kMcr = 4,
  kLsr = 5,
  kMsr = 6,
  kScr = 7,
};
// IER
inline constexpr uint8_t kIerRxData = 0x01;       // ERBFI: data available (and timeout)
inline constexpr uint8_t kIerThrEmpty = 0x02;     // ETBEI
inline constexpr uint8_t kIerLineStatus = 0x04;   // ELSI
inline constexpr uint8_t kIerModemStatus = 0x08;  // EDSSI
inline constexpr uint8_t kIerMask = 0x0f;
// IIR, in priority order; bit 0 set means nothing pending; bits 7:6 are set when FIFOs are on.
inline constexpr uint8_t kIirNone = 0x01;
inline constexpr uint8_t kIirLineStatus = 0x06;
inline constexpr uint8_t kIirRxData = 0x04;
inline constexpr uint8_t kIirTimeout = 0x0c;
inline constexpr uint8_t kIirThrEmpty = 0x02;
inline constexpr uint8_t kIirModemStatus = 0x00;
inline constexpr uint8_t kIirFifos = 0xc0;
// FCR
inline constexpr uint8_t kFcrEnable = 0x01;
inline constexpr uint8_t kFcrClearRx = 0x02;
inline constexpr uint8_t kFcrClearTx = 0x04;
inline constexpr uint8_t kFcrDma = 0x08;
inline constexpr uint8_t kFcrTrigger = 0xc0;  // 1, 4, 8 or 14 bytes
// LCR
inline constexpr uint8_t kLcrDlab = 0x80;
// MCR
inline constexpr uint8_t kMcrDtr = 0x01;
inline constexpr uint8_t kMcrRts = 0x02;
inline constexpr uint8_t kMcrOut1 = 0x04;
inline constexpr uint8_t kMcrOut2 = 0x08;
inline constexpr uint8_t kMcrLoop = 0x10;
inline constexpr uint8_t kMcrMask = 0x1f;
// LSR
inline constexpr uint8_t kLsrDataReady = 0x01;
inline constexpr uint8_t kLsrOverrun = 0x02;
inline constexpr uint8_t kLsrParity = 0x04;
inline constexpr uint8_t kLsrFraming = 0x08;
inline constexpr uint8_t kLsrBreak = 0x10;
inline constexpr uint8_t kLsrThrEmpty = 0x20;
inline constexpr uint8_t kLsrTxEmpty = 0x40;
inline constexpr uint8_t kLsrErrors = kLsrOverrun | kLsrParity | kLsrFraming | kLsrBreak;
// MSR: deltas in the low nibble, input levels in the high one.
inline constexpr uint8_t kMsrDeltaCts = 0x01;
inline constexpr uint8_t kMsrDeltaDsr = 0x02;
inline constexpr uint8_t kMsrTrailingRi = 0x04;
inline constexpr uint8_t kMsrDeltaDcd = 0x08;
inline constexpr uint8_t kMsrCts = 0x10;
inline constexpr uint8_t kMsrDsr = 0x20;
inline constexpr uint8_t kMsrRi = 0x40;
inline constexpr uint8_t kMsrDcd = 0x80;
}  // namespace uart

class Uart16550 final : public MmioDevice {
 public:
  static constexpr uint64_t kBase = 0x1000'0000;
  static constexpr uint64_t kSize = 0x100;
  static constexpr unsigned kIrq = 10;
  static constexpr size_t kFifoSize = 16;

  // Registers with `backend` for input; `backend` may be null (output is discarded, no input)
  // and must outlive the UART.
  Uart16550(backend::CharBackend* backend, IrqLine irq);
  // Unregisters from the back end, waiting for a delivery in progress to finish.
  ~Uart16550() override;
  Uart16550(const Uart16550&) = delete;
  Uart16550& operator=(const Uart16550&) = delete;

  std::string_view name() const override { return "uart16550"; }
  uint64_t read(uint64_t offset, unsigned size) override;
  void write(uint64_t offset, unsigned size, uint64_t value) override;
  void save(state::Writer& out) const override;
  [[nodiscard]] Result<void> restore(state::Reader& in) override;

 private:
  // The back end's receiver (its I/O thread): takes what fits in the receive FIFO.
  size_t receive(std::span<const uint8_t> bytes);

  uint8_t read_register(unsigned reg);
  void write_register(unsigned reg, uint8_t value);
  void transmit(uint8_t byte);
  void write_ier(uint8_t value);
  void write_fcr(uint8_t value);
  void write_mcr(uint8_t value);

  bool fifo_enabled() const { return (fcr_ & uart::kFcrEnable) != 0; }
  bool loopback() const { return (mcr_ & uart::kMcrLoop) != 0; }
  size_t rx_capacity() const { return fifo_enabled() ? kFifoSize : 1; }
  size_t rx_trigger() const;
  void push_rx(uint8_t byte);
  uint8_t pop_rx();
  uint8_t line_status() const;
  uint8_t modem_inputs() const;
  uint8_t interrupt_id() const;
  // Drives the interrupt line (only on a change, unless `force`) and notes whether the back end
  // should resume input; called at the end of every locked operation.
  void settle(bool force = false);
  // Tells the back end there is room again, if it was told there was none; call unlocked.
  void resume_backend_if_needed();

  backend::CharBackend* backend_;
  IrqLine irq_;

  mutable std::mutex mutex_;
  // Guest-visible state.
  uint8_t ier_ = 0;
  uint8_t lcr_ = 0;
  uint8_t mcr_ = 0;
  uint8_t scr_ = 0;
  uint8_t dll_ = 0;
  uint8_t dlm_ = 0;
  uint8_t fcr_ = 0;         // enable, DMA mode and trigger bits as last programmed
  uint8_t lsr_errors_ = 0;  // sticky error bits, cleared by reading LSR
  uint8_t msr_deltas_ = 0;  // cleared by reading MSR
  bool thr_interrupt_ = false;
  std::array<uint8_t, kFifoSize> rx_{};
  size_t rx_head_ = 0;
  size_t rx_count_ = 0;
  // Host-side state.
  bool irq_level_ = false;
  bool input_refused_ = false;  // receive() turned bytes away; the back end is holding them
  bool resume_due_ = false;     // there is room now: call resume_input() after unlocking
};

}  // namespace strata::dev
