#include "machine/fdt_builder.h"

#include <libfdt.h>

#include <algorithm>
#include <set>
#include <string_view>

#include "machine/fdt_blob.h"

namespace strata::machine {
namespace {

// riscv,isa split the way riscv,isa-base and riscv,isa-extensions want it.
struct IsaParts {
  std::string base;
  std::vector<std::string> extensions;
};

Result<IsaParts> split_isa(std::string_view isa) {
  if (!isa.starts_with("rv64")) return fail("ISA string '{}' does not start with rv64", isa);
  const std::string_view rest = isa.substr(4);
  const std::string_view singles = rest.substr(0, rest.find('_'));
  if (singles.empty() || (singles[0] != 'i' && singles[0] != 'g')) {
    return fail("ISA string '{}' must name base i or g right after rv64", isa);
  }
  IsaParts parts{"rv64i", {}};
  auto add = [&](std::string_view ext) {
    if (std::ranges::find(parts.extensions, ext) == parts.extensions.end()) {
      parts.extensions.emplace_back(ext);
    }
  };
  for (const char c : singles) {
    if (c < 'a' || c > 'z') return fail("ISA string '{}' has '{}' among its letters", isa, c);
    if (c == 'g') {
      for (const std::string_view ext : {"i", "m", "a", "f", "d"}) add(ext);
    } else {
      add(std::string_view(&c, 1));
    }
  }
  // G implies Zicsr and Zifencei, which newer kernels look for by name.
  if (singles.contains('g')) {
    add("zicsr");
    add("zifencei");
  }
  std::string_view multi = rest.substr(singles.size());
  while (!multi.empty()) {
    multi.remove_prefix(1);  // the '_'
    const std::string_view ext = multi.substr(0, multi.find('_'));
    multi.remove_prefix(ext.size());
    const bool well_formed = ext.size() > 1 && std::ranges::all_of(ext, [](char c) {
                               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                             });
    if (!well_formed) return fail("ISA string '{}' has a malformed extension '{}'", isa, ext);
    add(ext);
  }
  return parts;
}

// libfdt's sequential-write API with the error plumbing folded in: the first failure is kept and
// every later call becomes a no-op, so the tree-building code reads as the tree it builds.
class FdtWriter {
 public:
  explicit FdtWriter(size_t capacity) : buf_(capacity) {
    check(fdt_create(buf_.data(), static_cast<int>(buf_.size())));
    check(fdt_finish_reservemap(buf_.data()));
  }

  void begin(const std::string& name) {
    if (ok()) check(fdt_begin_node(buf_.data(), name.c_str()));
  }
  void end() {
    if (ok()) check(fdt_end_node(buf_.data()));
  }
  void empty(const char* name) {
    if (ok()) check(fdt_property(buf_.data(), name, nullptr, 0));
  }
  void u32(const char* name, uint32_t value) { cells(name, {value}); }
  void u64(const char* name, uint64_t value) {
    if (ok()) check(fdt_property_u64(buf_.data(), name, value));
  }
  void cells(const char* name, const std::vector<uint32_t>& values) {
    std::vector<fdt32_t> be;
    be.reserve(values.size());
    for (const uint32_t v : values) be.push_back(cpu_to_fdt32(v));
    if (ok()) {
      check(fdt_property(buf_.data(), name, be.data(), static_cast<int>(be.size() * 4)));
    }
  }
  // A reg of one (address, size) pair with #address-cells = #size-cells = 2.
  void reg64(uint64_t base, uint64_t size) {
    cells("reg", {hi(base), lo(base), hi(size), lo(size)});
  }
  void string(const char* name, std::string_view value) { strings(name, {value}); }
  // A string list: each string NUL-terminated, back to back.
  void strings(const char* name, const std::vector<std::string_view>& values) {
    std::string joined;
    for (const std::string_view v : values) {
      joined.append(v);
      joined.push_back('\0');
    }
    if (ok()) {
      check(fdt_property(buf_.data(), name, joined.data(), static_cast<int>(joined.size())));
    }
  }

  int error() const { return error_; }
  // Completes the tree and returns exactly its bytes.
  std::vector<uint8_t> finish() {
    if (ok()) check(fdt_finish(buf_.data()));
    if (ok()) buf_.resize(fdt_totalsize(buf_.data()));
    return std::move(buf_);
  }

  static uint32_t hi(uint64_t v) { return static_cast<uint32_t>(v >> 32); }
  static uint32_t lo(uint64_t v) { return static_cast<uint32_t>(v); }

 private:
  bool ok() const { return error_ == 0; }
  void check(int result) {
    if (result < 0 && ok()) error_ = result;
  }

  std::vector<uint8_t> buf_;
  int error_ = 0;
};

std::string unit_name(std::string_view node, uint64_t address) {
  return fmt::format("{}@{:x}", node, address);
}

Result<void> validate(const BoardDescription& b) {
  if (b.harts == 0 || b.harts > 1024) return fail("cannot describe {} harts (1 to 1024)", b.harts);
  if (b.ram_size == 0 || b.ram_base + b.ram_size < b.ram_base) {
    return fail("RAM {:#x}+{:#x} is empty or wraps around", b.ram_base, b.ram_size);
  }
  if (b.timebase_hz == 0 || b.timebase_hz > UINT32_MAX) {
    return fail("timebase frequency {} Hz does not fit the 32-bit cell", b.timebase_hz);
  }
  if (!b.plic && (b.uart || b.rtc || !b.virtio.empty())) {
    return fail("the board has devices with interrupts but no PLIC to route them");
  }
  std::set<unsigned> irqs;
  if (b.uart) irqs.insert(virt::kUartIrq);
  if (b.rtc) irqs.insert(virt::kRtcIrq);
  std::set<uint64_t> bases;
  for (const VirtioSlot& slot : b.virtio) {
    if (slot.irq == 0 || slot.irq > virt::kPlicSources) {
      return fail("virtio-mmio at {:#x}: IRQ {} is not a PLIC source (1 to {})", slot.base,
                  slot.irq, virt::kPlicSources);
    }
    if (!irqs.insert(slot.irq).second) {
      return fail("virtio-mmio at {:#x}: IRQ {} is already in use", slot.base, slot.irq);
    }
    if (slot.size == 0 || !bases.insert(slot.base).second) {
      return fail("virtio-mmio at {:#x}: empty or duplicate region", slot.base);
    }
  }
  if (b.initrd && b.initrd->end < b.initrd->start) {
    return fail("initrd range {:#x}..{:#x} ends before it starts", b.initrd->start, b.initrd->end);
  }
  return {};
}

// Phandles are fixed up front because the sequential writer cannot patch a reference later:
// cpu h is 2h+1, its interrupt controller 2h+2, then the PLIC and the test device.
struct Phandles {
  explicit Phandles(unsigned harts) : plic(2 * harts + 1), test(2 * harts + 2) {}
  static uint32_t cpu(unsigned h) { return 2 * h + 1; }
  static uint32_t intc(unsigned h) { return 2 * h + 2; }
  uint32_t plic;
  uint32_t test;
};

void write_cpus(FdtWriter& w, const BoardDescription& b, const IsaParts& isa) {
  w.begin("cpus");
  w.u32("#address-cells", 1);
  w.u32("#size-cells", 0);
  w.u32("timebase-frequency", static_cast<uint32_t>(b.timebase_hz));
  const std::vector<std::string_view> extensions(isa.extensions.begin(), isa.extensions.end());
  for (unsigned h = 0; h < b.harts; ++h) {
    w.begin(unit_name("cpu", h));
    w.string("device_type", "cpu");
    w.u32("reg", h);
    w.string("status", "okay");
    w.string("compatible", "riscv");
    w.string("riscv,isa", b.isa);
    w.string("riscv,isa-base", isa.base);
    w.strings("riscv,isa-extensions", extensions);
    // Cache-block operations need the block size; strata's is the usual 64 bytes.
    for (const char* cbo : {"zicbom", "zicboz", "zicbop"}) {
      if (std::ranges::find(isa.extensions, cbo) != isa.extensions.end()) {
        w.u32(fmt::format("riscv,{}-block-size", std::string_view(cbo).substr(2)).c_str(), 64);
      }
    }
    w.string("mmu-type", b.mmu_type);
    w.u32("phandle", Phandles::cpu(h));
    w.begin("interrupt-controller");
    // #address-cells = 0 keeps dtc's interrupt_provider check quiet (QEMU omits it).
    w.u32("#address-cells", 0);
    w.u32("#interrupt-cells", 1);
    w.empty("interrupt-controller");
    w.string("compatible", "riscv,cpu-intc");
    w.u32("phandle", Phandles::intc(h));
    w.end();
    w.end();
  }
  w.begin("cpu-map");
  w.begin("cluster0");
  for (unsigned h = 0; h < b.harts; ++h) {
    w.begin(fmt::format("core{}", h));
    w.u32("cpu", Phandles::cpu(h));
    w.end();
  }
  w.end();
  w.end();
  w.end();
}

// interrupts-extended naming, for every hart, its local interrupts `first` and `second`.
std::vector<uint32_t> per_hart_interrupts(unsigned harts, uint32_t first, uint32_t second) {
  std::vector<uint32_t> cells;
  for (unsigned h = 0; h < harts; ++h) {
    cells.insert(cells.end(), {Phandles::intc(h), first, Phandles::intc(h), second});
  }
  return cells;
}

void write_soc(FdtWriter& w, const BoardDescription& b, const Phandles& ph) {
  w.begin("soc");
  w.u32("#address-cells", 2);
  w.u32("#size-cells", 2);
  w.string("compatible", "simple-bus");
  w.empty("ranges");
  auto device_irq = [&](unsigned irq) {
    w.u32("interrupt-parent", ph.plic);
    w.u32("interrupts", irq);
  };
  if (b.test_finisher) {
    w.begin(unit_name("test", virt::kTestBase));
    w.strings("compatible", {"sifive,test1", "sifive,test0", "syscon"});
    w.reg64(virt::kTestBase, virt::kTestSize);
    w.u32("phandle", ph.test);
    w.end();
  }
  if (b.rtc) {
    w.begin(unit_name("rtc", virt::kRtcBase));
    w.string("compatible", "google,goldfish-rtc");
    w.reg64(virt::kRtcBase, virt::kRtcSize);
    device_irq(virt::kRtcIrq);
    w.end();
  }
  if (b.clint) {
    w.begin(unit_name("clint", virt::kClintBase));
    w.strings("compatible", {"sifive,clint0", "riscv,clint0"});
    w.reg64(virt::kClintBase, virt::kClintSize);
    // Machine software (3) and machine timer (7) interrupts of every hart.
    w.cells("interrupts-extended", per_hart_interrupts(b.harts, 3, 7));
    w.end();
  }
  if (b.plic) {
    w.begin(unit_name("plic", virt::kPlicBase));
    w.strings("compatible", {"sifive,plic-1.0.0", "riscv,plic0"});
    w.reg64(virt::kPlicBase, virt::kPlicSize);
    w.u32("#address-cells", 0);
    w.u32("#interrupt-cells", 1);
    w.empty("interrupt-controller");
    // Context 2h is hart h's machine external interrupt (11), 2h+1 its supervisor one (9).
    w.cells("interrupts-extended", per_hart_interrupts(b.harts, 11, 9));
    w.u32("riscv,ndev", virt::kPlicSources);
    w.u32("phandle", ph.plic);
    w.end();
  }
  if (b.uart) {
    w.begin(unit_name("serial", virt::kUartBase));
    w.string("compatible", "ns16550a");
    w.reg64(virt::kUartBase, virt::kUartSize);
    w.u32("clock-frequency", virt::kUartClockHz);
    device_irq(virt::kUartIrq);
    w.end();
  }
  std::vector<VirtioSlot> virtio = b.virtio;
  std::ranges::sort(virtio, {}, &VirtioSlot::base);
  for (const VirtioSlot& slot : virtio) {
    w.begin(unit_name("virtio_mmio", slot.base));
    w.string("compatible", "virtio,mmio");
    w.reg64(slot.base, slot.size);
    device_irq(slot.irq);
    w.end();
  }
  w.end();
}

void write_syscon(FdtWriter& w, const char* node, const char* compatible, uint32_t value,
                  uint32_t regmap) {
  w.begin(node);
  w.string("compatible", compatible);
  w.u32("regmap", regmap);
  w.u32("offset", 0);
  w.u32("value", value);
  w.end();
}

std::vector<uint8_t> write_tree(size_t capacity, const BoardDescription& b, const IsaParts& isa,
                                int& error) {
  const Phandles ph(b.harts);
  const std::string uart_path = "/soc/" + unit_name("serial", virt::kUartBase);
  FdtWriter w(capacity);
  w.begin("");
  w.u32("#address-cells", 2);
  w.u32("#size-cells", 2);
  w.string("compatible", "riscv-virtio");
  w.string("model", "riscv-virtio,strata");

  w.begin("chosen");
  if (!b.bootargs.empty()) w.string("bootargs", b.bootargs);
  const std::string stdout_path = !b.stdout_path.empty() ? b.stdout_path
                                  : b.uart               ? uart_path
                                                         : std::string();
  if (!stdout_path.empty()) w.string("stdout-path", stdout_path);
  if (b.initrd) {
    w.u64("linux,initrd-start", b.initrd->start);
    w.u64("linux,initrd-end", b.initrd->end);
  }
  w.end();

  if (b.uart) {
    w.begin("aliases");
    w.string("serial0", uart_path);
    w.end();
  }

  w.begin(unit_name("memory", b.ram_base));
  w.string("device_type", "memory");
  w.reg64(b.ram_base, b.ram_size);
  w.end();

  write_cpus(w, b, isa);
  write_soc(w, b, ph);
  if (b.test_finisher) {
    write_syscon(w, "poweroff", "syscon-poweroff", virt::kPoweroffValue, ph.test);
    write_syscon(w, "reboot", "syscon-reboot", virt::kRebootValue, ph.test);
  }
  w.end();
  std::vector<uint8_t> blob = w.finish();
  error = w.error();
  return blob;
}

}  // namespace

Result<std::vector<uint8_t>> build_fdt(const BoardDescription& board) {
  if (auto valid = validate(board); !valid) return std::unexpected(valid.error());
  auto isa = split_isa(board.isa);
  if (!isa) return std::unexpected(isa.error());
  // Start small and grow: the sequential writer needs its whole buffer up front.
  for (size_t capacity = 16 * 1024; capacity <= kMaxDtbSize; capacity *= 2) {
    int error = 0;
    std::vector<uint8_t> blob = write_tree(capacity, board, *isa, error);
    if (error == -FDT_ERR_NOSPACE) continue;
    if (error < 0) return fail("cannot build the device tree: {}", fdt_strerror(error));
    return blob;
  }
  return fail("the device tree would exceed {} bytes", kMaxDtbSize);
}

}  // namespace strata::machine
