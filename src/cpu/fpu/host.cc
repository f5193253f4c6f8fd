// Host CPU feature detection for the FPU fast paths.
#include "cpu/fpu/host.h"

namespace strata::fpu::host {
namespace {

bool detect_fma() {
  // Needed because this runs from a static initialiser, possibly before the runtime's own.
  __builtin_cpu_init();
  return __builtin_cpu_supports("fma") != 0;
}

}  // namespace

extern const bool kHasFma = detect_fma();

}  // namespace strata::fpu::host
