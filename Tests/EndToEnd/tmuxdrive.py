"""Drive the real tiankong binary in tmux: a private server per test, keys in, screen and cursor out.

Facts this relies on (../shared/notes/ncursesw-swift.md): `remain-on-exit on` in the conf so a crash
leaves its message on screen; window-size set after the session starts; kill the server and remove
the folder ourselves. Every wait polls with a deadline; nothing sleeps a fixed time.
"""
import os
import shutil
import subprocess
import tempfile
import time


class TmuxTimeout(AssertionError):
    pass


class Tmux:
    """One tmux server with one session "t" running a command."""

    def __init__(self, command, columns=100, rows=30, env=None, cwd=None):
        self.folder = tempfile.mkdtemp(prefix="tk-tmux-")
        self.socket = os.path.join(self.folder, "sock")
        conf = os.path.join(self.folder, "conf")
        with open(conf, "w") as f:
            f.write("set -g remain-on-exit on\nset -g status off\nset -g history-limit 0\n")
        environment = {"LANG": "C.UTF-8", "TERM": "xterm-256color"}
        environment.update(env or {})
        exports = " ".join(f"{k}={shell_quote(v)}" for k, v in environment.items())
        # tmux 3.3a has no #{pane_dead_status}: the shell around the program writes the exit status.
        self.status_file = os.path.join(self.folder, "status")
        shell = (f"cd {shell_quote(cwd or self.folder)} && env -u COLUMNS -u LINES {exports} {command}; "
                 f"echo $? > {shell_quote(self.status_file)}")
        self.tmux("-f", conf, "new-session", "-d", "-s", "t", "-x", str(columns), "-y", str(rows), shell)
        self.tmux("set-option", "-t", "t", "window-size", "manual")
        self.resize(columns, rows)

    # MARK: - Plumbing

    def tmux(self, *args, check=True):
        # LINES and COLUMNS from the test runner's terminal would pin the program's size.
        env = {k: v for k, v in os.environ.items() if k not in ("LINES", "COLUMNS", "TMUX")}
        result = subprocess.run(["tmux", "-S", self.socket, *args], capture_output=True, text=True, timeout=10, env=env)
        if check and result.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def close(self):
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True, timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # MARK: - Keys

    def keys(self, *names):
        """Named keys: Enter, BTab, Tab, Up, C-s, F1, BSpace …"""
        self.tmux("send-keys", "-t", "t", *names)

    def type(self, text):
        """Literal text, Chinese included."""
        self.tmux("send-keys", "-t", "t", "-l", text)

    def paste(self, text):
        """A bracketed paste, as a terminal sends it when the program asked for one."""
        self.tmux("set-buffer", "-b", "p", text)
        self.tmux("paste-buffer", "-p", "-b", "p", "-t", "t")

    def resize(self, columns, rows):
        self.tmux("resize-window", "-t", "t", "-x", str(columns), "-y", str(rows))

    # MARK: - What is on screen

    def screen(self):
        return self.tmux("capture-pane", "-p", "-t", "t")

    def cursor(self):
        x, y = self.tmux("display", "-p", "-t", "t", "#{cursor_x},#{cursor_y}").strip().split(",")
        return int(x), int(y)

    def pane_pid(self):
        return int(self.tmux("display", "-p", "-t", "t", "#{pane_pid}").strip())

    def program_pid(self):
        """The program's process: the child of the pane's shell."""
        def child():
            out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.pane_pid())], capture_output=True, text=True)
            pids = out.stdout.split()
            return int(pids[0]) if pids else None
        return wait_until(child, "the program to start")

    def dead_status(self):
        """The program's exit status once it has ended (128+n after signal n), else None."""
        try:
            with open(self.status_file) as f:
                text = f.read().strip()
        except FileNotFoundError:
            return None
        return int(text) if text else None

    def wait_for(self, predicate, what, timeout=10.0):
        """Polls until predicate(screen) holds; fails with the last screen after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                # A big frame leaves the program in several writes and can be caught half-drawn: the
                # screen is returned once it holds still, so that what a test asserts next (a hint
                # below the line it waited for) belongs to the same frame.
                time.sleep(0.03)
                settled = self.screen()
                if settled == screen:
                    return screen
                continue
            time.sleep(0.02)
        raise TmuxTimeout(f"waited {timeout}s for {what}; the screen:\n{screen}")

    def wait_text(self, text, timeout=10.0):
        return self.wait_for(lambda s: text in s, repr(text), timeout)

    def wait_gone(self, text, timeout=10.0):
        return self.wait_for(lambda s: text not in s, f"{text!r} to go", timeout)

    def wait_cursor(self, predicate, what, timeout=10.0):
        deadline = time.monotonic() + timeout
        cursor = None
        while time.monotonic() < deadline:
            cursor = self.cursor()
            if predicate(cursor):
                return cursor
            time.sleep(0.02)
        raise TmuxTimeout(f"waited {timeout}s for the cursor {what}; it is at {cursor}; the screen:\n{self.screen()}")

    def quit(self):
        """Ctrl-C and "y" to the wizard's question; the exit status."""
        self.keys("C-c")
        self.wait_text("现在退出吗")
        self.type("y")
        return self.wait_dead()

    def wait_dead(self, timeout=10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.dead_status()
            if status is not None:
                return status
            time.sleep(0.02)
        raise TmuxTimeout(f"waited {timeout}s for the program to end; the screen:\n{self.screen()}")


def wait_until(predicate, what, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise TmuxTimeout(f"waited {timeout}s for {what}")


def shell_quote(s):
    return "'" + str(s).replace("'", "'\\''") + "'"
