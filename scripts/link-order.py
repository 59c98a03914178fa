"""Writes scripts/link-order.txt: the functions the wizard runs from start to its first frame, then while
a few keys are typed, in the order the linker should lay them out (lld --symbol-ordering-file).

Why: the release binary's code is 11 MB, and the kernel maps it a 64 KB window at a time as it is first
run. Spread over the whole binary, the start-up code took about 90 such page faults before the first
frame; laid out together, it takes about 40, and the first frame comes a quarter of a millisecond sooner.

How: the release binary runs under callgrind in a pseudo-terminal on the bundled template, is dumped
once its first frame is on screen, then types a few keys and is stopped; the functions each part ran
(raw symbol names) are written start-up first. Names that are gone from a later build are skipped by
the linker, so the file only needs renewing when the start-up path changes much: `make link-order`.

Usage: python scripts/link-order.py RELEASE_BINARY OUTPUT
"""
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from ptyharness import PtyProgram  # noqa: E402

SEED = glob.glob(os.path.join(ROOT, "Resources", "templates", "*.txt"))[0]
# On processors with the SHA extensions nettle runs its SHA-NI rounds; valgrind hides the extensions,
# so callgrind never sees them.
ALWAYS = ["_nettle_sha256_compress_sha_ni"]


def functions(path):
    """The raw names of the functions a callgrind profile ran, in the file's order."""
    names, seen = [], set()
    with open(path, errors="replace") as profile:
        for line in profile:
            match = re.match(r"^c?fn=\(\d+\) (.+)$", line.rstrip("\n"))
            if not match:
                continue
            name = match.group(1).split("'")[0]  # callgrind marks recursion levels with '2, '3…
            if name.startswith("0x") or name in seen:
                continue
            seen.add(name)
            names.append(name)
    return names


def main():
    binary, output = os.path.abspath(sys.argv[1]), sys.argv[2]
    work = tempfile.mkdtemp(prefix="tiankong-link-order-")
    try:
        ordered, first = profile(binary, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with open(output, "w") as file:
        file.write("# The functions the wizard runs to its first frame, then while typing: the release link lays them out\n"
                   "# together (lld --symbol-ordering-file). Written by scripts/link-order.py (make link-order).\n")
        file.write("\n".join(ordered) + "\n")
    print(f"{output}: {len(ordered)} functions ({first} to the first frame)")


def profile(binary, work):
    """Runs the wizard under callgrind; returns the functions it ran, start-up first, and how many ran
    to the first frame."""
    # valgrind cannot read the DWARF 5 the toolchain writes: a copy without debug information.
    stripped = os.path.join(work, "tiankong")
    shutil.copy(binary, stripped)
    subprocess.run(["strip", "-g", stripped], check=True)
    out = os.path.join(work, "callgrind.out")
    program = PtyProgram(["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out}", stripped, SEED],
                         env={"XDG_STATE_HOME": os.path.join(work, "state")}, cwd=work)
    try:
        program.wait_until(lambda screen: "第 1/" in screen, timeout=120)
        program.settle(quiet=0.5)
        subprocess.run(["callgrind_control", "--dump=first-frame", str(program.pid)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for keys in ("2021", "\r", "市财政局", "\x7f", "\r", "\x1b[Z"):
            program.type(keys)
            program.settle(quiet=0.5)
        os.kill(program.pid, signal.SIGTERM)
        deadline = time.time() + 60
        while time.time() < deadline and os.waitpid(program.pid, os.WNOHANG) == (0, 0):
            program.settle(quiet=0.1, timeout=0.2)
    finally:
        program.close()
    parts = sorted(glob.glob(out + "*"), key=lambda p: int(p.rsplit(".", 1)[1]) if p.rsplit(".", 1)[1].isdigit() else 0)
    first = set(ALWAYS + functions(parts[0]))
    later = {n for part in parts[1:] for n in functions(part)} - first
    # Sorted, so that a new profile of the same code writes the same file: the first frame's
    # functions, then the typing's; in each, tiankong's own, then C (libc, ncurses, zlib), then the
    # Swift runtime, then the standard library and the other Swift modules.
    def rank(name):
        if re.match(r"\$s\d+Tiankong|\$s8tiankong", name):
            return 0
        if name.startswith("_ZN"):
            return 2
        return 3 if name.startswith("$s") else 1
    ordered = sorted(first, key=lambda n: (rank(n), n)) + sorted(later, key=lambda n: (rank(n), n))
    return ordered, len(first)


if __name__ == "__main__":
    main()
