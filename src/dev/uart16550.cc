#include "dev/uart16550.h"

#include <algorithm>
#include <utility>

namespace strata::dev {
namespace {

constexpr uint32_t kSection = state::tag("UART");
constexpr uint32_t kVersion = 1;

// A modem that is always ready, for when the UART is not looped back.
constexpr uint8_t kReadyModem = uart::kMsrCts | uart::kMsrDsr | uart::kMsrDcd;

}  // namespace

Uart16550::Uart16550(backend::CharBackend* backend, IrqLine irq) : backend_(backend), irq_(irq) {
  if (backend_ != nullptr) {
    backend_->set_receiver([this](std::span<const uint8_t> bytes) { return receive(bytes); });
  }
}

Uart16550::~Uart16550() {
  if (backend_ != nullptr) backend_->set_receiver({});
}

uint64_t Uart16550::read(uint64_t offset, unsigned size) {
  uint64_t value = 0;
  {
    const std::lock_guard lock(mutex_);
    for (unsigned i = 0; i < size; ++i) {
      value |= uint64_t{read_register(static_cast<unsigned>(offset + i) % 8)} << (8 * i);
    }
    settle();
  }
  resume_backend_if_needed();
  return value;
}

void Uart16550::write(uint64_t offset, unsigned size, uint64_t value) {
  {
    const std::lock_guard lock(mutex_);
    for (unsigned i = 0; i < size; ++i) {
      write_register(static_cast<unsigned>(offset + i) % 8, static_cast<uint8_t>(value >> (8 * i)));
    }
    settle();
  }
  resume_backend_if_needed();
}

uint8_t Uart16550::read_register(unsigned reg) {
  const bool dlab = (lcr_ & uart::kLcrDlab) != 0;
  switch (reg) {
    case uart::kRbr: return dlab ? dll_ : pop_rx();
    case uart::kIer: return dlab ? dlm_ : ier_;
    case uart::kIir: {
      const uint8_t id = interrupt_id();
      // Reading IIR acknowledges a THRE interrupt, but only when that is what it reports.
      if ((id & 0x0f) == uart::kIirThrEmpty) thr_interrupt_ = false;
      return id;
    }
    case uart::kLcr: return lcr_;
    case uart::kMcr: return mcr_;
    case uart::kLsr: {
      const uint8_t status = line_status();
      lsr_errors_ = 0;
      return status;
    }
    case uart::kMsr: {
      const uint8_t status = modem_inputs() | msr_deltas_;
      msr_deltas_ = 0;
      return status;
    }
    default: return scr_;
  }
}

void Uart16550::write_register(unsigned reg, uint8_t value) {
  const bool dlab = (lcr_ & uart::kLcrDlab) != 0;
  switch (reg) {
    case uart::kThr:
      if (dlab) {
        dll_ = value;
      } else {
        transmit(value);
      }
      break;
    case uart::kIer:
      if (dlab) {
        dlm_ = value;
      } else {
        write_ier(value);
      }
      break;
    case uart::kFcr: write_fcr(value); break;
    case uart::kLcr: lcr_ = value; break;
    case uart::kMcr: write_mcr(value); break;
    case uart::kScr: scr_ = value; break;
    default: break;  // LSR and MSR are read-only
  }
}

// Writing THR acknowledges the THRE interrupt; the byte leaves at once, so THR is empty again
// and the interrupt is due again straight away.
void Uart16550::transmit(uint8_t byte) {
  if (loopback()) {
    push_rx(byte);
  } else if (backend_ != nullptr) {
    backend_->write(std::span<const uint8_t>(&byte, 1));
  }
  thr_interrupt_ = true;
}

// Enabling ETBEI while THR is empty (it always is) raises the THRE interrupt, which drivers
// rely on to start transmitting; disabling it withdraws it.
void Uart16550::write_ier(uint8_t value) {
  value &= uart::kIerMask;
  if (((ier_ ^ value) & uart::kIerThrEmpty) != 0) {
    thr_interrupt_ = (value & uart::kIerThrEmpty) != 0;
  }
  ier_ = value;
}

void Uart16550::write_fcr(uint8_t value) {
  const bool enable = (value & uart::kFcrEnable) != 0;
  // Switching the FIFOs on or off empties them.
  if (enable != fifo_enabled()) rx_head_ = rx_count_ = 0;
  if (!enable) {
    // The other bits are only programmed together with FCR0 set.
    fcr_ &= static_cast<uint8_t>(~uart::kFcrEnable);
    return;
  }
  if ((value & uart::kFcrClearRx) != 0) rx_head_ = rx_count_ = 0;
  // kFcrClearTx has nothing to clear: the transmitter is always empty.
  fcr_ = value & (uart::kFcrEnable | uart::kFcrDma | uart::kFcrTrigger);
}

void Uart16550::write_mcr(uint8_t value) {
  const uint8_t before = modem_inputs();
  mcr_ = value & uart::kMcrMask;
  const uint8_t after = modem_inputs();
  const uint8_t changed = before ^ after;
  if ((changed & uart::kMsrCts) != 0) msr_deltas_ |= uart::kMsrDeltaCts;
  if ((changed & uart::kMsrDsr) != 0) msr_deltas_ |= uart::kMsrDeltaDsr;
  if ((changed & uart::kMsrDcd) != 0) msr_deltas_ |= uart::kMsrDeltaDcd;
  if ((before & uart::kMsrRi) != 0 && (after & uart::kMsrRi) == 0) {
    msr_deltas_ |= uart::kMsrTrailingRi;
  }
}

size_t Uart16550::rx_trigger() const {
  static constexpr std::array<size_t, 4> kLevels = {1, 4, 8, 14};
  return kLevels[(fcr_ & uart::kFcrTrigger) >> 6];
}

void Uart16550::push_rx(uint8_t byte) {
  if (rx_count_ == rx_capacity()) {
    lsr_errors_ |= uart::kLsrOverrun;  // the new character is lost; the FIFO keeps its bytes
    return;
  }
  rx_[(rx_head_ + rx_count_) % kFifoSize] = byte;
  ++rx_count_;
}

uint8_t Uart16550::pop_rx() {
  if (rx_count_ == 0) return 0;
  const uint8_t byte = rx_[rx_head_];
  rx_head_ = (rx_head_ + 1) % kFifoSize;
  --rx_count_;
  return byte;
}

uint8_t Uart16550::line_status() const {
  return (rx_count_ > 0 ? uart::kLsrDataReady : 0) | lsr_errors_ | uart::kLsrThrEmpty |
         uart::kLsrTxEmpty;
}

// In loopback the modem outputs feed the inputs: RTS to CTS, DTR to DSR, OUT1 to RI, OUT2 to DCD.
uint8_t Uart16550::modem_inputs() const {
  if (!loopback()) return kReadyModem;
  uint8_t inputs = 0;
  if ((mcr_ & uart::kMcrRts) != 0) inputs |= uart::kMsrCts;
  if ((mcr_ & uart::kMcrDtr) != 0) inputs |= uart::kMsrDsr;
  if ((mcr_ & uart::kMcrOut1) != 0) inputs |= uart::kMsrRi;
  if ((mcr_ & uart::kMcrOut2) != 0) inputs |= uart::kMsrDcd;
  return inputs;
}

uint8_t Uart16550::interrupt_id() const {
  uint8_t id = uart::kIirNone;
  if ((ier_ & uart::kIerLineStatus) != 0 && (lsr_errors_ & uart::kLsrErrors) != 0) {
    id = uart::kIirLineStatus;
  } else if ((ier_ & uart::kIerRxData) != 0 && rx_count_ > 0) {
    id = fifo_enabled() && rx_count_ < rx_trigger() ? uart::kIirTimeout : uart::kIirRxData;
  } else if ((ier_ & uart::kIerThrEmpty) != 0 && thr_interrupt_) {
    id = uart::kIirThrEmpty;
  } else if ((ier_ & uart::kIerModemStatus) != 0 && (msr_deltas_ & 0x0f) != 0) {
    id = uart::kIirModemStatus;
  }
  return fifo_enabled() ? id | uart::kIirFifos : id;
}

void Uart16550::settle(bool force) {
  const bool level = (interrupt_id() & uart::kIirNone) == 0;
  if (level != irq_level_ || force) {
    irq_level_ = level;
    irq_.set(level);
  }
  if (input_refused_ && !loopback() && rx_count_ < rx_capacity()) {
    input_refused_ = false;
    resume_due_ = true;
  }
}

void Uart16550::resume_backend_if_needed() {
  bool due = false;
  {
    const std::lock_guard lock(mutex_);
    due = std::exchange(resume_due_, false);
  }
  if (due && backend_ != nullptr) backend_->resume_input();
}

size_t Uart16550::receive(std::span<const uint8_t> bytes) {
  const std::lock_guard lock(mutex_);
  // In loopback the receiver listens to the transmitter only; the back end keeps its bytes.
  const size_t room = loopback() ? 0 : rx_capacity() - rx_count_;
  const size_t taken = std::min(room, bytes.size());
  for (size_t i = 0; i < taken; ++i) push_rx(bytes[i]);
  if (taken < bytes.size()) input_refused_ = true;
  settle();
  return taken;
}

void Uart16550::save(state::Writer& out) const {
  const std::lock_guard lock(mutex_);
  out.begin(kSection, kVersion);
  for (const uint8_t reg : {ier_, lcr_, mcr_, scr_, dll_, dlm_, fcr_, lsr_errors_, msr_deltas_}) {
    out.put(reg);
  }
  out.put(static_cast<uint8_t>(thr_interrupt_ ? 1 : 0));
  out.put(static_cast<uint8_t>(rx_count_));
  for (size_t i = 0; i < rx_count_; ++i) out.put(rx_[(rx_head_ + i) % kFifoSize]);
  out.end();
}

Result<void> Uart16550::restore(state::Reader& in) {
  if (auto version = in.begin(kSection, kVersion); !version) {
    return std::unexpected(version.error());
  }
  std::array<uint8_t, 9> regs{};
  for (uint8_t& reg : regs) reg = in.get<uint8_t>();
  const bool thr_interrupt = in.get<uint8_t>() != 0;
  const size_t rx_count = in.get<uint8_t>();
  if (in.ok() && rx_count > kFifoSize) {
    return fail("UART state holds {} received bytes, the FIFO has {}", rx_count, kFifoSize);
  }
  std::array<uint8_t, kFifoSize> rx{};
  for (size_t i = 0; i < rx_count; ++i) rx[i] = in.get<uint8_t>();
  if (auto end = in.end(); !end) return end;
  {
    const std::lock_guard lock(mutex_);
    ier_ = regs[0] & uart::kIerMask;
    lcr_ = regs[1];
    mcr_ = regs[2] & uart::kMcrMask;
    scr_ = regs[3];
    dll_ = regs[4];
    dlm_ = regs[5];
    fcr_ = regs[6] & (uart::kFcrEnable | uart::kFcrDma | uart::kFcrTrigger);
    lsr_errors_ = regs[7] & uart::kLsrErrors;
    msr_deltas_ = regs[8] & 0x0f;
    thr_interrupt_ = thr_interrupt;
    rx_ = rx;
    rx_head_ = 0;
    rx_count_ = std::min(rx_count, rx_capacity());
    input_refused_ = true;  // whatever the back end holds is welcome if there is room
    settle(/*force=*/true);
  }
  resume_backend_if_needed();
  return {};
}

}  // namespace strata::dev
