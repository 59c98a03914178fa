"""A pseudo-terminal harness: start a program in a pty of fixed size, timestamp its output as it
arrives, and keep a VT emulator (pyte) of the screen, to time the first frame and keystroke echo."""
import fcntl
import os
import select
import signal
import struct
import termios
import time

import pyte


class Timeout(Exception):
    pass


class PtyProgram:
    def __init__(self, argv, columns=100, rows=30, env=None, cwd=None):
        self.columns, self.rows = columns, rows
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        environment = dict(os.environ)
        for name in ("LINES", "COLUMNS"):
            environment.pop(name, None)
        environment.update({"TERM": "xterm-256color", "LANG": "C.UTF-8"})
        environment.update(env or {})
        self.started = time.perf_counter_ns()
        pid, fd = os.forkpty()
        if pid == 0:
            try:
                if cwd:
                    os.chdir(cwd)
                os.execvpe(argv[0], argv, environment)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.exited = False
        self.pending = []  # (arrival time, bytes) not yet fed to the emulator

    def _pump(self, deadline):
        """Reads whatever output is ready (or waits for some until the deadline) and keeps it with the
        time it arrived; returns that time. The emulator is not fed here: feeding pyte takes longer than
        a terminal takes to draw, and doing it between reads would delay the stamps of later chunks."""
        timeout = max(0.0, (deadline - time.perf_counter_ns()) / 1e9)
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            self.exited = True
            return None
        stamp = time.perf_counter_ns()
        if not data:
            self.exited = True
            return None
        self.pending.append((stamp, data))
        # Answer a cursor-position query as a terminal would (some curses set-ups ask).
        if b"\x1b[6n" in data:
            self._feed()
            os.write(self.fd, f"\x1b[{self.screen.cursor.y + 1};{self.screen.cursor.x + 1}R".encode())
        return stamp

    def _feed(self, predicate=None):
        """Feeds the chunks read so far to the emulator in order; returns the arrival time of the first
        chunk after which `predicate` holds (None when it never does)."""
        hit = None
        for stamp, data in self.pending:
            self.stream.feed(data)
            if hit is None and predicate is not None and predicate(self.text()):
                hit = stamp
        self.pending = []
        return hit

    def text(self):
        return "\n".join(self.screen.display)

    def wait_until(self, predicate, timeout=30.0, quiet=0.002):
        """Waits until predicate(screen text) holds; returns the arrival time (ns) of the output that made
        it hold. Output is read as fast as it comes and fed to the emulator only once the program has
        been quiet for `quiet` seconds, so the stamps are arrival times, not emulation times."""
        deadline = time.perf_counter_ns() + int(timeout * 1e9)
        self._feed()
        if predicate(self.text()):
            return time.perf_counter_ns()
        while time.perf_counter_ns() < deadline and not self.exited:
            if not self.pending:
                self._pump(deadline)  # nothing read yet: wait for the first output
            elif self._pump(time.perf_counter_ns() + int(quiet * 1e9)) is None:
                hit = self._feed(predicate)  # quiet: emulate what came, in order
                if hit is not None:
                    return hit
        hit = self._feed(predicate)
        if hit is not None:
            return hit
        raise Timeout(f"screen never matched; last screen:\n{self.text()}")

    def settle(self, quiet=0.05, timeout=5.0):
        """Reads until the program has been quiet for `quiet` seconds."""
        deadline = time.perf_counter_ns() + int(timeout * 1e9)
        while time.perf_counter_ns() < deadline:
            if self._pump(time.perf_counter_ns() + int(quiet * 1e9)) is None:
                break
        self._feed()

    def type(self, text):
        sent = time.perf_counter_ns()
        os.write(self.fd, text.encode("utf-8"))
        return sent

    def close(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.fd)


def first_frame_ms(argv, expect, env=None, cwd=None):
    program = PtyProgram(argv, env=env, cwd=cwd)
    try:
        stamp = program.wait_until(lambda screen: expect in screen)
        return (stamp - program.started) / 1e6
    finally:
        program.close()


def echo_ms(argv, ready, key, samples, env=None, cwd=None, erase="\x7f"):
    """Starts the program once, then times `samples` keystrokes: key sent → one more `key` on the screen.
    Each key is erased again (Backspace) and the screen left to settle before the next sample."""
    program = PtyProgram(argv, env=env, cwd=cwd)
    times = []
    try:
        program.wait_until(lambda screen: ready in screen)
        program.settle()
        for _ in range(samples):
            before = program.text().count(key)
            sent = program.type(key)
            stamp = program.wait_until(lambda screen: screen.count(key) > before, timeout=10)
            times.append((stamp - sent) / 1e6)
            program.settle(quiet=0.02)
            program.type(erase)
            program.settle(quiet=0.02)
    finally:
        program.close()
    return times
