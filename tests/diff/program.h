// A generated test program: its instructions as relocatable items (so it can be laid out again
// after shrinking), the guest physical memory layout every program shares, and the initial state
// both engines start from.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cpu/privilege.h"

namespace strata::diff {

// Guest physical layout (RAM at 0x8000_0000). Everything a program touches lies in the first
// kHashedBytes of RAM or in its last page, which the final-state hash covers.
namespace layout {
inline constexpr uint64_t kRamBase = 0x8000'0000;
inline constexpr uint64_t kRamSize = 1ULL << 20;
inline constexpr uint64_t kRamEnd = kRamBase + kRamSize;
inline constexpr uint64_t kTrapHandler = kRamBase;        // M-mode trap vector (fixed code)
inline constexpr uint64_t kTrapArea = kRamBase + 0x1000;  // tp: handler saves and trap log
inline constexpr uint64_t kTrapSave = 0x00;               // t0..t2 saved by the handler
inline constexpr uint64_t kTrapCount = 0x18;
inline constexpr uint64_t kTrapResume = 0x20;       // where a fetch fault resumes
inline constexpr uint64_t kEndInstret = 0x28;       // instret as the program's end code read it
inline constexpr uint64_t kTrapRegisterSum = 0x30;  // checksum of x1..x31 at every trap
inline constexpr uint64_t kTrapLog = 0x40;          // 64 records of cause, epc, tval, mstatus
inline constexpr unsigned kTrapLogEntries = 64;
inline constexpr uint64_t kCode = kRamBase + 0x4000;
inline constexpr uint64_t kCodeLimit = kRamBase + 0x10000;
inline constexpr uint64_t kData = kRamBase + 0x10000;  // 16 KiB of random data
inline constexpr uint64_t kDataSize = 0x4000;
inline constexpr uint64_t kDataPointer = kData + 0x2000;   // sp
inline constexpr uint64_t kDataPointer2 = kData + 0x3000;  // s0: a page boundary
inline constexpr uint64_t kReadOnlyPage = kRamBase + 0x14000;
inline constexpr uint64_t kSupervisorPage = kRamBase + 0x15000;  // no U bit under paging
inline constexpr uint64_t kExecuteOnlyPage = kRamBase + 0x16000;
inline constexpr uint64_t kUnmappedPage = kRamBase + 0x17000;  // no PTE under paging
inline constexpr uint64_t kPageTables = kRamBase + 0x20000;
inline constexpr uint64_t kPageTables2 = kRamBase + 0x24000;  // the same, two data pages swapped
inline constexpr uint64_t kHashedBytes = 0x30000;
inline constexpr uint64_t kLastPage = kRamEnd - 0x1000;  // stores straddling the end of RAM
// What the final-state hash covers: every page a program can write.
inline constexpr std::array<std::pair<uint64_t, uint64_t>, 2> kHashedRanges = {
    {{kRamBase, kRamBase + kHashedBytes}, {kLastPage, kRamEnd}}};
// A device window: a write to offset 0 ends the run, the rest is scratch memory.
inline constexpr uint64_t kDevice = 0x1000'0000;
inline constexpr uint64_t kDeviceSize = 0x1000;
inline constexpr uint64_t kNoDevice = 0x7000'0000;  // nothing answers here
}  // namespace layout

// Registers with a fixed role; random instructions only read them.
namespace reg {
inline constexpr unsigned kZero = 0;
inline constexpr unsigned kRa = 1;      // link register of calls
inline constexpr unsigned kSp = 2;      // data pointer (layout::kDataPointer)
inline constexpr unsigned kTp = 4;      // trap area (layout::kTrapArea)
inline constexpr unsigned kS0 = 8;      // second data pointer (layout::kDataPointer2)
inline constexpr unsigned kS1 = 9;      // a "bad" address: protected, unmapped or a device
inline constexpr unsigned kLoop0 = 26;  // s10: outer loop counter
inline constexpr unsigned kLoop1 = 27;  // s11: inner loop counter
}  // namespace reg

enum class Fixup : uint8_t {
  kNone,
  kBranch,   // B-type offset to the target
  kJal,      // J-type offset
  kCBranch,  // c.beqz/c.bnez offset (widened to a B-type branch when out of range)
  kCJ,       // c.j offset (widened to jal x0)
  kAuipc,    // auipc with the high part of target - this pc
  kAddiLo,   // addi with the low part, relative to the auipc just before it
};

struct Insn {
  uint32_t bits = 0;
  bool compressed = false;
  Fixup fixup = Fixup::kNone;
};

// One or more instructions that belong together (an address computation and its access, a
// counted loop's back edge...). `target` is an item index for the fixups.
struct Item {
  std::vector<Insn> insns;
  int target = -1;
  bool removable = true;   // the shrinker may replace it with nothing
  bool patchable = false;  // a lone 32-bit ALU instruction that self-modifying code may rewrite
  bool patches = false;    // stores a new instruction over `target` (dropped along with it)
};

struct InitialState {
  std::array<uint64_t, 32> x{};
  std::array<uint64_t, 32> f{};
  cpu::Priv priv = cpu::Priv::kMachine;
  uint64_t mstatus = 0;  // writable bits only
  uint8_t frm = 0;
  uint8_t fflags = 0;
  bool paging = false;            // Sv39 with the layout's mappings (S and U programs)
  bool data_page3_clean = false;  // its PTE has A and D clear
  // M-mode without paging, and no locked read-only page: PMP lets M-mode at all of RAM, so the
  // translator's loads and stores take their direct paths (the store window's included).
  bool pmp_open = false;
};

struct Program {
  uint64_t seed = 0;
  InitialState initial;
  std::vector<Item> items;
  size_t body_begin = 0;  // items [body_begin, end_item) are the random body
  size_t end_item = 0;    // first item of the end code; the sentinel follows it
  size_t sentinel_item = 0;
  std::vector<uint8_t> data;  // initial contents of the data region
};

// The program laid out in memory.
struct Image {
  uint64_t base = layout::kCode;
  std::vector<uint8_t> bytes;
  std::vector<uint64_t> item_address;  // per item
  uint64_t entry = 0;
  uint64_t sentinel = 0;  // the final jump-to-self
};

// Assigns addresses and resolves fixups, widening compressed branches that cannot reach. Fails
// (with a reason) when a branch is still out of range or the code does not fit.
[[nodiscard]] bool lay_out(const Program& program, Image& image, std::string& error);

// The program as assembly text, one instruction a line with its address and encoding.
std::string disassemble(const Program& program, const Image& image);

// A copy of `program` with only the first `count` body items (later targets go to the end code)
// and without the body items in `dropped`.
Program truncated(const Program& program, size_t count, const std::vector<size_t>& dropped = {});

}  // namespace strata::diff
