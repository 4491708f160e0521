#!/usr/bin/env python3
"""Time from starting a terminal program to its first full screen, as a user sees it.

The program runs in a pseudo-terminal of a fixed size; everything it writes is fed
into a VT emulator (pyte); the clock stops when every --ready text is on the emulated
screen. Repeats --runs times (a fresh process each time) and prints each figure and
the median in milliseconds.

  scripts/first-screen.py --ready "Rooms" --ready "Log" --runs 10 -- .build/release/convene open S.convene

Needs pyte (pip install pyte). Used for docs/performance.md ("Console: first screen").
"""
import argparse, fcntl, os, pty, select, signal, statistics, struct, sys, termios, time

try:
    import pyte
except ImportError:
    sys.exit("first-screen: needs pyte (pip install pyte)")


def once(argv, ready, rows, cols, timeout):
    start = time.perf_counter_ns()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.environ.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    screen = pyte.Screen(cols, rows)
    stream = pyte.ByteStream(screen)
    end = time.monotonic() + timeout
    seen = None
    while seen is None:
        if time.monotonic() > end:
            os.kill(pid, signal.SIGKILL)
            sys.exit("first-screen: the ready text never appeared; screen was:\n" + "\n".join(screen.display))
        r, _, _ = select.select([fd], [], [], 0.05)
        if not r:
            continue
        try:
            data = os.read(fd, 1 << 16)
        except OSError:
            break
        stream.feed(data)
        text = "\n".join(screen.display)
        if all(t in text for t in ready):
            seen = time.perf_counter_ns()
    os.kill(pid, signal.SIGTERM)
    try:
        while os.read(fd, 1 << 16):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    return (seen - start) / 1e6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ready", action="append", required=True, help="text on the first full screen (repeatable)")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("--cols", type=int, default=120)
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("argv", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    argv = a.argv[1:] if a.argv and a.argv[0] == "--" else a.argv
    times = [once(argv, a.ready, a.rows, a.cols, a.timeout) for _ in range(a.runs)]
    print("first screen (ms): " + " ".join(f"{t:.1f}" for t in times))
    print(f"median {statistics.median(times):.1f} ms, min {min(times):.1f}, max {max(times):.1f} ({a.runs} runs)")


if __name__ == "__main__":
    main()
