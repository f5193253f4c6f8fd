// The Host-Target Interface of the RISC-V test programs (riscv-tests, the benchmark programs):
// two words in guest RAM, `tohost` and `fromhost`. The guest writes a command to tohost; strata
// watches that page, carries the command out and answers in fromhost.
//
// Commands (device << 56 | command << 48 | payload):
//  - device 0, payload odd: exit with status payload >> 1;
//  - device 0, payload even: a system call; payload points at eight words
//    {number, arg0, arg1, ...}. write (64) to fd 1/2 and exit (93) are served; the result goes
//    back into word 0 and fromhost becomes 1;
//  - device 1, command 1: print the character in the low byte.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "mem/guest_ram.h"
#include "state/stream.h"

namespace strata::dev {

class Htif final {
 public:
  using ExitHandler = std::function<void(int status)>;
  using OutputHandler = std::function<void(int fd, const std::string& text)>;

  Htif(mem::GuestRam& ram, uint64_t tohost, std::optional<uint64_t> fromhost, ExitHandler on_exit,
       OutputHandler on_output);

  // Called for every store to a watched RAM page.
  void on_write(uint64_t paddr, uint64_t length);

  void save(state::Writer& out) const;
  [[nodiscard]] Result<void> restore(state::Reader& in);

 private:
  void run_command(uint64_t command);
  uint64_t system_call(uint64_t magic_address);
  void respond(uint64_t value);

  mem::GuestRam& ram_;
  uint64_t tohost_;
  std::optional<uint64_t> fromhost_;
  ExitHandler on_exit_;
  OutputHandler on_output_;
};

}  // namespace strata::dev
