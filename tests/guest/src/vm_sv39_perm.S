// Sv39 permission matrix: every R/W/X/U combination of a 4 KiB leaf PTE,
// probed with loads, stores and instruction fetches from S- and U-mode, with
// SUM and MXR off and on; plus AMO and LR on a few combinations.  Covers
// W-without-R (reserved -> page fault), R=W=X=0 at the last level (pointer
// where a leaf is required -> page fault), U pages vs S-mode (SUM never
// allows execution), and the fault causes 12/13/15 with tval = address.
#include "test.h"
#define TV_BASE 0x40000000
#include "vm.h"

#define VA_PAGE (TV_BASE + 0x1000)
#define VA_DATA (TV_BASE + 0x1008)

// point pt_l0[1] at tpage with the given flags, flush the TLB
.macro TPAGE flags
  SET_LEAF pt_l0, 1, tpage, \flags
  sfence.vma
.endm

  VM_PROBE_PAGE
TEST_MAIN
  // identity gigapage for S code/data, test window at TV_BASE
  li t2, 0x80000000
  SET_PTE pt_root, 2, t2, PTE_ALL
  SET_PTR pt_root, 1, pt_l1
  SET_PTR pt_l1, 0, pt_l0
  SET_LEAF pt_l0, UIDX, probe_page, (PTE_V | PTE_R | PTE_X | PTE_U | PTE_A)
  SET_SATP SATP_MODE_SV39, pt_root
  li a2, 0x55

  // ======== SUM=0 MXR=0
  li t0, (MSTATUS_SUM | MSTATUS_MXR)
  csrc mstatus, t0
  // R=0 W=0 X=0 U=0
  TPAGE (PTE_V | PTE_A | PTE_D)
  TEST 1
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 2
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 3
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  TEST 4
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  TEST 5
  PROBE_FAULT PRV_U, probe_sd, VA_DATA, 15
  TEST 6
  PROBE_FAULT PRV_U, probe_exec, VA_PAGE, 12
  // R=1 W=0 X=0 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R)
  TEST 7
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 8
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 9
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  TEST 10
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  TEST 11
  PROBE_FAULT PRV_U, probe_sd, VA_DATA, 15
  TEST 12
  PROBE_FAULT PRV_U, probe_exec, VA_PAGE, 12
  // R=0 W=1 X=0 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_W)
  TEST 13
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 14
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 15
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  TEST 16
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  TEST 17
  PROBE_FAULT PRV_U, probe_sd, VA_DATA, 15
  TEST 18
  PROBE_FAULT PRV_U, probe_exec, VA_PAGE, 12
  // R=1 W=1 X=0 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_W)
  TEST 19
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 20
  PROBE_OK PRV_S, probe_sd, VA_DATA
  TEST 21
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  TEST 22
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  TEST 23
  PROBE_FAULT PRV_U, probe_sd, VA_DATA, 15
  TEST 24
  PROBE_FAULT PRV_U, probe_exec, VA_PAGE, 12
  // R=0 W=0 X=1 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_X)
  TEST 25
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 26
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 27
  PROBE_OK PRV_S, probe_exec, VA_PAGE
  TEST 28
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  TEST 29
  PROBE_FAULT PRV_U, probe_sd, VA_DATA, 15
  TEST 30
  PROBE_FAULT PRV_U, probe_exec, VA_PAGE, 12
  // R=1 W=0 X=1 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_X)
  TEST 31
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 32
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 33
  PROBE_OK PRV_S, probe_exec, VA_PAGE
  TEST 34
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  TEST 35
  PROBE_FAULT PRV_U, probe_sd, VA_DATA, 15
  TEST 36
  PROBE_FAULT PRV_U, probe_exec, VA_PAGE, 12
  // R=0 W=1 X=1 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_W | PTE_X)
  TEST 37
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 38
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 39
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  TEST 40
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  TEST 41
  PROBE_FAULT PRV_U, probe_sd, VA_DATA, 15
  TEST 42
  PROBE_FAULT PRV_U, probe_exec, VA_PAGE, 12
  // R=1 W=1 X=1 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_W | PTE_X)
  TEST 43
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 44
  PROBE_OK PRV_S, probe_sd, VA_DATA
  TEST 45
  PROBE_OK PRV_S, probe_exec, VA_PAGE
  TEST 46
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  TEST 47
  PROBE_FAULT PRV_U, probe_sd, VA_DATA, 15
  TEST 48
  PROBE_FAULT PRV_U, probe_exec, VA_PAGE, 12
  // R=0 W=0 X=0 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_U)
  TEST 49
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 50
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 51
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  TEST 52
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  TEST 53
  PROBE_FAULT PRV_U, probe_sd, VA_DATA, 15
  TEST 54
  PROBE_FAULT PRV_U, probe_exec, VA_PAGE, 12
  // R=1 W=0 X=0 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_U)
  TEST 55
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 56
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 57
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  TEST 58
  PROBE_OK PRV_U, probe_ld, VA_DATA
  TEST 59
  PROBE_FAULT PRV_U, probe_sd, VA_DATA, 15
  TEST 60
  PROBE_FAULT PRV_U, probe_exec, VA_PAGE, 12
  // R=0 W=1 X=0 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_W | PTE_U)
  TEST 61
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 62
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 63
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  TEST 64
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  TEST 65
  PROBE_FAULT PRV_U, probe_sd, VA_DATA, 15
  TEST 66
  PROBE_FAULT PRV_U, probe_exec, VA_PAGE, 12
  // R=1 W=1 X=0 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_W | PTE_U)
  TEST 67
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 68
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 69
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  TEST 70
  PROBE_OK PRV_U, probe_ld, VA_DATA
  TEST 71
  PROBE_OK PRV_U, probe_sd, VA_DATA
  TEST 72
  PROBE_FAULT PRV_U, probe_exec, VA_PAGE, 12
  // R=0 W=0 X=1 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_X | PTE_U)
  TEST 73
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 74
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 75
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  TEST 76
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  TEST 77
  PROBE_FAULT PRV_U, probe_sd, VA_DATA, 15
  TEST 78
  PROBE_OK PRV_U, probe_exec, VA_PAGE
  // R=1 W=0 X=1 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_X | PTE_U)
  TEST 79
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 80
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 81
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  TEST 82
  PROBE_OK PRV_U, probe_ld, VA_DATA
  TEST 83
  PROBE_FAULT PRV_U, probe_sd, VA_DATA, 15
  TEST 84
  PROBE_OK PRV_U, probe_exec, VA_PAGE
  // R=0 W=1 X=1 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_W | PTE_X | PTE_U)
  TEST 85
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 86
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 87
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  TEST 88
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  TEST 89
  PROBE_FAULT PRV_U, probe_sd, VA_DATA, 15
  TEST 90
  PROBE_FAULT PRV_U, probe_exec, VA_PAGE, 12
  // R=1 W=1 X=1 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_W | PTE_X | PTE_U)
  TEST 91
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 92
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 93
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  TEST 94
  PROBE_OK PRV_U, probe_ld, VA_DATA
  TEST 95
  PROBE_OK PRV_U, probe_sd, VA_DATA
  TEST 96
  PROBE_OK PRV_U, probe_exec, VA_PAGE
  // ======== SUM=1 MXR=0
  li t0, (MSTATUS_SUM | MSTATUS_MXR)
  csrc mstatus, t0
  li t0, MSTATUS_SUM
  csrs mstatus, t0
  // R=0 W=0 X=0 U=0
  TPAGE (PTE_V | PTE_A | PTE_D)
  TEST 97
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 98
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 99
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  // R=1 W=0 X=0 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R)
  TEST 100
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 101
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 102
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  // R=0 W=1 X=0 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_W)
  TEST 103
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 104
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 105
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  // R=1 W=1 X=0 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_W)
  TEST 106
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 107
  PROBE_OK PRV_S, probe_sd, VA_DATA
  TEST 108
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  // R=0 W=0 X=1 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_X)
  TEST 109
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 110
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 111
  PROBE_OK PRV_S, probe_exec, VA_PAGE
  // R=1 W=0 X=1 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_X)
  TEST 112
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 113
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 114
  PROBE_OK PRV_S, probe_exec, VA_PAGE
  // R=0 W=1 X=1 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_W | PTE_X)
  TEST 115
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 116
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 117
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  // R=1 W=1 X=1 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_W | PTE_X)
  TEST 118
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 119
  PROBE_OK PRV_S, probe_sd, VA_DATA
  TEST 120
  PROBE_OK PRV_S, probe_exec, VA_PAGE
  // R=0 W=0 X=0 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_U)
  TEST 121
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 122
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 123
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  // R=1 W=0 X=0 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_U)
  TEST 124
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 125
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 126
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  // R=0 W=1 X=0 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_W | PTE_U)
  TEST 127
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 128
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 129
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  // R=1 W=1 X=0 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_W | PTE_U)
  TEST 130
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 131
  PROBE_OK PRV_S, probe_sd, VA_DATA
  TEST 132
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  // R=0 W=0 X=1 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_X | PTE_U)
  TEST 133
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 134
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 135
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  // R=1 W=0 X=1 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_X | PTE_U)
  TEST 136
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 137
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 138
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  // R=0 W=1 X=1 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_W | PTE_X | PTE_U)
  TEST 139
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 140
  PROBE_FAULT PRV_S, probe_sd, VA_DATA, 15
  TEST 141
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  // R=1 W=1 X=1 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_W | PTE_X | PTE_U)
  TEST 142
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 143
  PROBE_OK PRV_S, probe_sd, VA_DATA
  TEST 144
  PROBE_FAULT PRV_S, probe_exec, VA_PAGE, 12
  // ======== SUM=0 MXR=1
  li t0, (MSTATUS_SUM | MSTATUS_MXR)
  csrc mstatus, t0
  li t0, MSTATUS_MXR
  csrs mstatus, t0
  // R=0 W=0 X=0 U=0
  TPAGE (PTE_V | PTE_A | PTE_D)
  TEST 145
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 146
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  // R=1 W=0 X=0 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R)
  TEST 147
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 148
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  // R=0 W=1 X=0 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_W)
  TEST 149
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 150
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  // R=1 W=1 X=0 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_W)
  TEST 151
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 152
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  // R=0 W=0 X=1 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_X)
  TEST 153
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 154
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  // R=1 W=0 X=1 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_X)
  TEST 155
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 156
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  // R=0 W=1 X=1 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_W | PTE_X)
  TEST 157
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 158
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  // R=1 W=1 X=1 U=0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_W | PTE_X)
  TEST 159
  PROBE_OK PRV_S, probe_ld, VA_DATA
  TEST 160
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  // R=0 W=0 X=0 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_U)
  TEST 161
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 162
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  // R=1 W=0 X=0 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_U)
  TEST 163
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 164
  PROBE_OK PRV_U, probe_ld, VA_DATA
  // R=0 W=1 X=0 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_W | PTE_U)
  TEST 165
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 166
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  // R=1 W=1 X=0 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_W | PTE_U)
  TEST 167
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 168
  PROBE_OK PRV_U, probe_ld, VA_DATA
  // R=0 W=0 X=1 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_X | PTE_U)
  TEST 169
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 170
  PROBE_OK PRV_U, probe_ld, VA_DATA
  // R=1 W=0 X=1 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_X | PTE_U)
  TEST 171
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 172
  PROBE_OK PRV_U, probe_ld, VA_DATA
  // R=0 W=1 X=1 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_W | PTE_X | PTE_U)
  TEST 173
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 174
  PROBE_FAULT PRV_U, probe_ld, VA_DATA, 13
  // R=1 W=1 X=1 U=1
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_W | PTE_X | PTE_U)
  TEST 175
  PROBE_FAULT PRV_S, probe_ld, VA_DATA, 13
  TEST 176
  PROBE_OK PRV_U, probe_ld, VA_DATA
  // ======== AMO needs R and W; LR needs R (or X with MXR)
  li t0, (MSTATUS_SUM | MSTATUS_MXR)
  csrc mstatus, t0
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_W)
  TEST 177
  PROBE_OK PRV_S, probe_amo, VA_DATA
  TEST 178
  PROBE_OK PRV_S, probe_lr, VA_DATA
  TEST 179
  PROBE_FAULT PRV_U, probe_amo, VA_DATA, AMO_PAGE_FAULT
  TEST 180
  PROBE_FAULT PRV_U, probe_lr, VA_DATA, 13
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R)
  TEST 181
  PROBE_FAULT PRV_S, probe_amo, VA_DATA, 15
  TEST 182
  PROBE_OK PRV_S, probe_lr, VA_DATA
  TEST 183
  PROBE_FAULT PRV_U, probe_amo, VA_DATA, AMO_PAGE_FAULT
  TEST 184
  PROBE_FAULT PRV_U, probe_lr, VA_DATA, 13
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_W | PTE_U)
  TEST 185
  PROBE_FAULT PRV_S, probe_amo, VA_DATA, AMO_PAGE_FAULT
  TEST 186
  PROBE_FAULT PRV_S, probe_lr, VA_DATA, 13
  TEST 187
  PROBE_OK PRV_U, probe_amo, VA_DATA
  TEST 188
  PROBE_OK PRV_U, probe_lr, VA_DATA
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_X)
  TEST 189
  PROBE_FAULT PRV_S, probe_amo, VA_DATA, AMO_PAGE_FAULT
  TEST 190
  PROBE_FAULT PRV_S, probe_lr, VA_DATA, 13
  TEST 191
  PROBE_FAULT PRV_U, probe_amo, VA_DATA, AMO_PAGE_FAULT
  TEST 192
  PROBE_FAULT PRV_U, probe_lr, VA_DATA, 13
  TPAGE (PTE_V | PTE_A | PTE_D | PTE_R | PTE_X | PTE_U)
  TEST 193
  PROBE_FAULT PRV_S, probe_amo, VA_DATA, AMO_PAGE_FAULT
  TEST 194
  PROBE_FAULT PRV_S, probe_lr, VA_DATA, 13
  TEST 195
  PROBE_FAULT PRV_U, probe_amo, VA_DATA, 15
  TEST 196
  PROBE_OK PRV_U, probe_lr, VA_DATA
  csrw satp, zero
  sfence.vma
  PASS

  .data
  .balign 4096
pt_root: .skip 4096
pt_l1:   .skip 4096
pt_l0:   .skip 4096
tpage:
  .word 0x00000073              // ecall: the page is also executed
  .word 0x00000013
  .dword 0x1122334455667788
  .balign 4096
  // 196 probes
