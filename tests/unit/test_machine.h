// Shared fixtures for the CPU unit tests: a single-hart machine without devices (guest RAM, a
// bus, a clock, a hart and its interpreter), a tiny RV64 assembler, and a page-table builder.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <bit>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#include "cpu/clock.h"
#include "cpu/csr.h"
#include "cpu/hart.h"
#include "cpu/pmp.h"
#include "cpu/privilege.h"
#include "cpu/pte.h"
#include "exec/interpreter.h"
#include "mem/bus.h"
#include "mem/guest_ram.h"

namespace strata::test {

inline constexpr uint64_t kRamBase = 0x8000'0000;

// Integer register numbers (ABI names).
enum Reg : unsigned {
  zero = 0,
  ra = 1,
  sp = 2,
  gp = 3,
  tp = 4,
  t0 = 5,
  t1 = 6,
  t2 = 7,
  s0 = 8,
  s1 = 9,
  a0 = 10,
  a1 = 11,
  a2 = 12,
  a3 = 13,
  a4 = 14,
  a5 = 15,
  a6 = 16,
  a7 = 17,
  s2 = 18,
  s3 = 19,
  s4 = 20,
  s5 = 21,
  s6 = 22,
  s7 = 23,
  s8 = 24,
  s9 = 25,
  s10 = 26,
  s11 = 27,
  t3 = 28,
  t4 = 29,
  t5 = 30,
  t6 = 31
};

// A minimal RV64 assembler: each function returns one instruction word.
namespace rv {

constexpr uint32_t r_type(uint32_t opcode, unsigned rd, unsigned funct3, unsigned rs1, unsigned rs2,
                          uint32_t funct7) {
  return opcode | (rd << 7) | (funct3 << 12) | (rs1 << 15) | (rs2 << 20) | (funct7 << 25);
}
constexpr uint32_t i_type(uint32_t opcode, unsigned rd, unsigned funct3, unsigned rs1,
                          int32_t imm) {
  return opcode | (rd << 7) | (funct3 << 12) | (rs1 << 15) |
         ((static_cast<uint32_t>(imm) & 0xfffU) << 20);
}
constexpr uint32_t s_type(uint32_t opcode, unsigned funct3, unsigned rs1, unsigned rs2,
                          int32_t imm) {
  const auto u = static_cast<uint32_t>(imm);
  return opcode | ((u & 0x1fU) << 7) | (funct3 << 12) | (rs1 << 15) | (rs2 << 20) |
         (((u >> 5) & 0x7fU) << 25);
}
constexpr uint32_t b_type(unsigned funct3, unsigned rs1, unsigned rs2, int32_t offset) {
  const auto u = static_cast<uint32_t>(offset);
  return 0x63U | (((u >> 11) & 1U) << 7) | (((u >> 1) & 0xfU) << 8) | (funct3 << 12) | (rs1 << 15) |
         (rs2 << 20) | (((u >> 5) & 0x3fU) << 25) | (((u >> 12) & 1U) << 31);
}

constexpr uint32_t lui(unsigned rd, int32_t imm20) {
  return 0x37U | (rd << 7) | ((static_cast<uint32_t>(imm20) & 0xfffffU) << 12);
}
constexpr uint32_t auipc(unsigned rd, int32_t imm20) {
  return 0x17U | (rd << 7) | ((static_cast<uint32_t>(imm20) & 0xfffffU) << 12);
}
constexpr uint32_t jal(unsigned rd, int32_t offset) {
  const auto u = static_cast<uint32_t>(offset);
  return 0x6fU | (rd << 7) | (((u >> 12) & 0xffU) << 12) | (((u >> 11) & 1U) << 20) |
         (((u >> 1) & 0x3ffU) << 21) | (((u >> 20) & 1U) << 31);
}
constexpr uint32_t jalr(unsigned rd, unsigned rs1, int32_t imm) {
  return i_type(0x67, rd, 0, rs1, imm);
}
constexpr uint32_t beq(unsigned rs1, unsigned rs2, int32_t off) {
  return b_type(0, rs1, rs2, off);
}
constexpr uint32_t bne(unsigned rs1, unsigned rs2, int32_t off) {
  return b_type(1, rs1, rs2, off);
}
constexpr uint32_t addi(unsigned rd, unsigned rs1, int32_t imm) {
  return i_type(0x13, rd, 0, rs1, imm);
}
constexpr uint32_t addiw(unsigned rd, unsigned rs1, int32_t imm) {
  return i_type(0x1b, rd, 0, rs1, imm);
}
constexpr uint32_t slli(unsigned rd, unsigned rs1, unsigned shamt) {
  return i_type(0x13, rd, 1, rs1, static_cast<int32_t>(shamt & 63U));
}
constexpr uint32_t add(unsigned rd, unsigned rs1, unsigned rs2) {
  return r_type(0x33, rd, 0, rs1, rs2, 0);
}
constexpr uint32_t sub(unsigned rd, unsigned rs1, unsigned rs2) {
  return r_type(0x33, rd, 0, rs1, rs2, 0x20);
}
constexpr uint32_t sltiu(unsigned rd, unsigned rs1, int32_t imm) {
  return i_type(0x13, rd, 3, rs1, imm);
}
constexpr uint32_t nop() {
  return addi(zero, zero, 0);
}
constexpr uint32_t mv(unsigned rd, unsigned rs) {
  return addi(rd, rs, 0);
}
constexpr uint32_t ld(unsigned rd, unsigned rs1, int32_t imm) {
  return i_type(0x03, rd, 3, rs1, imm);
}
constexpr uint32_t lw(unsigned rd, unsigned rs1, int32_t imm) {
  return i_type(0x03, rd, 2, rs1, imm);
}
constexpr uint32_t sd(unsigned rs2, unsigned rs1, int32_t imm) {
  return s_type(0x23, 3, rs1, rs2, imm);
}
constexpr uint32_t sw(unsigned rs2, unsigned rs1, int32_t imm) {
  return s_type(0x23, 2, rs1, rs2, imm);
}
constexpr uint32_t lr_d(unsigned rd, unsigned rs1) {
  return r_type(0x2f, rd, 3, rs1, 0, 0x08);
}
constexpr uint32_t sc_d(unsigned rd, unsigned rs1, unsigned rs2) {
  return r_type(0x2f, rd, 3, rs1, rs2, 0x0c);
}
constexpr uint32_t csrrw(unsigned rd, uint16_t csr, unsigned rs1) {
  return i_type(0x73, rd, 1, rs1, csr);
}
constexpr uint32_t csrrs(unsigned rd, uint16_t csr, unsigned rs1) {
  return i_type(0x73, rd, 2, rs1, csr);
}
constexpr uint32_t csrrc(unsigned rd, uint16_t csr, unsigned rs1) {
  return i_type(0x73, rd, 3, rs1, csr);
}
constexpr uint32_t csrrsi(unsigned rd, uint16_t csr, unsigned uimm) {
  return i_type(0x73, rd, 6, uimm, csr);
}
constexpr uint32_t csrr(unsigned rd, uint16_t csr) {
  return csrrs(rd, csr, zero);
}
constexpr uint32_t csrw(uint16_t csr, unsigned rs1) {
  return csrrw(zero, csr, rs1);
}
constexpr uint32_t ecall() {
  return 0x00000073;
}
constexpr uint32_t ebreak() {
  return 0x00100073;
}
constexpr uint32_t sret() {
  return 0x10200073;
}
constexpr uint32_t mret() {
  return 0x30200073;
}
constexpr uint32_t wfi() {
  return 0x10500073;
}
constexpr uint32_t fence_i() {
  return 0x0000100f;
}
constexpr uint32_t sfence_vma(unsigned rs1, unsigned rs2) {
  return r_type(0x73, 0, 0, rs1, rs2, 0x09);
}

// Compressed encodings.
constexpr uint16_t c_nop() {
  return 0x0001;
}
constexpr uint16_t c_li(unsigned rd, int32_t imm6) {
  const auto u = static_cast<uint32_t>(imm6);
  return static_cast<uint16_t>(0x4001U | (((u >> 5) & 1U) << 12) | (rd << 7) | ((u & 0x1fU) << 2));
}

// Loads an arbitrary 64-bit constant (the usual lui/addiw/slli/addi expansion).
inline void li(std::vector<uint32_t>& out, unsigned rd, uint64_t value) {
  const auto v = static_cast<int64_t>(value);
  const auto lo12 = static_cast<int32_t>(static_cast<int64_t>(value << 52) >> 52);
  if (v >= INT32_MIN && v <= INT32_MAX) {
    const int64_t hi20 = (v - lo12) >> 12;
    if (hi20 != 0) {
      out.push_back(lui(rd, static_cast<int32_t>(hi20)));
      out.push_back(addiw(rd, rd, lo12));
    } else {
      out.push_back(addi(rd, zero, lo12));
    }
    return;
  }
  int64_t hi =
      static_cast<int64_t>(value - static_cast<uint64_t>(static_cast<int64_t>(lo12))) >> 12;
  const auto zeros = static_cast<unsigned>(std::countr_zero(static_cast<uint64_t>(hi)));
  hi >>= zeros;
  li(out, rd, static_cast<uint64_t>(hi));
  out.push_back(slli(rd, rd, 12 + zeros));
  if (lo12 != 0) out.push_back(addi(rd, rd, lo12));
}
inline std::vector<uint32_t> li(unsigned rd, uint64_t value) {
  std::vector<uint32_t> out;
  li(out, rd, value);
  return out;
}

}  // namespace rv

// PTE bits (privileged spec 1.12, section 4.3.1).
namespace pte = cpu::pte;

// One hart, RAM at 0x8000_0000 and nothing else. Stores to decoded code invalidate it, as in
// machine::Machine.
// A PMP entry covering all of physical memory with RWX, so S and U accesses are not denied by
// the PMP no-match rule.
inline void allow_all_pmp(cpu::Hart& hart, unsigned entry = 15) {
  hart.s.pmp.addr[entry] = (1ULL << 54) - 1;
  hart.s.pmp.cfg[entry] = cpu::pmpcfg::kR | cpu::pmpcfg::kW | cpu::pmpcfg::kX |
                          static_cast<uint8_t>(cpu::pmpcfg::kNapot << cpu::pmpcfg::kAShift);
  hart.flush_tlb();
}

class TestMachine {
 public:
  explicit TestMachine(uint64_t ram_size = 8ULL << 20) {
    auto created = mem::GuestRam::create(kRamBase, ram_size);
    if (!created) {
      ADD_FAILURE() << created.error().message;
      std::abort();
    }
    ram_ = std::move(*created);
    bus_ = std::make_unique<mem::Bus>(*ram_);
    hart_ = std::make_unique<cpu::Hart>(0, *bus_, clock_);
    interpreter_ = std::make_unique<exec::Interpreter>(*hart_, stop_);
    ram_->set_watch_handler([this](uint64_t paddr, uint64_t length, int /*source_hart*/) {
      for (uint64_t page = paddr & ~(mem::kPageSize - 1); page < paddr + length;
           page += mem::kPageSize) {
        interpreter_->code_cache().invalidate_page(page);
      }
    });
    hart_->s.pc = kRamBase;
  }
  ~TestMachine() { ram_->set_watch_handler(nullptr); }
  TestMachine(const TestMachine&) = delete;
  TestMachine& operator=(const TestMachine&) = delete;

  cpu::Hart& hart() { return *hart_; }
  cpu::HartState& s() { return hart_->s; }
  mem::GuestRam& ram() { return *ram_; }
  exec::Interpreter& interpreter() { return *interpreter_; }
  const cpu::Clock& clock() const { return clock_; }

  template <typename T>
  void poke(uint64_t paddr, T value) {
    if (auto r = ram_->write(paddr, &value, sizeof value); !r) ADD_FAILURE() << r.error().message;
  }
  template <typename T>
  T peek(uint64_t paddr) const {
    T value{};
    if (auto r = ram_->read(paddr, &value, sizeof value); !r) ADD_FAILURE() << r.error().message;
    return value;
  }
  // Writes 32-bit instruction words from `paddr` on; returns the address after the last one.
  uint64_t place(uint64_t paddr, const std::vector<uint32_t>& code) {
    for (const uint32_t word : code) {
      poke<uint32_t>(paddr, word);
      paddr += 4;
    }
    return paddr;
  }

  // Runs until `count` more instructions have retired (or the run stops otherwise).
  exec::StopReason run(uint64_t count) {
    exec::RunLimits limits;
    limits.max_instructions = hart_->s.instret + count;
    limits.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    return interpreter_->run(limits);
  }

  // Runs until pc reaches `pc`, which must be a jump-to-self ending the program, in runs of
  // `chunk` instructions (large enough that decoded blocks run whole).
  void run_until(uint64_t pc, uint64_t chunk = 1000, unsigned max_runs = 100) {
    for (unsigned i = 0; i < max_runs && hart_->s.pc != pc; ++i) run(chunk);
    EXPECT_EQ(hart_->s.pc, pc);
  }

  void allow_all_pmp(unsigned entry = 15) { test::allow_all_pmp(*hart_, entry); }

 private:
  std::unique_ptr<mem::GuestRam> ram_;
  std::unique_ptr<mem::Bus> bus_;
  cpu::Clock clock_;
  std::unique_ptr<cpu::Hart> hart_;
  std::atomic<bool> stop_{false};
  std::unique_ptr<exec::Interpreter> interpreter_;
};

// Builds Sv39/Sv48/Sv57 page tables in guest RAM, allocating table pages from a pool. `Machine`
// has poke and peek as TestMachine does.
template <typename Machine>
class PageTables {
 public:
  // `levels` is 3 (Sv39), 4 (Sv48) or 5 (Sv57).
  PageTables(Machine& machine, unsigned levels, uint64_t pool)
      : machine_(machine), levels_(levels), next_(pool) {
    root_ = allocate();
  }

  uint64_t root() const { return root_; }
  uint64_t satp(uint64_t asid = 0) const {
    const uint64_t mode = levels_ == 3 ? 8 : levels_ == 4 ? 9 : 10;
    return (mode << 60) | (asid << 44) | (root_ >> 12);
  }

  // Maps the page of size 4 KiB << (9 * level) at `va` to `pa` with leaf bits `flags` (V is
  // added); returns the guest physical address of the leaf PTE.
  uint64_t map(uint64_t va, uint64_t pa, uint64_t flags, unsigned level = 0) {
    const uint64_t slot = leaf_slot(va, level);
    machine_.template poke<uint64_t>(slot, ((pa >> 12) << 10) | flags | pte::kV);
    return slot;
  }
  // The address of the PTE that translates `va` at `level`, creating tables above it.
  uint64_t leaf_slot(uint64_t va, unsigned level) {
    uint64_t table = root_;
    for (unsigned l = levels_ - 1; l > level; --l) {
      const uint64_t slot = table + ((va >> (12 + 9 * l)) & 0x1ffU) * 8;
      auto entry = machine_.template peek<uint64_t>(slot);
      if ((entry & pte::kV) == 0) {
        entry = ((allocate() >> 12) << 10) | pte::kV;
        machine_.template poke<uint64_t>(slot, entry);
      }
      table = ((entry >> 10) & ((1ULL << 44) - 1)) << 12;
    }
    return table + ((va >> (12 + 9 * level)) & 0x1ffU) * 8;
  }

 private:
  uint64_t allocate() {
    const uint64_t page = next_;
    next_ += mem::kPageSize;
    for (uint64_t off = 0; off < mem::kPageSize; off += 8)
      machine_.template poke<uint64_t>(page + off, 0);
    return page;
  }

  Machine& machine_;
  unsigned levels_;
  uint64_t next_;
  uint64_t root_ = 0;
};

// The exception a failed access recorded, delivered and read back; the hart's privilege and
// mstatus are restored afterwards so a test can go on.
struct Fault {
  uint64_t cause;
  uint64_t tval;
};
inline Fault deliver(cpu::Hart& hart) {
  const cpu::Priv priv = hart.s.priv;
  const uint64_t mstatus = hart.s.mstatus;
  const uint64_t pc = hart.s.pc;
  hart.take_exception(pc);
  Fault f{};
  if (hart.s.priv == cpu::Priv::kMachine) {
    f = {hart.s.mcause, hart.s.mtval};
  } else {
    f = {hart.s.scause, hart.s.stval};
  }
  hart.s.mstatus = mstatus;
  hart.s.pc = pc;
  hart.set_priv(priv);
  return f;
}

constexpr uint64_t cause(cpu::Exception e) {
  return static_cast<uint64_t>(e);
}
constexpr uint64_t irq_cause(cpu::Interrupt i) {
  return cpu::kInterruptBit | static_cast<uint64_t>(i);
}

}  // namespace strata::test
