"""What scripts/first-screen.py and scripts/review-screen.py share: a program in a pseudo-terminal of a fixed size,
its output fed into a VT emulator (pyte), waits on what the emulated screen shows, and the figures printed.

Needs pyte (pip install pyte).
"""
import fcntl, os, pty, select, signal, statistics, struct, sys, termios, time

try:
    import pyte
except ImportError:
    sys.exit(f"{os.path.basename(sys.argv[0])}: needs pyte (pip install pyte)")


class Terminal:
    """A program started in a pseudo-terminal of rows x cols, with the screen it has drawn so far."""

    def __init__(self, argv, rows, cols):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.environ.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
            try:
                os.execvp(argv[0], argv)
            finally:
                os._exit(127)
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)

    def text(self):
        return "\n".join(self.screen.display)

    def wait_until(self, shows, deadline, what):
        """Reads output until shows(screen text) holds; returns perf_counter_ns() then. Exits on the deadline."""
        while True:
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                sys.exit(f"{os.path.basename(sys.argv[0])}: {what} never appeared; screen was:\n" + self.text())
            r, _, _ = select.select([self.fd], [], [], 0.02)
            if r:
                try:
                    self.stream.feed(os.read(self.fd, 1 << 16))
                except OSError:
                    sys.exit(f"{os.path.basename(sys.argv[0])}: the program ended before {what}")
            if shows(self.text()):
                return time.perf_counter_ns()

    def stop(self):
        os.kill(self.pid, signal.SIGTERM)
        try:
            while os.read(self.fd, 1 << 16):
                pass
        except OSError:
            pass
        os.waitpid(self.pid, 0)


def command(argv):
    """The program's command line after an optional `--`."""
    return argv[1:] if argv and argv[0] == "--" else argv


def report(label, times):
    print(f"{label} (ms): " + " ".join(f"{t:.1f}" for t in times))
    print(f"median {statistics.median(times):.1f} ms, min {min(times):.1f}, max {max(times):.1f} ({len(times)} runs)")
