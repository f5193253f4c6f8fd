// Sv57 page-table walks (see include/vm_levels.inc).
#include "test.h"
#define LEVELS 5
#include "vm_levels.inc"
