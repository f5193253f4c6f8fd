// Sv48 page-table walks (see include/vm_levels.inc).
#include "test.h"
#define LEVELS 4
#include "vm_levels.inc"
