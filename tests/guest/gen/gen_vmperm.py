out=[]
def e(s): out.append(s)
e("""// Sv39 permission matrix: every R/W/X/U combination of a 4 KiB leaf PTE,
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
  SET_LEAF pt_l0, 1, tpage, \\flags
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
""")
n=0
def allowed(mode,acc,R,W,X,U,SUM,MXR):
  if not (R or W or X): return False
  if W and not R: return False
  if mode=='U':
    if not U: return False
  else:
    if U:
      if acc=='x': return False
      if not SUM: return False
  if acc in ('ld','lr'): return bool(R or (X and MXR))
  if acc in ('sd','amo'): return bool(W and R) if acc=='amo' else bool(W)
  if acc=='x': return bool(X)
cause={'ld':13,'lr':13,'sd':15,'amo':'AMO_PAGE_FAULT','x':12}
routine={'ld':'probe_ld','lr':'probe_lr','sd':'probe_sd','amo':'probe_amo','x':'probe_exec'}
def probe(mode,acc,R,W,X,U,SUM,MXR):
  global n
  n+=1
  va='VA_PAGE' if acc=='x' else 'VA_DATA'
  m='PRV_U' if mode=='U' else 'PRV_S'
  if allowed(mode,acc,R,W,X,U,SUM,MXR):
    e(f"  TEST {n}\n  PROBE_OK {m}, {routine[acc]}, {va}")
  else:
    c=cause[acc]
    if acc=='amo' and allowed(mode,'ld',R,W,X,U,SUM,MXR): c=15   # QEMU also says 15 when the read part is allowed
    e(f"  TEST {n}\n  PROBE_FAULT {m}, {routine[acc]}, {va}, {c}")
def flags(R,W,X,U):
  f=['PTE_V','PTE_A','PTE_D']+(['PTE_R'] if R else [])+(['PTE_W'] if W else [])+(['PTE_X'] if X else [])+(['PTE_U'] if U else [])
  return '('+' | '.join(f)+')'
for SUM,MXR,modes,accs in [(0,0,'SU',['ld','sd','x']),(1,0,'S',['ld','sd','x']),(0,1,'SU',['ld'])]:
  e(f"  // ======== SUM={SUM} MXR={MXR}")
  e("  li t0, (MSTATUS_SUM | MSTATUS_MXR)\n  csrc mstatus, t0")
  if SUM: e("  li t0, MSTATUS_SUM\n  csrs mstatus, t0")
  if MXR: e("  li t0, MSTATUS_MXR\n  csrs mstatus, t0")
  for U in (0,1):
    for X in (0,1):
      for W in (0,1):
        for R in (0,1):
          e(f"  // R={R} W={W} X={X} U={U}")
          e(f"  TPAGE {flags(R,W,X,U)}")
          for mode in modes:
            for acc in accs: probe(mode,acc,R,W,X,U,SUM,MXR)
e("  // ======== AMO needs R and W; LR needs R (or X with MXR)")
e("  li t0, (MSTATUS_SUM | MSTATUS_MXR)\n  csrc mstatus, t0")
for (R,W,X,U) in [(1,1,0,0),(1,0,0,0),(1,1,0,1),(0,0,1,0),(1,0,1,1)]:
  e(f"  TPAGE {flags(R,W,X,U)}")
  for mode in 'SU':
    for acc in ('amo','lr'): probe(mode,acc,R,W,X,U,0,0)
e("  csrw satp, zero\n  sfence.vma\n  PASS")
e("""
  .data
  .balign 4096
pt_root: .skip 4096
pt_l1:   .skip 4096
pt_l0:   .skip 4096
tpage:
  .word 0x00000073              // ecall: the page is also executed
  .word 0x00000013
  .dword 0x1122334455667788
  .balign 4096""")
e(f"  // {n} probes")
print("\n".join(out))
