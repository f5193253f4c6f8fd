// Boot images and their placement: Linux Image header validation, content-based format
// detection, the layout rules (kernel, initrd, DTB, fw_dynamic_info), firmware handling, and the
// BootPlan prepare_boot hands the board.
#include <elf.h>
#include <gtest/gtest.h>
#include <libfdt.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "machine/boot_image.h"
#include "machine/boot_layout.h"
#include "machine/boot_plan.h"
#include "machine/fdt_blob.h"
#include "machine/firmware.h"
#include "machine/linux_image.h"

namespace strata::machine {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kMiB = 1024 * 1024;
constexpr uint64_t kRam = virt::kRamBase;

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
  std::string write(const std::string& name, const std::vector<uint8_t>& bytes) const {
    std::string path = (path_ / name).string();
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    return path;
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  // A file of `size` zero bytes that costs nothing to create.
  std::string sparse(const std::string& name, uint64_t size) const {
    std::string path = write(name, {});
    fs::resize_file(path, size);
    return path;
  }

 private:
  fs::path path_;
};

template <typename T>
void put_le(std::vector<uint8_t>& bytes, size_t offset, T value) {
  for (size_t i = 0; i < sizeof(T); ++i) bytes[offset + i] = static_cast<uint8_t>(value >> (8 * i));
}

uint64_t get_le64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

struct ImageSpec {
  uint64_t text_offset = 0x20'0000;
  uint64_t image_size = 0;  // 0: the file size
  uint64_t flags = 0;
  uint32_t version = 2;
  bool magic = true;
  bool magic2 = true;
  size_t file_size = 4096;
};

// A Linux Image: the 64-byte header, then a recognisable pattern.
std::vector<uint8_t> make_image(const ImageSpec& s) {
  std::vector<uint8_t> bytes(s.file_size);
  for (size_t i = 64; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(i * 7);
  put_le<uint32_t>(bytes, 0, 0x0400'006f);  // code0: j +64, as a real kernel jumps past it
  put_le<uint64_t>(bytes, 8, s.text_offset);
  put_le<uint64_t>(bytes, 16, s.image_size ? s.image_size : s.file_size);
  put_le<uint64_t>(bytes, 24, s.flags);
  put_le<uint32_t>(bytes, 32, s.version);
  if (s.magic) put_le<uint64_t>(bytes, 48, kLinuxImageMagic);
  if (s.magic2) put_le<uint32_t>(bytes, 56, kLinuxImageMagic2);
  return bytes;
}

// A RISC-V ELF64 executable with one PT_LOAD of `payload` at `paddr`, `memsz` bytes in memory.
std::vector<uint8_t> make_elf(uint64_t paddr, uint64_t entry, const std::vector<uint8_t>& payload,
                              uint64_t memsz = 0) {
  Elf64_Ehdr eh{};
  std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
  eh.e_ident[EI_CLASS] = ELFCLASS64;
  eh.e_ident[EI_DATA] = ELFDATA2LSB;
  eh.e_ident[EI_VERSION] = EV_CURRENT;
  eh.e_type = ET_EXEC;
  eh.e_machine = EM_RISCV;
  eh.e_version = EV_CURRENT;
  eh.e_entry = entry;
  eh.e_phoff = sizeof(Elf64_Ehdr);
  eh.e_ehsize = sizeof(Elf64_Ehdr);
  eh.e_phentsize = sizeof(Elf64_Phdr);
  eh.e_phnum = 1;
  Elf64_Phdr ph{};
  ph.p_type = PT_LOAD;
  ph.p_flags = PF_R | PF_X;
  ph.p_offset = sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr);
  ph.p_vaddr = ph.p_paddr = paddr;
  ph.p_filesz = payload.size();
  ph.p_memsz = memsz ? memsz : payload.size();
  ph.p_align = 8;
  // Sized once and filled by copies: GCC 12 at -O3 misreads growing the vector by insert() as an
  // out-of-bounds copy (-Warray-bounds).
  std::vector<uint8_t> bytes(sizeof eh + sizeof ph + payload.size());
  std::memcpy(bytes.data(), &eh, sizeof eh);
  std::memcpy(bytes.data() + sizeof eh, &ph, sizeof ph);
  std::copy(payload.begin(), payload.end(), bytes.begin() + sizeof eh + sizeof ph);
  return bytes;
}

std::unique_ptr<mem::GuestRam> make_ram(uint64_t size) {
  auto ram = mem::GuestRam::create(kRam, size);
  EXPECT_TRUE(ram) << ram.error().message;
  return ram ? std::move(*ram) : nullptr;
}

bool ram_holds(const mem::GuestRam& ram, uint64_t paddr, const std::vector<uint8_t>& bytes,
               size_t from = 0) {
  return std::memcmp(ram.host(paddr), bytes.data() + from, bytes.size() - from) == 0;
}

template <typename T>
std::string error_of(const Result<T>& r) {
  return r ? std::string("(no error)") : r.error().message;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// --- Linux Image header ----------------------------------------------------------------------

TEST(BootImageHeader, ParsesAValidHeader) {
  const auto bytes = make_image({.image_size = 0x150'0000});
  auto h = parse_linux_image(bytes, "Image");
  ASSERT_TRUE(h) << h.error().message;
  EXPECT_EQ(h->text_offset, 0x20'0000U);
  EXPECT_EQ(h->image_size, 0x150'0000U);
  EXPECT_EQ(h->version, 2U);
  EXPECT_EQ(linux_image_footprint(*h, bytes.size()), 0x150'0000U);
  EXPECT_EQ(linux_image_footprint({.image_size = 0}, 4096), 4096U);
}

TEST(BootImageHeader, AcceptsEitherMagicAsOldKernelsDo) {
  EXPECT_TRUE(parse_linux_image(make_image({.magic = false}), "Image"));
  EXPECT_TRUE(parse_linux_image(make_image({.version = 1, .magic2 = false}), "Image"));
}

TEST(BootImageHeader, RejectsBadHeaders) {
  EXPECT_TRUE(
      contains(error_of(parse_linux_image(make_image({.magic = false, .magic2 = false}), "Image")),
               "Image is not a RISC-V Linux Image"));
  EXPECT_FALSE(has_linux_image_magic(make_image({.magic = false, .magic2 = false})));
  EXPECT_TRUE(contains(error_of(parse_linux_image(make_image({.magic2 = false}), "Image")),
                       "corrupt Image header"));
  EXPECT_TRUE(contains(error_of(parse_linux_image(make_image({.text_offset = 0x1000}), "Image")),
                       "text_offset 0x1000 is not a multiple of 2 MiB"));
  EXPECT_TRUE(
      contains(error_of(parse_linux_image(make_image({.flags = 1}), "Image")), "big-endian"));
  const auto whole = make_image({});
  EXPECT_TRUE(
      contains(error_of(parse_linux_image(std::span(whole).first(63), "Image")), "too short"));
}

// --- loading kernels and firmware by content ---------------------------------------------------

TEST(BootImageLoad, LinuxImageGoesToTextOffset) {
  const TempDir dir;
  auto ram = make_ram(64 * kMiB);
  const auto bytes = make_image({.image_size = 3 * kMiB});
  auto k = load_kernel_image(dir.write("Image", bytes), *ram, std::nullopt);
  ASSERT_TRUE(k) << k.error().message;
  EXPECT_EQ(k->format, ImageFormat::kLinuxImage);
  EXPECT_EQ(k->entry, 0x8020'0000U);
  EXPECT_EQ(k->range, (PhysRange{0x8020'0000, 0x8020'0000 + 3 * kMiB}));
  EXPECT_TRUE(ram_holds(*ram, 0x8020'0000, bytes));
}

// Only the head of a kernel is read to tell its format; the rest streams to RAM in chunks. A
// file longer than the head and not a whole number of chunks arrives whole.
TEST(BootImageLoad, LargeImageArrivesWhole) {
  const TempDir dir;
  auto ram = make_ram(64 * kMiB);
  const auto bytes = make_image({.file_size = 200 * 1024 + 3});
  auto k = load_kernel_image(dir.write("Image", bytes), *ram, std::nullopt);
  ASSERT_TRUE(k) << k.error().message;
  EXPECT_EQ(k->range, (PhysRange{0x8020'0000, 0x8020'0000 + bytes.size()}));
  EXPECT_TRUE(ram_holds(*ram, 0x8020'0000, bytes));
}

TEST(BootImageLoad, FlatKernelsGoPastTheFirmware) {
  const TempDir dir;
  auto ram = make_ram(64 * kMiB);
  const PhysRange firmware{kRam, kRam + 0x30'0000};
  auto image = load_kernel_image(dir.write("Image", make_image({})), *ram, firmware);
  ASSERT_TRUE(image) << image.error().message;
  EXPECT_EQ(image->entry, 0x8040'0000U);
  // Small firmware: the usual 0x8020_0000.
  EXPECT_EQ(flat_kernel_address(kRam, 0x20'0000, PhysRange{kRam, kRam + 0x4'0000}), 0x8020'0000U);
  EXPECT_EQ(flat_kernel_address(kRam, 0x20'0000, std::nullopt), 0x8020'0000U);
  EXPECT_EQ(flat_kernel_address(kRam, 0, std::nullopt), kRam);
}

TEST(BootImageLoad, ImageLargerThanRamIsAnError) {
  const TempDir dir;
  auto ram = make_ram(64 * kMiB);
  auto r = load_kernel_image(dir.write("Image", make_image({.image_size = 64 * kMiB})), *ram,
                             std::nullopt);
  EXPECT_TRUE(contains(error_of(r), "needs 67108864 bytes at 0x80200000")) << error_of(r);
  auto far = load_kernel_image(dir.write("Far", make_image({.text_offset = 64 * kMiB})), *ram,
                               std::nullopt);
  EXPECT_TRUE(contains(error_of(far), "beyond")) << error_of(far);
  auto bad =
      load_kernel_image(dir.write("Bad", make_image({.text_offset = 0x1000})), *ram, std::nullopt);
  EXPECT_TRUE(contains(error_of(bad), "not a multiple of 2 MiB")) << error_of(bad);
}

TEST(BootImageLoad, RawGzipEmptyAndMissingKernels) {
  const TempDir dir;
  auto ram = make_ram(64 * kMiB);
  const std::vector<uint8_t> raw(1000, 0x13);  // nops
  // Without firmware a raw file is not taken for a kernel; as a firmware's payload it is.
  auto alone = load_kernel_image(dir.write("payload.bin", raw), *ram, std::nullopt);
  EXPECT_TRUE(contains(error_of(alone), "is not a kernel")) << error_of(alone);
  auto k = load_kernel_image(dir.write("payload.bin", raw), *ram, PhysRange{kRam, kRam + 0x1000});
  ASSERT_TRUE(k) << k.error().message;
  EXPECT_EQ(k->format, ImageFormat::kRaw);
  EXPECT_EQ(k->entry, 0x8020'0000U);
  EXPECT_EQ(k->range, (PhysRange{0x8020'0000, 0x8020'0000 + 1000}));
  EXPECT_TRUE(ram_holds(*ram, 0x8020'0000, raw));

  auto gz = load_kernel_image(dir.write("Image.gz", {0x1f, 0x8b, 8, 0}), *ram, std::nullopt);
  EXPECT_TRUE(contains(error_of(gz), "gzip")) << error_of(gz);
  auto empty = load_kernel_image(dir.write("empty", {}), *ram, std::nullopt);
  EXPECT_TRUE(contains(error_of(empty), "empty")) << error_of(empty);
  auto missing = load_kernel_image(dir.file("nope"), *ram, std::nullopt);
  EXPECT_TRUE(contains(error_of(missing), "cannot open kernel")) << error_of(missing);
  // A file bigger than RAM is refused before it is read.
  auto huge = load_kernel_image(dir.sparse("huge", 64 * kMiB + 1), *ram, std::nullopt);
  EXPECT_TRUE(contains(error_of(huge), "more than")) << error_of(huge);
}

TEST(BootImageLoad, ElfKernelUsesItsAddressesAndMustMissTheFirmware) {
  const TempDir dir;
  auto ram = make_ram(64 * kMiB);
  const std::vector<uint8_t> code(256, 0x13);
  const auto elf = make_elf(0x8040'0000, 0x8040'0010, code, 0x2000);
  auto k = load_kernel_image(dir.write("vmlinux", elf), *ram, std::nullopt);
  ASSERT_TRUE(k) << k.error().message;
  EXPECT_EQ(k->format, ImageFormat::kElf);
  EXPECT_EQ(k->entry, 0x8040'0010U);
  EXPECT_EQ(k->range, (PhysRange{0x8040'0000, 0x8040'2000}));
  EXPECT_TRUE(ram_holds(*ram, 0x8040'0000, code));
  auto clash =
      load_kernel_image(dir.write("vmlinux", elf), *ram, PhysRange{0x8000'0000, 0x8040'1000});
  EXPECT_TRUE(contains(error_of(clash), "overlaps the firmware")) << error_of(clash);
}

TEST(BootImageLoad, FirmwareRawOrElf) {
  const TempDir dir;
  auto ram = make_ram(64 * kMiB);
  const std::vector<uint8_t> raw(5000, 0x73);
  auto fw = load_firmware_image(dir.write("fw.bin", raw), *ram);
  ASSERT_TRUE(fw) << fw.error().message;
  EXPECT_EQ(fw->format, ImageFormat::kRaw);
  EXPECT_EQ(fw->entry, kRam);
  EXPECT_EQ(fw->range, (PhysRange{kRam, kRam + 5000}));
  EXPECT_TRUE(ram_holds(*ram, kRam, raw));

  const std::vector<uint8_t> code(128, 0x6f);
  auto elf =
      load_firmware_image(dir.write("fw.elf", make_elf(0x8010'0000, 0x8010'0040, code)), *ram);
  ASSERT_TRUE(elf) << elf.error().message;
  EXPECT_EQ(elf->format, ImageFormat::kElf);
  EXPECT_EQ(elf->entry, 0x8010'0040U);
  EXPECT_EQ(elf->range, (PhysRange{0x8010'0000, 0x8010'0080}));

  // An ELF that does not fit is the ELF loader's error, not a silent raw load.
  auto outside = load_firmware_image(dir.write("bad.elf", make_elf(0x1000, 0x1000, code)), *ram);
  EXPECT_TRUE(contains(error_of(outside), "outside guest RAM")) << error_of(outside);
  auto empty = load_firmware_image(dir.write("empty", {}), *ram);
  EXPECT_TRUE(contains(error_of(empty), "empty")) << error_of(empty);
}

TEST(BootFirmware, ResolvesBiosOption) {
  const TempDir dir;
  auto none = resolve_firmware("none");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
  auto unset = resolve_firmware("");
  ASSERT_TRUE(unset);
  EXPECT_FALSE(unset->has_value());
  auto missing = resolve_firmware(dir.file("fw_missing.bin"));
  EXPECT_TRUE(contains(error_of(missing), "fw_missing.bin: No such file")) << error_of(missing);
  const std::string path = dir.write("fw.bin", {1, 2, 3});
  auto given = resolve_firmware(path);
  ASSERT_TRUE(given) << given.error().message;
  EXPECT_EQ(given->value(), path);
  auto def = resolve_firmware("default");
  if (fs::exists(kDefaultFirmware)) {
    ASSERT_TRUE(def) << def.error().message;
    EXPECT_EQ(def->value(), kDefaultFirmware);
  } else {
    EXPECT_TRUE(contains(error_of(def), "apt-get install opensbi")) << error_of(def);
  }
}

TEST(BootFirmware, FwDynamicInfoLayout) {
  const auto bytes = encode_fw_dynamic_info({.next_addr = 0x8020'0000});
  ASSERT_EQ(bytes.size(), 48U);
  EXPECT_EQ(std::memcmp(bytes.data(), "OSBI\0\0\0\0", 8), 0);  // magic 0x4942534f
  EXPECT_EQ(get_le64(&bytes[8]), 2U);                          // version
  EXPECT_EQ(get_le64(&bytes[16]), 0x8020'0000U);               // next_addr
  EXPECT_EQ(get_le64(&bytes[24]), 1U);                         // next_mode: S
  EXPECT_EQ(get_le64(&bytes[32]), 0U);                         // options
  EXPECT_EQ(get_le64(&bytes[40]), ~0ULL);                      // boot_hart: any
}

// --- layout rules ------------------------------------------------------------------------------

LayoutRequest request(uint64_t ram_size, uint64_t kernel_size) {
  LayoutRequest r;
  r.ram_base = kRam;
  r.ram_size = ram_size;
  r.kernel = PhysRange{0x8020'0000, 0x8020'0000 + kernel_size};
  r.dtb_size = 8192;
  return r;
}

TEST(BootLayout, DtbAtTheTopOfRamTwoMiBAligned) {
  for (const uint64_t size : {64 * kMiB, 256 * kMiB, 16384 * kMiB}) {
    auto layout = plan_boot_layout(request(size, 20 * kMiB));
    ASSERT_TRUE(layout) << layout.error().message;
    EXPECT_EQ(layout->dtb_address, kRam + size - 2 * kMiB) << size;
    EXPECT_FALSE(layout->fw_dynamic_info);
    EXPECT_FALSE(layout->initrd);
  }
  // QEMU's rule for 64-bit harts: no 3 GiB cap, so 16 GiB puts it at 0x4_7fe0_0000.
  EXPECT_EQ(plan_boot_layout(request(16384 * kMiB, 20 * kMiB))->dtb_address, 0x4'7fe0'0000U);
  // A tree so big it would leave less than kDtbGrowthRoom above it drops another 2 MiB.
  LayoutRequest big = request(256 * kMiB, 20 * kMiB);
  big.dtb_size = 2 * kMiB - 1024;
  EXPECT_EQ(plan_boot_layout(big)->dtb_address, kRam + 256 * kMiB - 4 * kMiB);
}

TEST(BootLayout, FwDynamicInfoJustBelowTheDtb) {
  LayoutRequest r = request(256 * kMiB, 20 * kMiB);
  r.fw_dynamic_info = true;
  r.firmware = PhysRange{kRam, kRam + 0x4'0000};
  auto layout = plan_boot_layout(r);
  ASSERT_TRUE(layout) << layout.error().message;
  ASSERT_TRUE(layout->fw_dynamic_info);
  EXPECT_EQ(*layout->fw_dynamic_info, layout->dtb_address - kFwDynamicInfoSlot);
  EXPECT_EQ(*layout->fw_dynamic_info % 8, 0U);
}

TEST(BootLayout, InitrdPlacementPerRamSize) {
  struct Case {
    uint64_t ram;
    uint64_t expected_start;
  };
  // kernel start + min(RAM / 2, 128 MiB), never below the kernel's end.
  for (const Case c :
       {Case{64 * kMiB, 0x8020'0000 + 32 * kMiB}, Case{256 * kMiB, 0x8020'0000 + 128 * kMiB},
        Case{16384 * kMiB, 0x8020'0000 + 128 * kMiB}}) {
    LayoutRequest r = request(c.ram, 20 * kMiB);
    r.initrd_size = 10 * kMiB;
    auto layout = plan_boot_layout(r);
    ASSERT_TRUE(layout) << layout.error().message;
    ASSERT_TRUE(layout->initrd);
    EXPECT_EQ(layout->initrd->start, c.expected_start) << c.ram;
    EXPECT_EQ(layout->initrd->size(), 10 * kMiB);
    EXPECT_LE(layout->initrd->end, layout->dtb_address);
  }
  // A kernel that reaches past the preferred spot pushes the initrd 2 MiB-aligned past its end.
  LayoutRequest big_kernel = request(256 * kMiB, 150 * kMiB + 5);
  big_kernel.initrd_size = 10 * kMiB;
  EXPECT_EQ(plan_boot_layout(big_kernel)->initrd->start, 0x8020'0000 + 152 * kMiB);
}

TEST(BootLayout, InitrdFallsBackToRightAfterTheKernel) {
  // 64 MiB: the preferred spot (0x8220_0000) leaves ~28 MiB; 36 MiB fits only after the kernel.
  LayoutRequest r = request(64 * kMiB, 4 * kMiB + 100);
  r.initrd_size = 36 * kMiB;
  auto layout = plan_boot_layout(r);
  ASSERT_TRUE(layout) << layout.error().message;
  EXPECT_EQ(layout->initrd->start, 0x8020'0000 + 4 * kMiB + 4096);
  EXPECT_LE(layout->initrd->end, layout->dtb_address);
}

TEST(BootLayout, InitrdThatDoesNotFitIsAnError) {
  LayoutRequest r = request(64 * kMiB, 20 * kMiB);
  // The kernel ends at 0x8160_0000 and the tree sits at 0x83e0_0000: exactly 40 MiB between.
  r.initrd_size = 40 * kMiB;
  EXPECT_TRUE(plan_boot_layout(r));
  r.initrd_size = 40 * kMiB + 1;
  auto layout = plan_boot_layout(r);
  EXPECT_TRUE(contains(error_of(layout),
                       "initrd of 41943041 bytes does not fit in RAM above the "
                       "kernel (41943040 bytes free between 0x81600000 and the "
                       "device tree at 0x83e00000)"))
      << error_of(layout);
  r.initrd_size = 0;
  EXPECT_TRUE(contains(error_of(plan_boot_layout(r)), "empty"));
}

TEST(BootLayout, DtbMustFitAboveTheKernel) {
  auto layout = plan_boot_layout(request(64 * kMiB, 62 * kMiB));
  EXPECT_TRUE(contains(error_of(layout),
                       "no room for the device tree of 8192 bytes above the "
                       "kernel"))
      << error_of(layout);
  LayoutRequest r = request(64 * kMiB, kMiB);
  r.dtb_size = 0;
  EXPECT_FALSE(plan_boot_layout(r));
  r.dtb_size = kMaxDtbSize + 1;
  EXPECT_FALSE(plan_boot_layout(r));
}

// --- prepare_boot: the plan the board follows --------------------------------------------------

BoardDescription board_for(const mem::GuestRam& ram, unsigned harts = 2) {
  BoardDescription b;
  b.harts = harts;
  b.ram_base = ram.base();
  b.ram_size = ram.size();
  b.virtio = {virtio_slot(0)};
  return b;
}

// The /chosen of the tree the plan wrote into guest RAM.
struct ChosenInRam {
  std::string bootargs;
  uint64_t initrd_start = 0, initrd_end = 0;
  bool has_initrd = false;
};

ChosenInRam chosen_in_ram(const mem::GuestRam& ram, const BootPlan& plan) {
  const void* fdt = ram.host(plan.dtb_address);
  EXPECT_EQ(fdt_check_full(fdt, plan.dtb_size), 0);
  ChosenInRam out;
  const int chosen = fdt_path_offset(fdt, "/chosen");
  EXPECT_GE(chosen, 0);
  if (const char* args = static_cast<const char*>(fdt_getprop(fdt, chosen, "bootargs", nullptr))) {
    out.bootargs = args;
  }
  int len = 0;
  const auto* start =
      static_cast<const uint8_t*>(fdt_getprop(fdt, chosen, "linux,initrd-start", &len));
  const auto* end = static_cast<const uint8_t*>(fdt_getprop(fdt, chosen, "linux,initrd-end", &len));
  if (start && end) {
    out.has_initrd = true;
    fdt64_t s;
    fdt64_t e;
    std::memcpy(&s, start, 8);
    std::memcpy(&e, end, 8);
    out.initrd_start = fdt64_to_cpu(s);
    out.initrd_end = fdt64_to_cpu(e);
  }
  return out;
}

TEST(BootPlan, DirectKernelBootWithInitrd) {
  const TempDir dir;
  auto ram = make_ram(256 * kMiB);
  std::vector<uint8_t> initrd(3 * kMiB + 5);
  for (size_t i = 0; i < initrd.size(); ++i) initrd[i] = static_cast<uint8_t>(i ^ (i >> 8));
  BootConfig config;
  config.kernel = dir.write("Image", make_image({.image_size = 8 * kMiB}));
  config.initrd = dir.write("initrd.cpio", initrd);
  config.append = "console=ttyS0 rdinit=/sbin/init";
  auto plan = prepare_boot(config, board_for(*ram), *ram);
  ASSERT_TRUE(plan) << plan.error().message;

  EXPECT_EQ(plan->entry, 0x8020'0000U);
  EXPECT_TRUE(plan->supervisor_entry);
  EXPECT_FALSE(plan->firmware);
  EXPECT_FALSE(plan->fw_dynamic_info);
  EXPECT_EQ(plan->dtb_address, kRam + 256 * kMiB - 2 * kMiB);
  ASSERT_TRUE(plan->initrd);
  EXPECT_EQ(plan->initrd->start, 0x8020'0000 + 128 * kMiB);
  EXPECT_TRUE(ram_holds(*ram, plan->initrd->start, initrd));

  const ChosenInRam chosen = chosen_in_ram(*ram, *plan);
  EXPECT_EQ(chosen.bootargs, config.append);
  ASSERT_TRUE(chosen.has_initrd);
  EXPECT_EQ(chosen.initrd_start, plan->initrd->start);
  EXPECT_EQ(chosen.initrd_end, plan->initrd->end);

  const HartReset boot = hart_reset_state(*plan, 0);
  EXPECT_TRUE(boot.running);
  EXPECT_EQ(boot.mode, cpu::Priv::kSupervisor);
  EXPECT_EQ(boot.pc, 0x8020'0000U);
  EXPECT_EQ(boot.a0, 0U);
  EXPECT_EQ(boot.a1, plan->dtb_address);
  const HartReset other = hart_reset_state(*plan, 1);
  EXPECT_FALSE(other.running);  // waits for SBI HSM hart_start
  EXPECT_EQ(other.a0, 1U);
}

TEST(BootPlan, SixteenGiBPutsTheTreeAtTheTop) {
  const TempDir dir;
  auto ram = make_ram(16384 * kMiB);  // sparse: only touched pages cost memory
  BootConfig config;
  config.kernel = dir.write("Image", make_image({}));
  config.initrd = dir.write("initrd", std::vector<uint8_t>(8192, 7));
  auto plan = prepare_boot(config, board_for(*ram), *ram);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->dtb_address, 0x4'7fe0'0000U);
  EXPECT_EQ(plan->initrd->start, 0x8020'0000 + 128 * kMiB);
  const void* fdt = ram->host(plan->dtb_address);
  const int memory = fdt_path_offset(fdt, "/memory@80000000");
  ASSERT_GE(memory, 0);
  int len = 0;
  const auto* reg = static_cast<const fdt32_t*>(fdt_getprop(fdt, memory, "reg", &len));
  ASSERT_EQ(len, 16);
  EXPECT_EQ(fdt32_to_cpu(reg[2]), 4U);  // size 0x4_0000_0000
  EXPECT_EQ(fdt32_to_cpu(reg[3]), 0U);
}

TEST(BootPlan, FirmwareWithNextStageKernel) {
  const TempDir dir;
  auto ram = make_ram(64 * kMiB);
  const std::vector<uint8_t> firmware(100 * 1024, 0x13);
  BootConfig config;
  config.bios = dir.write("fw_dynamic.bin", firmware);
  config.kernel = dir.write("Image", make_image({}));
  auto plan = prepare_boot(config, board_for(*ram), *ram);
  ASSERT_TRUE(plan) << plan.error().message;

  EXPECT_EQ(plan->entry, kRam);
  EXPECT_FALSE(plan->supervisor_entry);
  ASSERT_TRUE(plan->kernel);
  EXPECT_EQ(plan->kernel->entry, 0x8020'0000U);
  EXPECT_TRUE(ram_holds(*ram, kRam, firmware));
  ASSERT_TRUE(plan->fw_dynamic_info);
  EXPECT_EQ(*plan->fw_dynamic_info, plan->dtb_address - kFwDynamicInfoSlot);

  const uint8_t* info = ram->host(*plan->fw_dynamic_info);
  EXPECT_EQ(get_le64(info), kFwDynamicInfoMagic);
  EXPECT_EQ(get_le64(info + 8), 2U);
  EXPECT_EQ(get_le64(info + 16), 0x8020'0000U);
  EXPECT_EQ(get_le64(info + 24), kFwDynamicNextModeSupervisor);
  EXPECT_EQ(get_le64(info + 40), kFwDynamicBootHartAny);

  for (unsigned hart = 0; hart < 2; ++hart) {
    const HartReset r = hart_reset_state(*plan, hart);
    EXPECT_TRUE(r.running);
    EXPECT_EQ(r.mode, cpu::Priv::kMachine);
    EXPECT_EQ(r.pc, kRam);
    EXPECT_EQ(r.a0, hart);
    EXPECT_EQ(r.a1, plan->dtb_address);
    EXPECT_EQ(r.a2, *plan->fw_dynamic_info);
  }
  EXPECT_EQ(chosen_in_ram(*ram, *plan).bootargs, "");
}

TEST(BootPlan, ElfFirmwareAlone) {
  const TempDir dir;
  auto ram = make_ram(64 * kMiB);
  BootConfig config;
  config.bios = dir.write("fw.elf", make_elf(kRam, kRam + 0x40, std::vector<uint8_t>(512, 1)));
  auto plan = prepare_boot(config, board_for(*ram), *ram);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->entry, kRam + 0x40);
  EXPECT_FALSE(plan->kernel);
  // No next stage: next_addr 0, as QEMU passes.
  EXPECT_EQ(get_le64(ram->host(*plan->fw_dynamic_info) + 16), 0U);
}

TEST(BootPlan, UserDtbIsPatchedAndDumped) {
  const TempDir dir;
  auto ram = make_ram(64 * kMiB);
  BoardDescription other = board_for(*ram, 1);
  other.bootargs = "from the file";
  auto user = build_fdt(other);
  ASSERT_TRUE(user);
  BootConfig config;
  config.kernel = dir.write("Image", make_image({}));
  config.initrd = dir.write("initrd", std::vector<uint8_t>(4096, 9));
  config.dtb = dir.write("user.dtb", *user);
  config.append = "root=/dev/vda";
  config.dump_dtb = dir.file("dump.dtb");
  auto plan = prepare_boot(config, board_for(*ram, 4), *ram);
  ASSERT_TRUE(plan) << plan.error().message;
  const ChosenInRam chosen = chosen_in_ram(*ram, *plan);
  EXPECT_EQ(chosen.bootargs, "root=/dev/vda");
  EXPECT_EQ(chosen.initrd_start, plan->initrd->start);
  // The user's tree, not the board's: one cpu.
  const void* fdt = ram->host(plan->dtb_address);
  EXPECT_GE(fdt_path_offset(fdt, "/cpus/cpu@0"), 0);
  EXPECT_LT(fdt_path_offset(fdt, "/cpus/cpu@3"), 0);

  auto dumped = load_dtb_file(config.dump_dtb);
  ASSERT_TRUE(dumped) << dumped.error().message;
  ASSERT_EQ(dumped->size(), plan->dtb_size);
  EXPECT_TRUE(ram_holds(*ram, plan->dtb_address, *dumped));

  // Untouched when nothing asks for a patch.
  BootConfig plain;
  plain.kernel = config.kernel;
  plain.dtb = config.dtb;
  auto ram2 = make_ram(64 * kMiB);
  auto plan2 = prepare_boot(plain, board_for(*ram2, 4), *ram2);
  ASSERT_TRUE(plan2) << plan2.error().message;
  EXPECT_EQ(chosen_in_ram(*ram2, *plan2).bootargs, "from the file");
}

TEST(BootPlan, RejectsBadCombinationsAndInputs) {
  const TempDir dir;
  auto ram = make_ram(64 * kMiB);
  const BoardDescription board = board_for(*ram);
  const std::string image = dir.write("Image", make_image({.image_size = 20 * kMiB}));
  auto run = [&](const std::string& bios, const std::string& kernel, const std::string& initrd,
                 const std::string& append = "", const std::string& dtb = "") {
    BootConfig c;
    c.bios = bios;
    c.kernel = kernel;
    c.initrd = initrd;
    c.append = append;
    c.dtb = dtb;
    return error_of(prepare_boot(c, board, *ram));
  };
  const std::string fw = dir.write("fw", {1});

  EXPECT_TRUE(contains(run("", "", ""), "nothing to boot"));
  EXPECT_TRUE(contains(run("none", "", image), "nothing to boot"));
  EXPECT_TRUE(contains(run(fw, "", image), "--initrd needs --kernel"));
  EXPECT_TRUE(contains(run(fw, "", "", "x"), "--append needs --kernel"));
  EXPECT_TRUE(contains(run(dir.file("missing.bin"), image, ""), "missing.bin"));
  EXPECT_TRUE(contains(run("", image, dir.file("no-initrd")), "no-initrd"));
  EXPECT_TRUE(contains(run("", image, "", "", dir.write("bad.dtb", {1, 2, 3, 4, 5})),
                       "bad.dtb is truncated"));
  const std::string big_initrd = dir.sparse("big-initrd", 44 * kMiB);
  EXPECT_TRUE(contains(run("", image, big_initrd),
                       "initrd of 46137344 bytes does not fit in RAM above the kernel"));

  BoardDescription wrong = board;
  wrong.ram_size = 128 * kMiB;
  BootConfig direct;
  direct.kernel = image;
  EXPECT_TRUE(contains(error_of(prepare_boot(direct, wrong, *ram)), "describes RAM"));
}

// The real thing, when Debian's packages are installed: OpenSBI fw_dynamic (raw) as --bios
// default and U-Boot's S-mode u-boot.bin (raw, no Image header) as the next stage.
TEST(BootPlan, DebianOpenSbiAndUBoot) {
  const std::string uboot = "/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin";
  if (!fs::exists(kDefaultFirmware) || !fs::exists(uboot)) {
    GTEST_SKIP() << "opensbi and u-boot-qemu are not installed";
  }
  auto ram = make_ram(256 * kMiB);
  BootConfig config;
  config.bios = "default";
  config.kernel = uboot;
  auto plan = prepare_boot(config, board_for(*ram), *ram);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->firmware->format, ImageFormat::kRaw);
  EXPECT_EQ(plan->entry, kRam);
  EXPECT_EQ(plan->kernel->format, ImageFormat::kRaw);
  EXPECT_EQ(plan->kernel->entry, 0x8020'0000U);
  EXPECT_EQ(get_le64(ram->host(*plan->fw_dynamic_info) + 16), 0x8020'0000U);
}

}  // namespace
}  // namespace strata::machine
