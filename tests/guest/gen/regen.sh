#!/usr/bin/env bash
# Regenerate the table-driven test sources in ../src from the Python models
# (ops.py: integer/bit-manip reference, sf.py: exact IEEE-754 reference).
# The outputs are committed; rerun after changing a generator and re-validate
# with ../run-on-qemu.sh.
set -euo pipefail
g="$(cd "$(dirname "$0")" && pwd)"
s="$g/../src"
for w in arith logic shift word; do python3 "$g/gen_i.py" $w > "$s/rv64i_$w.S"; done
python3 "$g/gen_m.py" mul > "$s/rv64m_mul.S"
python3 "$g/gen_m.py" div > "$s/rv64m_div.S"
python3 "$g/gen_a.py" > "$s/rv64a_amo.S"
for w in arith fma cvt cmp; do python3 "$g/gen_f.py" s $w > "$s/rvf_$w.S"; python3 "$g/gen_f.py" d $w > "$s/rvd_$w.S"; done
python3 "$g/gen_f.py" d cvtsd > "$s/rvd_cvtsd.S"
for w in zba zbb_logic zbb_count zbb_rotate zbs; do python3 "$g/gen_b.py" $w > "$s/$w.S"; done
python3 "$g/gen_vmperm.py" > "$s/vm_sv39_perm.S"
