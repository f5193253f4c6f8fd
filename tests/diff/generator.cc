#include "generator.h"

#include <array>
#include <bit>
#include <random>

#include "encoder.h"
#include "isa/decoder.h"

namespace strata::diff {
namespace {

using enc::b_type;
using enc::i_type;
using enc::r_type;
using enc::s_type;

constexpr unsigned kT0 = 5;
constexpr unsigned kT1 = 6;
constexpr unsigned kT2 = 7;

// Registers random instructions may write.
constexpr std::array<unsigned, 24> kFree = {3,  5,  6,  7,  10, 11, 12, 13, 14, 15, 16, 17,
                                            18, 19, 20, 21, 22, 23, 24, 25, 28, 29, 30, 31};
// The free registers a compressed instruction can name as rd'.
constexpr std::array<unsigned, 6> kFreeCompressed = {10, 11, 12, 13, 14, 15};

constexpr std::array<uint64_t, 26> kEdgeValues = {
    0,
    1,
    2,
    3,
    ~0ULL,
    ~1ULL,
    1ULL << 63,
    ~0ULL >> 1,
    0x7fff'ffff,
    0x8000'0000,
    0xffff'ffff,
    0xffff'ffff'8000'0000,
    0x1'0000'0000,
    0xffff,
    0x8000,
    0xff,
    0x80,
    31,
    32,
    63,
    64,
    0x5555'5555'5555'5555,
    0xaaaa'aaaa'aaaa'aaaa,
    0x0123'4567'89ab'cdef,
    (1ULL << 63) + 1,
    0xffff'ffff'7fff'ffff,
};

constexpr std::array<uint32_t, 14> kSingles = {
    0x3f80'0000, 0x0000'0000, 0x8000'0000, 0x7f80'0000, 0xff80'0000, 0x7fc0'0000, 0x7f80'0001,
    0x0000'0001, 0x7f7f'ffff, 0x0080'0000, 0x4f00'0000, 0x5f00'0000, 0xcf00'0000, 0x3eaa'aaab,
};
constexpr std::array<uint64_t, 14> kDoubles = {
    0x3ff0'0000'0000'0000,
    0,
    1ULL << 63,
    0x7ff0'0000'0000'0000,
    0xfff0'0000'0000'0000,
    0x7ff8'0000'0000'0000,
    0x7ff0'0000'0000'0001,
    1,
    0x7fef'ffff'ffff'ffff,
    0x0010'0000'0000'0000,
    0x41e0'0000'0000'0000,
    0x43e0'0000'0000'0000,
    0xc3e0'0000'0000'0000,
    0x41df'ffff'ffc0'0000,
};

// R-type integer operations: opcode, funct3, funct7.
struct RType {
  uint32_t opcode;
  unsigned funct3;
  uint32_t funct7;
};
constexpr std::array<RType, 50> kRTypes = {{
    {enc::kOp, 0, 0},      {enc::kOp, 0, 0x20},   {enc::kOp, 1, 0},      {enc::kOp, 2, 0},
    {enc::kOp, 3, 0},      {enc::kOp, 4, 0},      {enc::kOp, 5, 0},      {enc::kOp, 5, 0x20},
    {enc::kOp, 6, 0},      {enc::kOp, 7, 0},      {enc::kOp, 0, 1},      {enc::kOp, 1, 1},
    {enc::kOp, 2, 1},      {enc::kOp, 3, 1},      {enc::kOp, 4, 1},      {enc::kOp, 5, 1},
    {enc::kOp, 6, 1},      {enc::kOp, 7, 1},      {enc::kOp, 2, 0x10},   {enc::kOp, 4, 0x10},
    {enc::kOp, 6, 0x10},   {enc::kOp, 7, 0x20},   {enc::kOp, 6, 0x20},   {enc::kOp, 4, 0x20},
    {enc::kOp, 6, 5},      {enc::kOp, 7, 5},      {enc::kOp, 4, 5},      {enc::kOp, 5, 5},
    {enc::kOp, 1, 0x30},   {enc::kOp, 5, 0x30},   {enc::kOp, 1, 0x24},   {enc::kOp, 5, 0x24},
    {enc::kOp, 1, 0x34},   {enc::kOp, 1, 0x14},   {enc::kOp32, 0, 0},    {enc::kOp32, 0, 0x20},
    {enc::kOp32, 1, 0},    {enc::kOp32, 5, 0},    {enc::kOp32, 5, 0x20}, {enc::kOp32, 0, 1},
    {enc::kOp32, 4, 1},    {enc::kOp32, 5, 1},    {enc::kOp32, 6, 1},    {enc::kOp32, 7, 1},
    {enc::kOp32, 0, 4},    {enc::kOp32, 2, 0x10}, {enc::kOp32, 4, 0x10}, {enc::kOp32, 6, 0x10},
    {enc::kOp32, 1, 0x30}, {enc::kOp32, 5, 0x30},
}};
// Shift-like immediates with a 6-bit shamt: funct3 and funct6 (OP-IMM) — slli, srli, srai, rori,
// bclri, bexti, binvi, bseti.
constexpr std::array<std::array<unsigned, 2>, 8> kShifts = {
    {{1, 0x00}, {5, 0x00}, {5, 0x10}, {5, 0x18}, {1, 0x12}, {5, 0x12}, {1, 0x1a}, {1, 0x0a}}};
// Unary Zbb operations: opcode, funct3, the fixed immediate.
constexpr std::array<std::array<uint32_t, 3>, 10> kUnary = {{
    {enc::kOpImm, 1, 0x600},
    {enc::kOpImm, 1, 0x601},
    {enc::kOpImm, 1, 0x602},
    {enc::kOpImm, 1, 0x604},
    {enc::kOpImm, 1, 0x605},
    {enc::kOpImm, 5, 0x287},
    {enc::kOpImm, 5, 0x6b8},
    {enc::kOpImm32, 1, 0x600},
    {enc::kOpImm32, 1, 0x601},
    {enc::kOpImm32, 1, 0x602},
}};

constexpr std::array<uint16_t, 14> kReadableCsrs = {
    0x001, 0x002, 0x003, 0xc00, 0xc02, 0x340, 0x140,
    0x300, 0x301, 0xf14, 0x180, 0x344, 0x304, 0xc03,
};
constexpr std::array<uint16_t, 16> kWritableCsrs = {
    0x001, 0x002, 0x003, 0x340, 0x140, 0x341, 0x342, 0x343,
    0x141, 0x142, 0x143, 0xb00, 0xc00, 0xc02, 0xf14, 0x7c0,  // the last four trap
};

Insn word(uint32_t bits) {
  return {bits, false, Fixup::kNone};
}
Insn half(uint16_t bits) {
  return {bits, true, Fixup::kNone};
}

// Appends the usual lui/addiw/slli/addi expansion of `value` into `rd`.
void load_immediate(std::vector<Insn>& out, unsigned rd, uint64_t value) {
  const auto v = static_cast<int64_t>(value);
  const auto lo12 = static_cast<int32_t>(static_cast<int64_t>(value << 52) >> 52);
  if (v >= INT32_MIN && v <= INT32_MAX) {
    const int64_t hi20 = (v - lo12) >> 12;
    if (hi20 != 0) {
      out.push_back(word(enc::u_type(enc::kLui, rd, static_cast<int32_t>(hi20))));
      out.push_back(word(i_type(enc::kOpImm32, rd, 0, rd, lo12)));
    } else {
      out.push_back(word(enc::addi(rd, 0, lo12)));
    }
    return;
  }
  int64_t hi =
      static_cast<int64_t>(value - static_cast<uint64_t>(static_cast<int64_t>(lo12))) >> 12;
  const auto zeros = static_cast<unsigned>(std::countr_zero(static_cast<uint64_t>(hi)));
  hi >>= zeros;
  load_immediate(out, rd, static_cast<uint64_t>(hi));
  out.push_back(word(i_type(enc::kOpImm, rd, 1, rd, static_cast<int32_t>(12 + zeros))));
  if (lo12 != 0) out.push_back(word(enc::addi(rd, rd, lo12)));
}

// Where scoped forward references resolve: the items of one straight-line scope (the top-level
// body, a loop body, a function), in order, ending with the scope's closing item.
struct Scope {
  std::vector<size_t> items;
  struct Pending {
    size_t item;
    size_t position;
    unsigned distance;
    bool backward;  // self-modifying code may also rewrite an earlier item of a loop body
  };
  std::vector<Pending> pending;
};

class Generator {
 public:
  Generator(uint64_t seed, const GeneratorOptions& options) : rng_(seed), options_(options) {
    program_.seed = seed;
  }

  Program run();

 private:
  uint64_t bits() { return rng_(); }
  unsigned below(unsigned n) { return static_cast<unsigned>(rng_() % n); }
  bool chance(unsigned percent) { return below(100) < percent; }
  template <typename T, size_t N>
  T pick(const std::array<T, N>& choices) {
    return choices[below(N)];
  }
  unsigned free_reg() { return pick(kFree); }
  unsigned any_reg() { return below(32); }
  unsigned c_reg() { return 8 + below(8); }
  int32_t imm12() { return static_cast<int32_t>(bits() % 4096) - 2048; }
  uint64_t edge_value() { return chance(70) ? pick(kEdgeValues) : bits() >> below(64); }
  uint64_t fp_pattern();
  unsigned rounding_mode() {
    if (chance(3)) return 5 + below(2);  // reserved: illegal instruction
    return chance(25) ? 7 : below(5);
  }
  bool paged() const { return program_.initial.paging; }
  bool machine_mode() const { return program_.initial.priv == cpu::Priv::kMachine; }

  size_t emit(Item item);
  size_t emit(std::vector<Insn> insns, bool removable = true) {
    Item item;
    item.insns = std::move(insns);
    item.removable = removable;
    return emit(std::move(item));
  }
  void emit_forward(Item item, unsigned max_distance);

  void open_scope() { scopes_.emplace_back(); }
  void close_scope(size_t closing_item);

  void initial_state();
  void body(unsigned count, unsigned depth, bool in_function);
  void one(unsigned depth, bool in_function);

  void integer_op();
  void compressed_op();
  void load_constant();
  void memory_op();
  void compressed_memory_op();
  void atomic_op();
  void float_op();
  void csr_op();
  void system_op();
  void illegal_op();
  void branch_op();
  void indirect_jump();
  void bad_jump();
  void call();
  void loop(unsigned depth);
  void self_modify();
  void toggle_fp();
  void switch_page_tables();
  void toggle_mprv();

  // An address for a `size`-byte access in a free register `rt`, or a fixed base register;
  // returns the base register and sets `offset`.
  unsigned address(std::vector<Insn>& out, unsigned size, bool for_store, int32_t& offset);
  uint32_t random_alu_word(unsigned rd);

  std::mt19937_64 rng_;
  GeneratorOptions options_;
  Program program_;
  std::vector<Scope> scopes_;
  std::vector<size_t> functions_;  // first item of each function
};

size_t Generator::emit(Item item) {
  program_.items.push_back(std::move(item));
  const size_t index = program_.items.size() - 1;
  if (!scopes_.empty()) scopes_.back().items.push_back(index);
  return index;
}

void Generator::emit_forward(Item item, unsigned max_distance) {
  const size_t index = emit(std::move(item));
  Scope& scope = scopes_.back();
  scope.pending.push_back({index, scope.items.size() - 1, 1 + below(max_distance), false});
}

void Generator::close_scope(size_t closing_item) {
  Scope& scope = scopes_.back();
  scope.items.push_back(closing_item);
  for (const Scope::Pending& p : scope.pending) {
    Item& item = program_.items[p.item];
    if (!item.patches) {
      const size_t target = std::min(p.position + p.distance, scope.items.size() - 1);
      item.target = static_cast<int>(scope.items[target]);
      continue;
    }
    // Self-modifying code rewrites a patchable item of its own scope (later, or earlier in a
    // loop body); without one it becomes a plain no-op.
    std::optional<size_t> found;
    if (p.backward) {
      for (size_t pos = p.position; pos-- > 0;) {
        if (program_.items[scope.items[pos]].patchable) {
          found = scope.items[pos];
          break;
        }
      }
    } else {
      for (size_t pos = p.position + p.distance; pos < scope.items.size(); ++pos) {
        if (program_.items[scope.items[pos]].patchable) {
          found = scope.items[pos];
          break;
        }
      }
    }
    if (found) {
      item.target = static_cast<int>(*found);
    } else {
      item.insns = {word(enc::addi(0, 0, 0))};
      item.patches = false;
    }
  }
  scopes_.pop_back();
}

uint64_t Generator::fp_pattern() {
  switch (below(4)) {
    case 0:
      return 0xffff'ffff'0000'0000ULL |
             (chance(70) ? pick(kSingles) : static_cast<uint32_t>(bits()));
    case 1: return chance(70) ? pick(kDoubles) : bits();
    case 2: return pick(kSingles) | (chance(50) ? 0 : bits() << 32);  // not NaN-boxed
    default: return 0xffff'ffff'0000'0000ULL | (pick(kSingles) ^ (bits() & 0xff));
  }
}

void Generator::initial_state() {
  InitialState& s = program_.initial;
  if (chance(options_.paged_percent)) {
    // S or U code under Sv39, or M-mode code whose loads and stores go through Sv39 as U-mode
    // ones whenever it sets MPRV (MPP is U once a trap has returned).
    s.paging = true;
    const unsigned mode = below(5);
    s.priv = mode < 2 ? cpu::Priv::kSupervisor : mode < 4 ? cpu::Priv::kUser : cpu::Priv::kMachine;
    s.data_page3_clean = chance(30);
  }
  s.pmp_open = !paged() && chance(40);
  for (unsigned r = 1; r < 32; ++r) s.x[r] = edge_value();
  s.x[reg::kSp] = layout::kDataPointer;
  s.x[reg::kTp] = layout::kTrapArea;
  s.x[reg::kS0] = layout::kDataPointer2;
  const std::array<uint64_t, 6> machine_bad = {
      layout::kReadOnlyPage, layout::kDevice + 0x100,       layout::kNoDevice,
      layout::kRamEnd - 8,   layout::kReadOnlyPage + 0xff8, 0};
  const std::array<uint64_t, 7> paged_bad = {layout::kReadOnlyPage,    layout::kSupervisorPage,
                                             layout::kExecuteOnlyPage, layout::kUnmappedPage,
                                             layout::kDevice + 0x100,  0x0000'8000'0000'0000ULL,
                                             layout::kData + 0x3ff8};
  s.x[reg::kS1] = paged() ? pick(paged_bad) : pick(machine_bad);
  s.x[reg::kLoop0] = 0;
  s.x[reg::kLoop1] = 0;
  for (uint64_t& f : s.f) f = fp_pattern();
  s.frm = static_cast<uint8_t>(chance(10) ? 5 + below(3) : below(5));
  s.fflags = static_cast<uint8_t>(below(32));
  const uint64_t fs = chance(10) ? 0 : 1 + below(3);
  s.mstatus = fs << cpu::mstatus::kFSShift;
  if (paged()) {
    if (chance(50)) s.mstatus |= cpu::mstatus::kSUM;
    if (chance(30)) s.mstatus |= cpu::mstatus::kMXR;
  }
  if (paged() && machine_mode()) {
    if (chance(50)) s.mstatus |= cpu::mstatus::kMPRV;  // MPP = U
  } else {
    s.mstatus |= static_cast<uint64_t>(s.priv) << cpu::mstatus::kMPPShift;
  }
  // M-mode programs with MIE set take the supervisor software interrupts they raise (mip.SSIP,
  // enabled in mie, not delegated) right after the write.
  if (machine_mode() && chance(50)) s.mstatus |= cpu::mstatus::kMIE;

  program_.data.resize(layout::kDataSize);
  for (size_t i = 0; i < program_.data.size(); i += 8) {
    const uint64_t v = chance(50) ? edge_value() : fp_pattern();
    for (unsigned b = 0; b < 8; ++b) program_.data[i + b] = static_cast<uint8_t>(v >> (8 * b));
  }
}

uint32_t Generator::random_alu_word(unsigned rd) {
  if (chance(50)) {
    const RType& t = pick(kRTypes);
    return r_type(t.opcode, rd, t.funct3, any_reg(), any_reg(), t.funct7);
  }
  static constexpr std::array<unsigned, 6> kImmFunct3 = {0, 2, 3, 4, 6, 7};
  return i_type(chance(80) ? enc::kOpImm : enc::kOpImm32, rd, chance(80) ? pick(kImmFunct3) : 0,
                any_reg(), imm12());
}

void Generator::integer_op() {
  const unsigned rd = free_reg();
  uint32_t w = 0;
  switch (below(8)) {
    case 0:
    case 1:
    case 2: {
      const RType& t = pick(kRTypes);
      w = r_type(t.opcode, rd, t.funct3, any_reg(), any_reg(), t.funct7);
      break;
    }
    case 3: {
      static constexpr std::array<unsigned, 6> kFunct3 = {0, 2, 3, 4, 6, 7};
      w = i_type(enc::kOpImm, rd, pick(kFunct3), any_reg(), imm12());
      break;
    }
    case 4: {
      const auto& s = pick(kShifts);
      w = i_type(enc::kOpImm, rd, s[0], any_reg(), static_cast<int32_t>((s[1] << 6) | below(64)));
      break;
    }
    case 5: {
      // addiw, slliw, srliw, sraiw, roriw, slli.uw
      switch (below(6)) {
        case 0: w = i_type(enc::kOpImm32, rd, 0, any_reg(), imm12()); break;
        case 1: w = i_type(enc::kOpImm32, rd, 1, any_reg(), static_cast<int32_t>(below(32))); break;
        case 2: w = i_type(enc::kOpImm32, rd, 5, any_reg(), static_cast<int32_t>(below(32))); break;
        case 3:
          w = i_type(enc::kOpImm32, rd, 5, any_reg(), static_cast<int32_t>(0x400 | below(32)));
          break;
        case 4:
          w = i_type(enc::kOpImm32, rd, 5, any_reg(), static_cast<int32_t>(0x600 | below(32)));
          break;
        default:
          w = i_type(enc::kOpImm32, rd, 1, any_reg(),
                     static_cast<int32_t>((0x02 << 6) | below(64)));
          break;
      }
      break;
    }
    case 6: {
      const auto& u = pick(kUnary);
      w = i_type(u[0], rd, u[1], any_reg(), static_cast<int32_t>(u[2]));
      if (chance(10)) w = r_type(enc::kOp32, rd, 4, any_reg(), 0, 0x04);  // zext.h
      break;
    }
    default:
      w = enc::u_type(chance(50) ? enc::kLui : enc::kAuipc, rd,
                      static_cast<int32_t>(bits() & 0xfffff));
      break;
  }
  Item item;
  item.insns = {word(w)};
  item.patchable = (w & 0x7f) != enc::kAuipc;
  emit(std::move(item));
}

void Generator::compressed_op() {
  const unsigned rd = free_reg();
  const unsigned rdc = pick(kFreeCompressed);
  const auto imm6 = static_cast<int32_t>(below(64)) - 32;
  uint16_t h = 0;
  switch (below(12)) {
    case 0: h = enc::c_addi(rd, imm6); break;
    case 1: h = enc::c_addiw(rd, imm6); break;
    case 2: h = enc::c_li(rd, imm6); break;
    case 3: h = enc::c_lui(rd, imm6 == 0 ? 1 : imm6); break;
    case 4: h = enc::c_mv(rd, 1 + below(31)); break;
    case 5: h = enc::c_add(rd, 1 + below(31)); break;
    case 6: h = enc::c_arith(false, below(4), rdc, c_reg()); break;
    case 7: h = enc::c_arith(true, below(2), rdc, c_reg()); break;
    case 8: h = enc::c_slli(rd, 1 + below(63)); break;
    case 9: h = enc::c_shift_right(chance(50), rdc, 1 + below(63)); break;
    case 10: h = enc::c_andi(rdc, imm6); break;
    default: h = chance(50) ? enc::c_addi4spn(rdc, 4 * (1 + below(255))) : enc::kCNop; break;
  }
  emit({half(h)});
}

void Generator::load_constant() {
  std::vector<Insn> insns;
  const unsigned rd = free_reg();
  if (chance(50)) {
    load_immediate(insns, rd, edge_value());
  } else {
    // An FP bit pattern through an integer register.
    const uint64_t pattern = fp_pattern();
    load_immediate(insns, rd, pattern);
    const bool single = chance(40);
    insns.push_back(word(r_type(enc::kOpFp, below(32), 0, rd, 0, single ? 0x78 : 0x79)));
  }
  emit(std::move(insns));
}

unsigned Generator::address(std::vector<Insn>& out, unsigned size, bool for_store,
                            int32_t& offset) {
  const bool aligned = chance(80);
  const auto align = [&](int32_t v) { return aligned ? v & ~static_cast<int32_t>(size - 1) : v; };
  switch (below(10)) {
    case 0:
    case 1:
    case 2: offset = align(imm12()); return reg::kSp;
    case 3:
      // Around s0's page boundary: misaligned accesses straddle two pages.
      offset = aligned ? align(static_cast<int32_t>(below(64)) - 32)
                       : static_cast<int32_t>(below(16)) - 8;
      return reg::kS0;
    case 4:
    case 5: {
      // A data address computed from a random register.
      const unsigned rt = free_reg();
      out.push_back(word(i_type(enc::kOpImm, rt, 7, any_reg(), aligned ? 0x7f8 : 0x7ff)));
      out.push_back(word(r_type(enc::kOp, rt, 0, rt, reg::kSp, 0)));
      offset = -align(static_cast<int32_t>(below(2048)));
      return rt;
    }
    case 6: offset = align(static_cast<int32_t>(below(32)) - 16); return reg::kS1;
    default: {
      // A fixed interesting address: protected, unmapped, a device, the end of RAM, code.
      std::vector<uint64_t> targets = {layout::kReadOnlyPage,
                                       layout::kSupervisorPage,
                                       layout::kExecuteOnlyPage,
                                       layout::kUnmappedPage,
                                       layout::kDevice + 8 + 8 * below(64),
                                       layout::kNoDevice,
                                       layout::kRamEnd - 4,
                                       0,
                                       0x0000'8000'0000'0000ULL};
      if (!for_store) targets.push_back(layout::kCode + 4 * below(256));
      const unsigned rt = free_reg();
      load_immediate(out, rt, targets[below(static_cast<unsigned>(targets.size()))]);
      offset = aligned ? 0 : static_cast<int32_t>(below(8));
      return rt;
    }
  }
}

void Generator::memory_op() {
  std::vector<Insn> insns;
  const unsigned kind = below(4);
  if (kind < 2) {
    const unsigned funct3 = below(7);  // lb lh lw ld lbu lhu lwu
    int32_t offset = 0;
    const unsigned base = address(insns, 1U << (funct3 & 3), false, offset);
    insns.push_back(word(i_type(enc::kLoad, free_reg(), funct3, base, offset)));
  } else if (kind == 2) {
    const unsigned funct3 = below(4);  // sb sh sw sd
    int32_t offset = 0;
    const unsigned base = address(insns, 1U << funct3, true, offset);
    insns.push_back(word(s_type(enc::kStore, funct3, base, any_reg(), offset)));
  } else {
    const unsigned funct3 = 2 + below(2);  // flw/fld, fsw/fsd
    const bool store = chance(50);
    int32_t offset = 0;
    const unsigned base = address(insns, funct3 == 2 ? 4 : 8, store, offset);
    insns.push_back(word(store ? s_type(enc::kStoreFp, funct3, base, below(32), offset)
                               : i_type(enc::kLoadFp, below(32), funct3, base, offset)));
  }
  emit(std::move(insns));
}

void Generator::compressed_memory_op() {
  uint16_t h = 0;
  const unsigned fc = 8 + below(8);
  switch (below(8)) {
    case 0: h = enc::c_mem_w(2, pick(kFreeCompressed), reg::kS0, 4 * below(32)); break;
    case 1: h = enc::c_mem_w(6, c_reg(), reg::kS0, 4 * below(32)); break;
    case 2:
      h = chance(50) ? enc::c_mem_d(3, pick(kFreeCompressed), reg::kS0, 8 * below(32))
                     : enc::c_mem_d(7, c_reg(), reg::kS0, 8 * below(32));
      break;
    case 3: h = enc::c_mem_d(chance(50) ? 1 : 5, fc, reg::kS0, 8 * below(32)); break;
    case 4:
      h = chance(50) ? enc::c_ldsp(3, free_reg(), 8 * below(64))
                     : enc::c_ldsp(1, fc, 8 * below(64));
      break;
    case 5: h = enc::c_sdsp(chance(50) ? 7 : 5, any_reg(), 8 * below(64)); break;
    case 6: h = enc::c_lwsp(free_reg(), 4 * below(64)); break;
    default: h = enc::c_swsp(any_reg(), 4 * below(64)); break;
  }
  emit({half(h)});
}

void Generator::atomic_op() {
  static constexpr std::array<unsigned, 9> kAmos = {0x01, 0x00, 0x04, 0x0c, 0x08,
                                                    0x10, 0x14, 0x18, 0x1c};
  std::vector<Insn> insns;
  const unsigned width = 2 + below(2);
  const unsigned rt = free_reg();
  const unsigned base = chance(85) ? reg::kSp : reg::kS1;
  // Near s1 (a device among others) the offset stays small: the device's offset 0 ends the run.
  const auto offset = base == reg::kSp ? static_cast<int32_t>(below(4096)) - 2048
                                       : static_cast<int32_t>(below(32)) - 16;
  const int32_t aligned_offset =
      chance(90) ? offset & ~static_cast<int32_t>((1U << width) - 1) : offset;
  insns.push_back(word(enc::addi(rt, base, aligned_offset)));
  const bool aq = chance(30);
  const bool rl = chance(30);
  if (chance(60)) {
    insns.push_back(word(enc::amo(pick(kAmos), width, free_reg(), rt, any_reg(), aq, rl)));
  } else {
    // LR, a few unrelated instructions (sometimes a store to the same place), SC.
    unsigned rd = free_reg();
    while (rd == rt) rd = free_reg();
    insns.push_back(word(enc::amo(0x02, width, rd, rt, 0, aq, rl)));
    for (unsigned n = below(4); n > 0; --n) {
      unsigned other = free_reg();
      while (other == rt) other = free_reg();
      insns.push_back(word(random_alu_word(other)));
    }
    if (chance(15)) insns.push_back(word(s_type(enc::kStore, width, rt, any_reg(), 0)));
    const bool other_width = chance(10);
    insns.push_back(word(enc::amo(0x03, other_width ? 5 - width : width, free_reg(), rt, any_reg(),
                                  chance(30), chance(30))));
  }
  emit(std::move(insns));
}

void Generator::float_op() {
  const unsigned fmt = below(2);
  const unsigned rm = rounding_mode();
  const unsigned rd = below(32);
  const unsigned rs1 = below(32);
  const unsigned rs2 = below(32);
  uint32_t w = 0;
  switch (below(12)) {
    case 0:
    case 1:
      w = r_type(enc::kOpFp, rd, rm, rs1, rs2, (below(4) << 2) | fmt);  // add sub mul div
      break;
    case 2:
      w = r_type(enc::kOpFp, rd, rm, rs1, 0, (0x0b << 2) | fmt);  // fsqrt
      break;
    case 3:
      w = r_type(enc::kOpFp, rd, below(3), rs1, rs2, (0x04 << 2) | fmt);  // fsgnj*
      break;
    case 4:
      w = r_type(enc::kOpFp, rd, below(2), rs1, rs2, (0x05 << 2) | fmt);  // fmin/fmax
      break;
    case 5:
      w = r_type(enc::kOpFp, rd, rm, rs1, fmt == 0 ? 1 : 0,
                 fmt == 0 ? 0x20 : 0x21);  // fcvt.s.d/d.s
      break;
    case 6:
      w = r_type(enc::kOpFp, free_reg(), below(3), rs1, rs2, (0x14 << 2) | fmt);  // feq flt fle
      break;
    case 7:
      w = r_type(enc::kOpFp, free_reg(), rm, rs1, below(4), (0x18 << 2) | fmt);  // fcvt.int.fp
      break;
    case 8:
      w = r_type(enc::kOpFp, rd, rm, any_reg(), below(4), (0x1a << 2) | fmt);  // fcvt.fp.int
      break;
    case 9:
      w = r_type(enc::kOpFp, free_reg(), below(2), rs1, 0, (0x1c << 2) | fmt);  // fmv.x / fclass
      break;
    case 10:
      w = r_type(enc::kOpFp, rd, 0, any_reg(), 0, (0x1e << 2) | fmt);  // fmv.w.x / fmv.d.x
      break;
    default: {
      static constexpr std::array<uint32_t, 4> kFma = {0x43, 0x47, 0x4b, 0x4f};
      w = enc::r4_type(pick(kFma), rd, rm, rs1, rs2, below(32), fmt);
      break;
    }
  }
  emit({word(w)});
}

void Generator::csr_op() {
  uint32_t w = 0;
  switch (below(5)) {
    case 0:
    case 1:
      w = enc::csr(2, free_reg(), pick(kReadableCsrs), 0);  // csrr
      break;
    case 2:
      w = enc::csr(1 + below(3), chance(50) ? free_reg() : 0, pick(kWritableCsrs), any_reg());
      break;
    case 3:
      w = enc::csr(5 + below(3), chance(50) ? free_reg() : 0, pick(kWritableCsrs), below(32));
      break;
    default:
      if (chance(50)) {
        w = enc::csr(5, free_reg(), 0x002, below(8));  // csrrwi frm
      } else {
        // minstret moves backwards or forwards a little (a large value would end the run).
        std::vector<Insn> insns;
        const unsigned rt = free_reg();
        load_immediate(insns, rt, below(5000));
        insns.push_back(word(enc::csr(1, 0, 0xb02, rt)));
        emit(std::move(insns));
        return;
      }
      break;
  }
  emit({word(w)});
}

void Generator::system_op() {
  switch (below(8)) {
    case 0: emit({word(enc::kEcall)}); break;
    case 1: emit({chance(50) ? word(enc::kEbreak) : half(enc::kCEbreak)}); break;
    case 2: emit({word(enc::kFenceI)}); break;
    case 3:
      // A fence with random pred/succ, or pause (fence w, 0).
      emit({word(chance(20) ? 0x0100'000fU : 0x0f | (below(256) << 20))});
      break;
    case 4:
      emit({word(enc::sfence_vma(chance(50) ? 0 : any_reg(), chance(50) ? 0 : any_reg()))});
      break;
    case 6:
      // A supervisor software interrupt raised by the program itself: taken by M-mode programs
      // running with MIE set (it is enabled in mie and not delegated), just pending otherwise;
      // sip.SSIP is read-only without delegation, and U-mode cannot access sip at all. The
      // handler clears it.
      emit({word(enc::csr(6, 0, machine_mode() ? 0x344 : 0x144, 2))});
      break;
    case 5:
      if (machine_mode()) {
        if (paged() && chance(30)) {
          toggle_mprv();
        } else if (paged() && chance(30)) {
          switch_page_tables();
        } else {
          toggle_fp();
        }
      } else if (chance(50)) {
        switch_page_tables();
      } else {
        // Illegal below M (sret is legal in S-mode, so only U gets it).
        const bool user = program_.initial.priv == cpu::Priv::kUser;
        emit({word(user && chance(50) ? 0x10200073 /* sret */ : enc::kMret)});
      }
      break;
    default: illegal_op(); break;
  }
}

void Generator::toggle_mprv() {
  std::vector<Insn> insns;
  const unsigned rt = free_reg();
  load_immediate(insns, rt, cpu::mstatus::kMPRV);
  insns.push_back(word(enc::csr(chance(50) ? 3 : 2, 0, 0x300, rt)));  // csrc/csrs mstatus
  emit(std::move(insns));
}

void Generator::switch_page_tables() {
  // satp to one of the two sets of tables (same code mappings, two data pages swapped) with a
  // random ASID; illegal in U-mode. Usually followed by sfence.vma, as the spec wants.
  std::vector<Insn> insns;
  const unsigned rt = free_reg();
  const uint64_t root = chance(50) ? layout::kPageTables : layout::kPageTables2;
  load_immediate(insns, rt, (8ULL << 60) | (uint64_t{below(4)} << 44) | (root >> 12));
  insns.push_back(word(enc::csr(1, 0, 0x180, rt)));
  if (chance(70)) insns.push_back(word(enc::sfence_vma(0, 0)));
  emit(std::move(insns));
}

void Generator::toggle_fp() {
  std::vector<Insn> insns;
  const unsigned rt = free_reg();
  load_immediate(insns, rt, uint64_t{below(4)} << cpu::mstatus::kFSShift);
  insns.push_back(word(enc::csr(chance(50) ? 3 : 2, 0, 0x300, rt)));  // csrc/csrs mstatus
  emit(std::move(insns));
}

void Generator::illegal_op() {
  switch (below(5)) {
    case 0:
      emit({half(0x0000)});  // c.unimp
      break;
    case 1:
      emit({word(0xc000'1073)});  // unimp: csrrw x0, cycle, x0
      break;
    case 2:
      emit({word(0x0000'000b | (static_cast<uint32_t>(bits()) & 0xffff'ff80))});  // custom-0
      break;
    case 3:
      emit({half(0x4002)});  // c.lwsp with rd = x0: reserved
      break;
    default:
      // A random 32-bit word the decoder rejects: reserved encodings of all kinds.
      for (;;) {
        const uint32_t w = static_cast<uint32_t>(bits()) | 3U;
        if ((w & 0x1c) == 0x1c) continue;  // longer than 32 bits
        if (isa::decode(w).op == isa::Op::kIllegal) {
          emit({word(w)});
          return;
        }
      }
  }
}

void Generator::branch_op() {
  Item item;
  switch (below(5)) {
    case 0:
    case 1: {
      static constexpr std::array<unsigned, 6> kConditions = {0, 1, 4, 5, 6, 7};
      item.insns = {{b_type(pick(kConditions), any_reg(), any_reg(), 0), false, Fixup::kBranch}};
      break;
    }
    case 2: item.insns = {{enc::c_branch(chance(50), c_reg(), 0), true, Fixup::kCBranch}}; break;
    case 3: item.insns = {{enc::jal(chance(50) ? 0 : free_reg(), 0), false, Fixup::kJal}}; break;
    default: item.insns = {{enc::c_j(0), true, Fixup::kCJ}}; break;
  }
  emit_forward(std::move(item), 12);
}

void Generator::indirect_jump() {
  const unsigned rt = free_reg();
  Item item;
  item.insns = {{enc::u_type(enc::kAuipc, rt, 0), false, Fixup::kAuipc},
                {enc::addi(rt, rt, 0), false, Fixup::kAddiLo}};
  switch (below(4)) {
    case 0: item.insns.push_back(half(enc::c_jr(rt))); break;
    case 1: {
      // jalr with an offset, and with bit 0 of the sum set (cleared by the jump).
      const auto k = static_cast<int32_t>(below(64)) - 32;
      item.insns.push_back(word(enc::addi(rt, rt, -k)));
      item.insns.push_back(
          word(enc::jalr(chance(50) ? free_reg() : 0, rt, k + (chance(30) ? 1 : 0))));
      break;
    }
    default: item.insns.push_back(word(enc::jalr(chance(50) ? free_reg() : 0, rt, 0))); break;
  }
  emit_forward(std::move(item), 8);
}

void Generator::bad_jump() {
  // Records where to resume (the next item), then jumps where fetch faults.
  const unsigned rt = free_reg();
  Item item;
  item.insns = {
      {enc::u_type(enc::kAuipc, rt, 0), false, Fixup::kAuipc},
      {enc::addi(rt, rt, 0), false, Fixup::kAddiLo},
      word(s_type(enc::kStore, 3, reg::kTp, rt, static_cast<int32_t>(layout::kTrapResume)))};
  std::vector<uint64_t> targets = {layout::kNoDevice, layout::kDevice, layout::kRamEnd - 2, 0};
  if (paged() && !machine_mode()) {
    targets.insert(targets.end(), {layout::kUnmappedPage, layout::kReadOnlyPage, layout::kData,
                                   layout::kSupervisorPage, 0x0000'8000'0000'0000ULL});
  }
  const uint64_t target = targets[below(static_cast<unsigned>(targets.size()))];
  load_immediate(item.insns, rt, target);
  if (target == layout::kRamEnd - 2) {
    // The low half of a 32-bit instruction (addi x0, x0, 0) right before the end of RAM, put
    // back because stores may have changed it: fetching its high half faults. The store itself
    // may fault (paging, MPRV) and be skipped, so the half is read back, and unless it is there
    // (or the load faulted too, leaving 0) the jump is skipped: whatever else is there would run,
    // and could clobber tp, which the trap handler needs.
    unsigned rv = free_reg();
    while (rv == rt) rv = free_reg();
    unsigned check = free_reg();
    while (check == rt || check == rv) check = free_reg();
    item.insns.push_back(word(enc::addi(rv, 0, 0x13)));
    item.insns.push_back(word(s_type(enc::kStore, 1, rt, rv, 0)));
    item.insns.push_back(word(enc::addi(check, 0, 0)));
    item.insns.push_back(word(i_type(enc::kLoad, check, 5, rt, 0)));  // lhu
    item.insns.push_back(word(b_type(1, check, rv, 8)));              // bne: past the jump
  }
  item.insns.push_back(word(enc::jalr(chance(50) ? free_reg() : 0, rt, 0)));
  const size_t index = emit(std::move(item));
  Scope& scope = scopes_.back();
  scope.pending.push_back({index, scope.items.size() - 1, 1, false});
}

void Generator::call() {
  if (functions_.empty()) return;
  Item item;
  item.target = static_cast<int>(functions_[below(static_cast<unsigned>(functions_.size()))]);
  if (chance(50)) {
    item.insns = {{enc::jal(reg::kRa, 0), false, Fixup::kJal}};
  } else {
    const unsigned rt = free_reg();
    item.insns = {{enc::u_type(enc::kAuipc, rt, 0), false, Fixup::kAuipc},
                  {enc::addi(rt, rt, 0), false, Fixup::kAddiLo},
                  chance(50) ? half(enc::c_jalr(rt)) : word(enc::jalr(reg::kRa, rt, 0))};
  }
  emit(std::move(item));
}

void Generator::loop(unsigned depth) {
  const unsigned counter = depth == 0 ? reg::kLoop0 : reg::kLoop1;
  std::vector<Insn> init;
  load_immediate(init, counter, 1 + below(depth == 0 ? 12 : 5));
  emit(std::move(init), false);
  const size_t top = program_.items.size();
  open_scope();
  body(3 + below(depth == 0 ? 25 : 12), depth + 1, false);
  Item back;
  back.removable = false;
  back.target = static_cast<int>(top);
  back.insns = {word(enc::addi(counter, counter, -1))};
  if (chance(50)) {
    back.insns.push_back({b_type(1, counter, 0, 0), false, Fixup::kBranch});
  } else {
    // c.bnez names only x8..x15: the counter is copied to a free one of those first.
    const unsigned rc = pick(kFreeCompressed);
    back.insns.push_back(word(enc::addi(rc, counter, 0)));
    back.insns.push_back({enc::c_branch(true, rc, 0), true, Fixup::kCBranch});
  }
  // The closing item goes in after the body; the scope resolves forward references into it.
  program_.items.push_back(back);
  const size_t back_index = program_.items.size() - 1;
  // The parent scope knows the loop by its counter's initialization only: its forward
  // references must never land inside the loop.
  close_scope(back_index);
}

void Generator::self_modify() {
  const unsigned rt = free_reg();
  unsigned rv = free_reg();
  while (rv == rt) rv = free_reg();
  Item item;
  item.patches = true;
  item.insns = {{enc::u_type(enc::kAuipc, rt, 0), false, Fixup::kAuipc},
                {enc::addi(rt, rt, 0), false, Fixup::kAddiLo}};
  load_immediate(item.insns, rv,
                 static_cast<uint64_t>(static_cast<int32_t>(random_alu_word(free_reg()))));
  item.insns.push_back(word(s_type(enc::kStore, 2, rt, rv, 0)));
  if (chance(70)) item.insns.push_back(word(enc::kFenceI));
  const size_t index = emit(std::move(item));
  Scope& scope = scopes_.back();
  scope.pending.push_back(
      {index, scope.items.size() - 1, 1 + below(6), scopes_.size() > 1 && chance(50)});
}

void Generator::one(unsigned depth, bool in_function) {
  const unsigned roll = below(100);
  if (roll < 22) return integer_op();
  if (roll < 32) return compressed_op();
  if (roll < 37) return load_constant();
  if (roll < 49) return memory_op();
  if (roll < 53) return compressed_memory_op();
  if (roll < 58) return atomic_op();
  if (roll < 70) return float_op();
  if (roll < 75) return csr_op();
  if (roll < 79) return system_op();
  if (roll < 87) return branch_op();
  if (roll < 89) return indirect_jump();
  if (roll < 91) return bad_jump();
  if (roll < 94) return self_modify();
  if (in_function) return integer_op();
  if (roll < 97) return call();
  if (depth < 2) return loop(depth);
  return integer_op();
}

void Generator::body(unsigned count, unsigned depth, bool in_function) {
  for (unsigned i = 0; i < count; ++i) one(depth, in_function);
}

Program Generator::run() {
  initial_state();
  // Functions are generated first (their items move behind the sentinel below) so the body can
  // call them.
  for (unsigned f = below(4); f > 0; --f) {
    const size_t first = program_.items.size();
    open_scope();
    body(2 + below(10), 2, true);
    Item ret;
    ret.removable = false;
    ret.insns = {chance(50) ? half(enc::c_jr(reg::kRa)) : word(enc::jalr(0, reg::kRa, 0))};
    program_.items.push_back(ret);
    close_scope(program_.items.size() - 1);
    functions_.push_back(first);
  }
  const size_t function_items = program_.items.size();

  program_.body_begin = function_items;
  open_scope();
  body(options_.min_body_items + below(options_.max_body_items - options_.min_body_items + 1), 0,
       false);
  Item end;
  end.removable = false;
  end.insns = {
      word(enc::csr(2, kT0, 0xc02, 0)),
      word(s_type(enc::kStore, 3, reg::kTp, kT0, static_cast<int32_t>(layout::kEndInstret))),
      word(enc::u_type(enc::kLui, kT0, static_cast<int32_t>(layout::kDevice >> 12))),
      word(s_type(enc::kStore, 3, kT0, 0, 0))};
  program_.items.push_back(end);
  const size_t end_index = program_.items.size() - 1;
  close_scope(end_index);
  Item sentinel;
  sentinel.removable = false;
  sentinel.insns = {word(enc::jal(0, 0))};
  program_.items.push_back(sentinel);

  // Rotate the functions behind the sentinel: items [0, function_items) move to the end and
  // every target is renumbered.
  const size_t total = program_.items.size();
  const auto renumber = [&](size_t i) {
    return i < function_items ? i + (total - function_items) : i - function_items;
  };
  std::vector<Item> rotated;
  rotated.reserve(total);
  for (size_t i = function_items; i < total; ++i) rotated.push_back(program_.items[i]);
  for (size_t i = 0; i < function_items; ++i) rotated.push_back(program_.items[i]);
  for (Item& item : rotated) {
    if (item.target >= 0)
      item.target = static_cast<int>(renumber(static_cast<size_t>(item.target)));
  }
  program_.items = std::move(rotated);
  program_.body_begin = 0;
  program_.end_item = renumber(end_index);
  program_.sentinel_item = program_.end_item + 1;
  return std::move(program_);
}

}  // namespace

Program generate(uint64_t seed, const GeneratorOptions& options) {
  return Generator(seed, options).run();
}

std::vector<uint32_t> trap_handler() {
  constexpr unsigned tp = reg::kTp;
  constexpr auto save = static_cast<int32_t>(layout::kTrapSave);
  const auto sd = [](unsigned rs2, unsigned base, int32_t off) {
    return s_type(enc::kStore, 3, base, rs2, off);
  };
  const auto ld = [](unsigned rd, unsigned base, int32_t off) {
    return i_type(enc::kLoad, rd, 3, base, off);
  };
  const auto csrr = [](unsigned rd, uint16_t csr) { return enc::csr(2, rd, csr, 0); };
  const auto log = static_cast<int32_t>(layout::kTrapLog);
  std::vector<uint32_t> code = {
      sd(kT0, tp, save),
      sd(kT1, tp, save + 8),
      sd(kT2, tp, save + 16),
      ld(kT0, tp, static_cast<int32_t>(layout::kTrapCount)),
      enc::addi(kT1, kT0, 1),
      sd(kT1, tp, static_cast<int32_t>(layout::kTrapCount)),
      i_type(enc::kOpImm, kT0, 7, kT0, layout::kTrapLogEntries - 1),
      i_type(enc::kOpImm, kT0, 1, kT0, 5),
      r_type(enc::kOp, kT0, 0, kT0, tp, 0),
      csrr(kT1, 0x342),
      sd(kT1, kT0, log),
      csrr(kT1, 0x341),
      sd(kT1, kT0, log + 8),
      csrr(kT1, 0x343),
      sd(kT1, kT0, log + 16),
      csrr(kT1, 0x300),
      sd(kT1, kT0, log + 24),
  };
  // A running checksum of the integer registers at every trap, so a register that differs only
  // between two traps (and is overwritten before the end) still shows.
  code.push_back(ld(kT1, tp, save));
  code.push_back(ld(kT2, tp, save + 8));
  code.push_back(r_type(enc::kOp, kT1, 0, kT1, kT2, 0));
  code.push_back(ld(kT2, tp, save + 16));
  code.push_back(r_type(enc::kOp, kT1, 0, kT1, kT2, 0));
  for (unsigned r = 1; r < 32; ++r) {
    if (r < kT0 || r > kT2) code.push_back(r_type(enc::kOp, kT1, 0, kT1, r, 0));
  }
  const auto sum = static_cast<int32_t>(layout::kTrapRegisterSum);
  code.push_back(ld(kT2, tp, sum));
  code.push_back(i_type(enc::kOpImm, kT2, 5, kT2, (0x18 << 6) | 63));  // rori t2, t2, 63
  code.push_back(r_type(enc::kOp, kT2, 0, kT2, kT1, 0));
  code.push_back(sd(kT2, tp, sum));
  const std::vector<uint32_t> tail = {
      csrr(kT1, 0x342),
      b_type(4, kT1, 0, 4 * 18),  // an interrupt -> interrupt
      // Fetch faults (causes 0, 1, 12) resume at the recorded address.
      b_type(0, kT1, 0, 4 * 14),  // -> fetch
      enc::addi(kT2, 0, 1),
      b_type(0, kT1, kT2, 4 * 12),
      enc::addi(kT2, 0, 12),
      b_type(0, kT1, kT2, 4 * 10),
      // Otherwise skip the faulting instruction (2 or 4 bytes).
      csrr(kT0, 0x341),
      i_type(enc::kLoad, kT1, 5, kT0, 0),  // lhu
      i_type(enc::kOpImm, kT1, 7, kT1, 3),
      enc::addi(kT2, 0, 3),
      enc::addi(kT0, kT0, 2),
      b_type(1, kT1, kT2, 8),
      enc::addi(kT0, kT0, 2),
      enc::csr(1, 0, 0x341, kT0),
      enc::jal(0, 4 * 5),  // -> restore
      // fetch:
      ld(kT0, tp, static_cast<int32_t>(layout::kTrapResume)),
      enc::csr(1, 0, 0x341, kT0),
      enc::jal(0, 4 * 2),  // -> restore
      // interrupt: the program raised SSIP; clear it and resume where it was taken.
      enc::csr(7, 0, 0x344, 2),  // csrci mip, SSIP
      // restore:
      ld(kT0, tp, save),
      ld(kT1, tp, save + 8),
      ld(kT2, tp, save + 16),
      enc::kMret,
  };
  code.insert(code.end(), tail.begin(), tail.end());
  return code;
}

}  // namespace strata::diff
