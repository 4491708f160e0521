#!/usr/bin/env python3
"""Time from pressing F5 (the privacy review screen) to the whole review screen, as a user sees it.

The console runs in a pseudo-terminal of a fixed size, fed into a VT emulator (pyte). Once every
--ready text is on screen (the first screen) F5 is sent; the clock stops when the review screen's
title is on screen and its "Still scanning" line is not (every contribution's findings listed).
Repeats --runs times (a fresh process each time) and prints each figure and the median in ms.

  scripts/review-screen.py --ready Rooms --runs 5 -- .build/release/convene open S.convene --role lead

Needs pyte. Used for docs/performance.md ("The console's review screen keeps its scans").
"""
import argparse, fcntl, os, pty, select, signal, statistics, struct, sys, termios, time

try:
    import pyte
except ImportError:
    sys.exit("review-screen: needs pyte (pip install pyte)")

F5 = b"\x1b[15~"


def once(argv, ready, rows, cols, timeout):
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
    sent = None
    seen = None
    while seen is None:
        if time.monotonic() > end:
            os.kill(pid, signal.SIGKILL)
            sys.exit("review-screen: the review screen never completed; screen was:\n" + "\n".join(screen.display))
        r, _, _ = select.select([fd], [], [], 0.02)
        if r:
            try:
                data = os.read(fd, 1 << 16)
            except OSError:
                break
            stream.feed(data)
        text = "\n".join(screen.display)
        if sent is None:
            if all(t in text for t in ready):
                sent = time.perf_counter_ns()
                os.write(fd, F5)
        elif "review" in text.lower() and "Esc closes" in text and "Still scanning" not in text:
            seen = time.perf_counter_ns()
    os.kill(pid, signal.SIGTERM)
    try:
        while os.read(fd, 1 << 16):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    return (seen - sent) / 1e6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ready", action="append", required=True, help="text on the first full screen (repeatable)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rows", type=int, default=48)
    ap.add_argument("--cols", type=int, default=160)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("argv", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    argv = a.argv[1:] if a.argv and a.argv[0] == "--" else a.argv
    times = [once(argv, a.ready, a.rows, a.cols, a.timeout) for _ in range(a.runs)]
    print("review screen whole (ms): " + " ".join(f"{t:.1f}" for t in times))
    print(f"median {statistics.median(times):.1f} ms, min {min(times):.1f}, max {max(times):.1f} ({a.runs} runs)")


if __name__ == "__main__":
    main()
