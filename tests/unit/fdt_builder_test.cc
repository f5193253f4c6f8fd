// The generated device tree (node layout of QEMU's virt, dtc-clean) and the handling of
// user-supplied blobs (validation of hostile input, /chosen patching, --dump-dtb).
#include <gtest/gtest.h>
#include <libfdt.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "machine/fdt_blob.h"
#include "machine/fdt_builder.h"

namespace strata::machine {
namespace {

namespace fs = std::filesystem;

// A fresh directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::path(testing::TempDir()) /
            fmt::format("strata_{}_{}_{}", info->test_suite_name(), info->name(), getpid());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

void write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

BoardDescription full_board(unsigned harts) {
  BoardDescription b;
  b.harts = harts;
  b.isa = "rv64imafdc_zicsr_zifencei_zihintpause_zba_zbb_zbs_sstc";
  b.ram_size = 256ULL << 20;
  b.virtio = {virtio_slot(0), virtio_slot(7)};
  b.bootargs = "console=ttyS0 earlycon";
  b.initrd = PhysRange{0x8820'0000, 0x8830'0000};
  return b;
}

std::vector<uint8_t> build_or_die(const BoardDescription& board) {
  auto blob = build_fdt(board);
  EXPECT_TRUE(blob) << blob.error().message;
  return blob ? *blob : std::vector<uint8_t>{};
}

// Property accessors over a blob; a missing node or property fails the test.
struct Tree {
  explicit Tree(const std::vector<uint8_t>& b) : blob(b) {
    EXPECT_EQ(fdt_check_full(blob.data(), blob.size()), 0);
  }
  int node(const std::string& path) const {
    const int off = fdt_path_offset(blob.data(), path.c_str());
    EXPECT_GE(off, 0) << path;
    return off;
  }
  bool has(const std::string& path) const {
    return fdt_path_offset(blob.data(), path.c_str()) >= 0;
  }
  bool has_prop(const std::string& path, const char* name) const {
    const int off = fdt_path_offset(blob.data(), path.c_str());
    return off >= 0 && fdt_getprop(blob.data(), off, name, nullptr) != nullptr;
  }
  std::vector<uint8_t> raw(const std::string& path, const char* name) const {
    int len = 0;
    const int off = node(path);
    if (off < 0) return {};
    const auto* p = static_cast<const uint8_t*>(fdt_getprop(blob.data(), off, name, &len));
    EXPECT_NE(p, nullptr) << path << ":" << name;
    return p ? std::vector<uint8_t>(p, p + len) : std::vector<uint8_t>{};
  }
  std::vector<uint32_t> cells(const std::string& path, const char* name) const {
    const auto bytes = raw(path, name);
    std::vector<uint32_t> out;
    for (size_t i = 0; i + 4 <= bytes.size(); i += 4) {
      uint32_t be;
      std::memcpy(&be, bytes.data() + i, 4);
      out.push_back(fdt32_to_cpu(be));
    }
    return out;
  }
  uint64_t u64(const std::string& path, const char* name) const {
    const auto c = cells(path, name);
    EXPECT_EQ(c.size(), 2U) << path << ":" << name;
    return c.size() == 2 ? (uint64_t{c[0]} << 32) | c[1] : 0;
  }
  // A string list, split at its NULs.
  std::vector<std::string> strings(const std::string& path, const char* name) const {
    const auto bytes = raw(path, name);
    std::vector<std::string> out;
    std::string cur;
    for (const uint8_t c : bytes) {
      if (c == 0) {
        out.push_back(cur);
        cur.clear();
      } else {
        cur.push_back(static_cast<char>(c));
      }
    }
    return out;
  }
  std::string string(const std::string& path, const char* name) const {
    const auto s = strings(path, name);
    EXPECT_EQ(s.size(), 1U) << path << ":" << name;
    return s.empty() ? "" : s[0];
  }
  uint32_t phandle(const std::string& path) const {
    const int off = node(path);
    return off < 0 ? 0 : fdt_get_phandle(blob.data(), off);
  }

  const std::vector<uint8_t>& blob;
};

bool have_dtc() {
  return std::system("command -v dtc >/dev/null 2>&1") == 0;
}

// Decompiles `blob` with dtc; returns everything dtc printed on stderr (warnings, errors).
std::string dtc_diagnostics(const TempDir& dir, const std::vector<uint8_t>& blob) {
  const std::string in = dir.file("tree.dtb");
  const std::string err = dir.file("dtc.err");
  write_file(in, blob);
  const std::string cmd =
      fmt::format("dtc -I dtb -O dts -o {} {} 2>{}", dir.file("tree.dts"), in, err);
  const int status = std::system(cmd.c_str());
  std::string diagnostics = read_text(err);
  if (status != 0) diagnostics += fmt::format("\n(dtc exited with {})", status);
  return diagnostics;
}

TEST(FdtBuilder, DecompilesWithoutDtcWarnings) {
  if (!have_dtc()) GTEST_SKIP() << "dtc (device-tree-compiler) is not installed";
  const TempDir dir;
  BoardDescription minimal;
  minimal.ram_size = 64ULL << 20;
  minimal.uart = minimal.rtc = minimal.test_finisher = false;
  BoardDescription all_slots = full_board(8);
  all_slots.virtio.clear();
  for (unsigned i = 0; i < virt::kVirtioSlots; ++i) all_slots.virtio.push_back(virtio_slot(i));
  for (const BoardDescription& board : {full_board(1), full_board(4), minimal, all_slots}) {
    EXPECT_EQ(dtc_diagnostics(dir, build_or_die(board)), "") << "harts=" << board.harts;
  }
}

TEST(FdtBuilder, RootMemoryAndChosen) {
  const auto blob = build_or_die(full_board(1));
  const Tree t(blob);
  EXPECT_EQ(t.cells("/", "#address-cells"), std::vector<uint32_t>{2});
  EXPECT_EQ(t.cells("/", "#size-cells"), std::vector<uint32_t>{2});
  EXPECT_EQ(t.string("/", "compatible"), "riscv-virtio");
  EXPECT_EQ(t.string("/memory@80000000", "device_type"), "memory");
  EXPECT_EQ(t.cells("/memory@80000000", "reg"),
            (std::vector<uint32_t>{0, 0x8000'0000, 0, 0x1000'0000}));
  EXPECT_EQ(t.string("/chosen", "bootargs"), "console=ttyS0 earlycon");
  EXPECT_EQ(t.string("/chosen", "stdout-path"), "/soc/serial@10000000");
  // 64-bit cells, as QEMU writes them.
  EXPECT_EQ(t.raw("/chosen", "linux,initrd-start").size(), 8U);
  EXPECT_EQ(t.u64("/chosen", "linux,initrd-start"), 0x8820'0000U);
  EXPECT_EQ(t.u64("/chosen", "linux,initrd-end"), 0x8830'0000U);
  EXPECT_FALSE(t.has_prop("/chosen", "rng-seed"));
}

TEST(FdtBuilder, MemoryAbove4GiBUsesBothCells) {
  BoardDescription b = full_board(1);
  b.ram_size = 16ULL << 30;
  const auto blob = build_or_die(b);
  const Tree t(blob);
  EXPECT_EQ(t.cells("/memory@80000000", "reg"), (std::vector<uint32_t>{0, 0x8000'0000, 4, 0}));
}

TEST(FdtBuilder, CpusWithInterruptControllersAndCpuMap) {
  const auto blob = build_or_die(full_board(4));
  const Tree t(blob);
  EXPECT_EQ(t.cells("/cpus", "#address-cells"), std::vector<uint32_t>{1});
  EXPECT_EQ(t.cells("/cpus", "#size-cells"), std::vector<uint32_t>{0});
  EXPECT_EQ(t.cells("/cpus", "timebase-frequency"), std::vector<uint32_t>{10'000'000});
  for (unsigned h = 0; h < 4; ++h) {
    const std::string cpu = fmt::format("/cpus/cpu@{}", h);
    const std::string intc = cpu + "/interrupt-controller";
    EXPECT_EQ(t.cells(cpu, "reg"), std::vector<uint32_t>{h});
    EXPECT_EQ(t.string(cpu, "device_type"), "cpu");
    EXPECT_EQ(t.string(cpu, "status"), "okay");
    EXPECT_EQ(t.string(cpu, "compatible"), "riscv");
    EXPECT_EQ(t.string(cpu, "riscv,isa"), "rv64imafdc_zicsr_zifencei_zihintpause_zba_zbb_zbs_sstc");
    EXPECT_EQ(t.string(cpu, "riscv,isa-base"), "rv64i");
    EXPECT_EQ(t.strings(cpu, "riscv,isa-extensions"),
              (std::vector<std::string>{"i", "m", "a", "f", "d", "c", "zicsr", "zifencei",
                                        "zihintpause", "zba", "zbb", "zbs", "sstc"}));
    EXPECT_EQ(t.string(cpu, "mmu-type"), "riscv,sv57");
    EXPECT_EQ(t.string(intc, "compatible"), "riscv,cpu-intc");
    EXPECT_TRUE(t.has_prop(intc, "interrupt-controller"));
    EXPECT_EQ(t.cells(intc, "#interrupt-cells"), std::vector<uint32_t>{1});
    EXPECT_NE(t.phandle(cpu), 0U);
    EXPECT_NE(t.phandle(intc), 0U);
    EXPECT_EQ(t.cells(fmt::format("/cpus/cpu-map/cluster0/core{}", h), "cpu"),
              std::vector<uint32_t>{t.phandle(cpu)});
  }
}

TEST(FdtBuilder, ClintAndPlicRouteEveryHart) {
  const auto blob = build_or_die(full_board(2));
  const Tree t(blob);
  const uint32_t i0 = t.phandle("/cpus/cpu@0/interrupt-controller");
  const uint32_t i1 = t.phandle("/cpus/cpu@1/interrupt-controller");
  EXPECT_EQ(t.strings("/soc", "compatible"), std::vector<std::string>{"simple-bus"});
  EXPECT_TRUE(t.has_prop("/soc", "ranges"));
  EXPECT_EQ(t.strings("/soc/clint@2000000", "compatible"),
            (std::vector<std::string>{"sifive,clint0", "riscv,clint0"}));
  EXPECT_EQ(t.cells("/soc/clint@2000000", "reg"),
            (std::vector<uint32_t>{0, 0x200'0000, 0, 0x10000}));
  EXPECT_EQ(t.cells("/soc/clint@2000000", "interrupts-extended"),
            (std::vector<uint32_t>{i0, 3, i0, 7, i1, 3, i1, 7}));
  const std::string plic = "/soc/plic@c000000";
  EXPECT_EQ(t.strings(plic, "compatible"),
            (std::vector<std::string>{"sifive,plic-1.0.0", "riscv,plic0"}));
  EXPECT_EQ(t.cells(plic, "reg"), (std::vector<uint32_t>{0, 0xc00'0000, 0, 0x60'0000}));
  EXPECT_EQ(t.cells(plic, "riscv,ndev"), std::vector<uint32_t>{95});
  EXPECT_TRUE(t.has_prop(plic, "interrupt-controller"));
  EXPECT_EQ(t.cells(plic, "interrupts-extended"),
            (std::vector<uint32_t>{i0, 11, i0, 9, i1, 11, i1, 9}));
}

TEST(FdtBuilder, DevicesAndSyscon) {
  const auto blob = build_or_die(full_board(1));
  const Tree t(blob);
  const uint32_t plic = t.phandle("/soc/plic@c000000");
  const std::string uart = "/soc/serial@10000000";
  EXPECT_EQ(t.string(uart, "compatible"), "ns16550a");
  EXPECT_EQ(t.cells(uart, "reg"), (std::vector<uint32_t>{0, 0x1000'0000, 0, 0x100}));
  EXPECT_EQ(t.cells(uart, "clock-frequency"), std::vector<uint32_t>{0x384000});
  EXPECT_EQ(t.cells(uart, "interrupts"), std::vector<uint32_t>{10});
  EXPECT_EQ(t.cells(uart, "interrupt-parent"), std::vector<uint32_t>{plic});
  EXPECT_EQ(t.string("/aliases", "serial0"), uart);

  EXPECT_EQ(t.string("/soc/rtc@101000", "compatible"), "google,goldfish-rtc");
  EXPECT_EQ(t.cells("/soc/rtc@101000", "reg"), (std::vector<uint32_t>{0, 0x10'1000, 0, 0x1000}));
  EXPECT_EQ(t.cells("/soc/rtc@101000", "interrupts"), std::vector<uint32_t>{11});

  EXPECT_EQ(t.strings("/soc/test@100000", "compatible"),
            (std::vector<std::string>{"sifive,test1", "sifive,test0", "syscon"}));
  const uint32_t test = t.phandle("/soc/test@100000");
  EXPECT_NE(test, 0U);
  EXPECT_EQ(t.string("/poweroff", "compatible"), "syscon-poweroff");
  EXPECT_EQ(t.cells("/poweroff", "regmap"), std::vector<uint32_t>{test});
  EXPECT_EQ(t.cells("/poweroff", "offset"), std::vector<uint32_t>{0});
  EXPECT_EQ(t.cells("/poweroff", "value"), std::vector<uint32_t>{0x5555});
  EXPECT_EQ(t.string("/reboot", "compatible"), "syscon-reboot");
  EXPECT_EQ(t.cells("/reboot", "value"), std::vector<uint32_t>{0x7777});

  // Only the slots holding a device appear.
  EXPECT_EQ(t.string("/soc/virtio_mmio@10001000", "compatible"), "virtio,mmio");
  EXPECT_EQ(t.cells("/soc/virtio_mmio@10001000", "interrupts"), std::vector<uint32_t>{1});
  EXPECT_EQ(t.cells("/soc/virtio_mmio@10008000", "reg"),
            (std::vector<uint32_t>{0, 0x1000'8000, 0, 0x1000}));
  EXPECT_EQ(t.cells("/soc/virtio_mmio@10008000", "interrupts"), std::vector<uint32_t>{8});
  EXPECT_FALSE(t.has("/soc/virtio_mmio@10002000"));
}

TEST(FdtBuilder, LeavesOutAbsentDevicesAndEmptyChosenProperties) {
  BoardDescription b;
  b.ram_size = 64ULL << 20;
  b.uart = b.rtc = b.test_finisher = false;
  const auto blob = build_or_die(b);
  const Tree t(blob);
  EXPECT_FALSE(t.has("/soc/serial@10000000"));
  EXPECT_FALSE(t.has("/soc/rtc@101000"));
  EXPECT_FALSE(t.has("/soc/test@100000"));
  EXPECT_FALSE(t.has("/poweroff"));
  EXPECT_FALSE(t.has("/aliases"));
  EXPECT_TRUE(t.has("/chosen"));
  EXPECT_FALSE(t.has_prop("/chosen", "bootargs"));
  EXPECT_FALSE(t.has_prop("/chosen", "stdout-path"));
  EXPECT_FALSE(t.has_prop("/chosen", "linux,initrd-start"));
  EXPECT_TRUE(t.has("/soc/plic@c000000"));
}

TEST(FdtBuilder, ExpandsGAndAddsCacheBlockSizes) {
  BoardDescription b = full_board(1);
  b.isa = "rv64gc_zicbom_zicboz";
  const auto blob = build_or_die(b);
  const Tree t(blob);
  EXPECT_EQ(t.strings("/cpus/cpu@0", "riscv,isa-extensions"),
            (std::vector<std::string>{"i", "m", "a", "f", "d", "c", "zicsr", "zifencei", "zicbom",
                                      "zicboz"}));
  EXPECT_EQ(t.cells("/cpus/cpu@0", "riscv,cbom-block-size"), std::vector<uint32_t>{64});
  EXPECT_EQ(t.cells("/cpus/cpu@0", "riscv,cboz-block-size"), std::vector<uint32_t>{64});
  EXPECT_FALSE(t.has_prop("/cpus/cpu@0", "riscv,cbop-block-size"));
}

TEST(FdtBuilder, RejectsInconsistentBoards) {
  auto error_of = [](const BoardDescription& b) {
    auto r = build_fdt(b);
    return r ? std::string("(built)") : r.error().message;
  };
  BoardDescription b = full_board(1);
  b.plic = false;
  EXPECT_NE(error_of(b).find("no PLIC"), std::string::npos);
  b = full_board(1);
  b.virtio = {{virt::kVirtioBase, virt::kVirtioSize, 0}};
  EXPECT_NE(error_of(b).find("not a PLIC source"), std::string::npos);
  b.virtio = {{virt::kVirtioBase, virt::kVirtioSize, 96}};
  EXPECT_NE(error_of(b).find("not a PLIC source"), std::string::npos);
  b.virtio = {{virt::kVirtioBase, virt::kVirtioSize, virt::kUartIrq}};
  EXPECT_NE(error_of(b).find("already in use"), std::string::npos);
  b = full_board(1);
  b.harts = 0;
  EXPECT_NE(error_of(b).find("0 harts"), std::string::npos);
  b = full_board(1);
  b.ram_size = 0;
  EXPECT_NE(error_of(b).find("empty"), std::string::npos);
  for (const char* isa :
       {"rv32imac", "rv64", "rv64mac", "rv64imac_", "rv64imac__zba", "rv64imac_Zba", "rv64i2p1"}) {
    b = full_board(1);
    b.isa = isa;
    EXPECT_NE(error_of(b).find("ISA string"), std::string::npos) << isa;
  }
}

// --- user-supplied blobs -------------------------------------------------------------------

std::vector<uint8_t> small_tree() {
  BoardDescription b;
  b.ram_size = 64ULL << 20;
  return build_or_die(b);
}

void set_be32(std::vector<uint8_t>& blob, size_t offset, uint32_t value) {
  const uint32_t be = cpu_to_fdt32(value);
  std::memcpy(blob.data() + offset, &be, 4);
}

std::string validation_error(const std::vector<uint8_t>& blob) {
  auto r = validate_dtb(blob, "test.dtb");
  return r ? std::string("(valid)") : r.error().message;
}

TEST(FdtBlob, AcceptsAGoodTree) {
  EXPECT_EQ(validation_error(small_tree()), "(valid)");
}

TEST(FdtBlob, RejectsHostileTrees) {
  const std::vector<uint8_t> good = small_tree();
  EXPECT_NE(validation_error({}).find("truncated"), std::string::npos);
  EXPECT_NE(validation_error({0xd0, 0x0d, 0xfe, 0xed}).find("truncated"), std::string::npos);

  std::vector<uint8_t> bad_magic = good;
  bad_magic[0] = 0x7f;
  EXPECT_NE(validation_error(bad_magic).find("not a device tree blob"), std::string::npos);

  std::vector<uint8_t> huge = good;
  set_be32(huge, offsetof(fdt_header, totalsize), 0x7fff'ffff);
  EXPECT_NE(validation_error(huge).find("not supported"), std::string::npos);

  const std::vector<uint8_t> truncated(good.begin(),
                                       good.begin() + static_cast<long>(good.size() / 2));
  EXPECT_NE(validation_error(truncated).find("truncated"), std::string::npos);

  // Block offsets pointing outside the blob.
  std::vector<uint8_t> bad_offsets = good;
  set_be32(bad_offsets, offsetof(fdt_header, off_dt_struct), 0x00ff'fff0);
  EXPECT_NE(validation_error(bad_offsets).find("corrupt"), std::string::npos);

  // A structure block whose tokens are garbage.
  std::vector<uint8_t> bad_struct = good;
  const uint32_t off = fdt_off_dt_struct(good.data());
  for (uint32_t i = 0; i < 64; ++i) bad_struct[off + 8 + i] = 0xff;
  EXPECT_NE(validation_error(bad_struct).find("corrupt"), std::string::npos);
}

TEST(FdtBlob, LoadsFilesWithClearErrors) {
  const TempDir dir;
  const std::vector<uint8_t> good = small_tree();
  std::vector<uint8_t> padded = good;
  padded.resize(good.size() + 100, 0);  // trailing bytes after totalsize are dropped
  write_file(dir.file("good.dtb"), padded);
  auto loaded = load_dtb_file(dir.file("good.dtb"));
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(*loaded, good);

  auto missing = load_dtb_file(dir.file("missing.dtb"));
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("missing.dtb"), std::string::npos);

  // Refused by size before it is read.
  write_file(dir.file("big.dtb"), std::vector<uint8_t>(kMaxDtbSize + 1, 0));
  auto big = load_dtb_file(dir.file("big.dtb"));
  ASSERT_FALSE(big);
  EXPECT_NE(big.error().message.find("more than"), std::string::npos);

  std::vector<uint8_t> bad = good;
  bad[3] ^= 1;
  write_file(dir.file("bad.dtb"), bad);
  auto rejected = load_dtb_file(dir.file("bad.dtb"));
  ASSERT_FALSE(rejected);
  EXPECT_NE(rejected.error().message.find("bad.dtb is not a device tree blob"), std::string::npos);
}

TEST(FdtBlob, PatchesChosenCreatingItWhenMissing) {
  std::vector<uint8_t> bare(256);
  ASSERT_EQ(fdt_create_empty_tree(bare.data(), static_cast<int>(bare.size())), 0);
  ChosenPatch patch;
  patch.bootargs = "root=/dev/vda rw";
  patch.initrd = PhysRange{0x8820'0000, 0x8900'0000};
  auto patched = patch_chosen(bare, patch);
  ASSERT_TRUE(patched) << patched.error().message;
  const Tree t(*patched);
  EXPECT_EQ(t.string("/chosen", "bootargs"), "root=/dev/vda rw");
  EXPECT_EQ(t.u64("/chosen", "linux,initrd-start"), 0x8820'0000U);
  EXPECT_EQ(t.u64("/chosen", "linux,initrd-end"), 0x8900'0000U);
  EXPECT_EQ(patched->size(), fdt_totalsize(patched->data()));  // packed
}

TEST(FdtBlob, PatchReplacesOnlyWhatItIsGiven) {
  const auto blob = build_or_die(full_board(1));
  ChosenPatch patch;
  patch.bootargs = "quiet";
  auto patched = patch_chosen(blob, patch);
  ASSERT_TRUE(patched) << patched.error().message;
  const Tree t(*patched);
  EXPECT_EQ(t.string("/chosen", "bootargs"), "quiet");
  EXPECT_EQ(t.string("/chosen", "stdout-path"), "/soc/serial@10000000");
  EXPECT_EQ(t.u64("/chosen", "linux,initrd-start"), 0x8820'0000U);

  std::vector<uint8_t> broken = blob;
  broken[0] = 0;
  EXPECT_FALSE(patch_chosen(broken, patch));
}

TEST(FdtBlob, DumpWritesTheBytesOrSaysWhy) {
  const TempDir dir;
  const auto blob = small_tree();
  ASSERT_TRUE(write_dtb_file(dir.file("out.dtb"), blob));
  auto back = load_dtb_file(dir.file("out.dtb"));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, blob);
  auto r = write_dtb_file(dir.file("no/such/dir/out.dtb"), blob);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("no/such/dir/out.dtb"), std::string::npos);
}

}  // namespace
}  // namespace strata::machine
