#include "machine/fdt_blob.h"

#include <libfdt.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "machine/boot_file.h"

namespace strata::machine {

Result<void> validate_dtb(std::span<const uint8_t> blob, std::string_view name) {
  if (blob.size() < sizeof(fdt_header)) {
    return fail("{} is truncated: {} bytes is less than a device tree header", name, blob.size());
  }
  const void* fdt = blob.data();
  if (fdt_magic(fdt) != FDT_MAGIC) {
    return fail("{} is not a device tree blob (magic {:#010x}, expected {:#010x})", name,
                fdt_magic(fdt), FDT_MAGIC);
  }
  const uint32_t total = fdt_totalsize(fdt);
  if (total > kMaxDtbSize) {
    return fail("{} claims to be {} bytes; device trees over {} bytes are not supported", name,
                total, kMaxDtbSize);
  }
  if (total > blob.size()) {
    return fail("{} is truncated: its header says {} bytes but there are only {}", name, total,
                blob.size());
  }
  if (const int err = fdt_check_header(fdt); err != 0) {
    return fail("{} has a corrupt device tree header: {}", name, fdt_strerror(err));
  }
  if (const int err = fdt_check_full(fdt, total); err != 0) {
    return fail("{} is a corrupt device tree: {}", name, fdt_strerror(err));
  }
  return {};
}

Result<std::vector<uint8_t>> load_dtb_file(const std::string& path) {
  auto bytes = read_host_file(path, kMaxDtbSize, "device tree");
  if (!bytes) return std::unexpected(bytes.error());
  if (auto valid = validate_dtb(*bytes, path); !valid) return std::unexpected(valid.error());
  bytes->resize(fdt_totalsize(bytes->data()));
  return bytes;
}

Result<std::vector<uint8_t>> patch_chosen(std::span<const uint8_t> blob, const ChosenPatch& patch) {
  if (auto valid = validate_dtb(blob, "the device tree"); !valid) {
    return std::unexpected(valid.error());
  }
  // Room for the new properties: values, names in the strings block, tags and a /chosen node.
  const size_t extra = 1024 + (patch.bootargs ? patch.bootargs->size() : 0);
  std::vector<uint8_t> out(fdt_totalsize(blob.data()) + extra);
  void* fdt = out.data();
  auto check = [](int err, std::string_view what) -> Result<void> {
    if (err < 0) return fail("cannot {} in the device tree: {}", what, fdt_strerror(err));
    return {};
  };
  if (auto r = check(fdt_open_into(blob.data(), fdt, static_cast<int>(out.size())), "make room");
      !r) {
    return std::unexpected(r.error());
  }
  int chosen = fdt_path_offset(fdt, "/chosen");
  if (chosen == -FDT_ERR_NOTFOUND) chosen = fdt_add_subnode(fdt, 0, "chosen");
  if (auto r = check(chosen, "find or add /chosen"); !r) return std::unexpected(r.error());
  if (patch.bootargs) {
    if (auto r = check(fdt_setprop_string(fdt, chosen, "bootargs", patch.bootargs->c_str()),
                       "set /chosen/bootargs");
        !r) {
      return std::unexpected(r.error());
    }
  }
  if (patch.initrd) {
    if (auto r = check(fdt_setprop_u64(fdt, chosen, "linux,initrd-start", patch.initrd->start),
                       "set /chosen/linux,initrd-start");
        !r) {
      return std::unexpected(r.error());
    }
    if (auto r = check(fdt_setprop_u64(fdt, chosen, "linux,initrd-end", patch.initrd->end),
                       "set /chosen/linux,initrd-end");
        !r) {
      return std::unexpected(r.error());
    }
  }
  if (auto r = check(fdt_pack(fdt), "pack"); !r) return std::unexpected(r.error());
  out.resize(fdt_totalsize(fdt));
  if (out.size() > kMaxDtbSize) {
    return fail("the patched device tree is {} bytes, over the {} byte limit", out.size(),
                kMaxDtbSize);
  }
  return out;
}

Result<void> write_dtb_file(const std::string& path, std::span<const uint8_t> blob) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!file) return fail("cannot write the device tree to {}: {}", path, std::strerror(errno));
  if (std::fwrite(blob.data(), 1, blob.size(), file.get()) != blob.size()) {
    return fail("cannot write the device tree to {}: {}", path, std::strerror(errno));
  }
  // fclose flushes: a full disk shows up here, not in fwrite.
  if (std::fclose(file.release()) != 0) {
    return fail("cannot write the device tree to {}: {}", path, std::strerror(errno));
  }
  return {};
}

}  // namespace strata::machine
