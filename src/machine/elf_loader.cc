#include "machine/elf_loader.h"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

namespace strata::machine {
namespace {

Result<std::vector<uint8_t>> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot open {}: {}", path, std::strerror(errno));
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  if (in.bad()) return fail("cannot read {}", path);
  return bytes;
}

// Whether [offset, offset + length) lies inside a file of `size` bytes.
bool in_file(uint64_t offset, uint64_t length, uint64_t size) {
  return offset <= size && length <= size - offset;
}

template <typename T>
T read_struct(const std::vector<uint8_t>& bytes, uint64_t offset) {
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof value);
  return value;
}

void find_htif_symbols(const std::vector<uint8_t>& file, const Elf64_Ehdr& eh, LoadedElf& out) {
  if (eh.e_shoff == 0 || eh.e_shentsize != sizeof(Elf64_Shdr) ||
      !in_file(eh.e_shoff, static_cast<uint64_t>(eh.e_shnum) * sizeof(Elf64_Shdr), file.size())) {
    return;  // no usable section table: the program simply has no HTIF symbols
  }
  for (unsigned i = 0; i < eh.e_shnum; ++i) {
    const auto sh = read_struct<Elf64_Shdr>(file, eh.e_shoff + i * sizeof(Elf64_Shdr));
    if (sh.sh_type != SHT_SYMTAB || sh.sh_link >= eh.e_shnum) continue;
    const auto strtab = read_struct<Elf64_Shdr>(file, eh.e_shoff + sh.sh_link * sizeof(Elf64_Shdr));
    if (!in_file(sh.sh_offset, sh.sh_size, file.size()) ||
        !in_file(strtab.sh_offset, strtab.sh_size, file.size())) {
      continue;
    }
    for (uint64_t off = 0; off + sizeof(Elf64_Sym) <= sh.sh_size; off += sizeof(Elf64_Sym)) {
      const auto sym = read_struct<Elf64_Sym>(file, sh.sh_offset + off);
      if (sym.st_name >= strtab.sh_size) continue;
      const auto* name =
          reinterpret_cast<const char*>(file.data() + strtab.sh_offset + sym.st_name);
      const size_t max_len = strtab.sh_size - sym.st_name;
      const std::string_view symbol(name, strnlen(name, max_len));
      if (symbol == "tohost") out.tohost = sym.st_value;
      if (symbol == "fromhost") out.fromhost = sym.st_value;
    }
  }
}

}  // namespace

Result<LoadedElf> load_elf(const std::string& path, mem::GuestRam& ram) {
  auto bytes = read_file(path);
  if (!bytes) return std::unexpected(bytes.error());
  const std::vector<uint8_t>& file = *bytes;
  if (file.size() < EI_NIDENT || std::memcmp(file.data(), ELFMAG, SELFMAG) != 0) {
    return fail("{} is not an ELF file", path);
  }
  if (file[EI_CLASS] != ELFCLASS64) return fail("{} is not a 64-bit ELF file", path);
  if (file[EI_DATA] != ELFDATA2LSB) return fail("{} is not a little-endian ELF file", path);
  if (file.size() < sizeof(Elf64_Ehdr)) return fail("{} is truncated (no ELF header)", path);
  const auto eh = read_struct<Elf64_Ehdr>(file, 0);
  if (eh.e_machine != EM_RISCV) {
    return fail("{} is an ELF file for machine {}, not RISC-V", path, eh.e_machine);
  }
  if (eh.e_type != ET_EXEC) return fail("{} is not an executable ELF file", path);
  if (eh.e_phentsize != sizeof(Elf64_Phdr) ||
      !in_file(eh.e_phoff, static_cast<uint64_t>(eh.e_phnum) * sizeof(Elf64_Phdr), file.size())) {
    return fail("{} is truncated or corrupt (program headers outside the file)", path);
  }
  LoadedElf out;
  out.entry = eh.e_entry;
  out.lowest = ~0ULL;
  bool loaded_any = false;
  for (unsigned i = 0; i < eh.e_phnum; ++i) {
    const auto ph = read_struct<Elf64_Phdr>(file, eh.e_phoff + i * sizeof(Elf64_Phdr));
    if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
    if (ph.p_filesz > ph.p_memsz || !in_file(ph.p_offset, ph.p_filesz, file.size())) {
      return fail("{} is truncated or corrupt (segment {} extends past the file)", path, i);
    }
    if (!ram.contains(ph.p_paddr, ph.p_memsz)) {
      return fail("{}: segment {} at {:#x}+{:#x} is outside guest RAM [{:#x}, {:#x})", path, i,
                  ph.p_paddr, ph.p_memsz, ram.base(), ram.base() + ram.size());
    }
    if (auto r = ram.write(ph.p_paddr, file.data() + ph.p_offset, ph.p_filesz); !r) {
      return std::unexpected(r.error());
    }
    std::memset(ram.host(ph.p_paddr + ph.p_filesz), 0, ph.p_memsz - ph.p_filesz);
    out.lowest = std::min(out.lowest, ph.p_paddr);
    out.highest = std::max(out.highest, ph.p_paddr + ph.p_memsz);
    loaded_any = true;
  }
  if (!loaded_any) return fail("{} has no loadable segments", path);
  if (!ram.contains(out.entry, 2)) {
    return fail("{}: entry point {:#x} is outside guest RAM", path, out.entry);
  }
  find_htif_symbols(file, eh, out);
  return out;
}

}  // namespace strata::machine
