#!/usr/bin/env python3
"""Time from starting a terminal program to its first full screen, as a user sees it.

The program runs in a pseudo-terminal of a fixed size; everything it writes is fed
into a VT emulator (pyte); the clock stops when every --ready text is on the emulated
screen. Repeats --runs times (a fresh process each time) and prints each figure and
the median in milliseconds.

  scripts/first-screen.py --ready "Rooms" --ready "Log" --runs 10 -- .build/release/convene open S.convene

Needs pyte (pip install pyte). Used for docs/performance.md ("Console: first screen").
"""
import argparse, time

from screenclock import Terminal, command, report


def once(argv, ready, rows, cols, timeout):
    start = time.perf_counter_ns()
    term = Terminal(argv, rows, cols)
    seen = term.wait_until(lambda text: all(t in text for t in ready), time.monotonic() + timeout, "the ready text")
    term.stop()
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
    report("first screen", [once(command(a.argv), a.ready, a.rows, a.cols, a.timeout) for _ in range(a.runs)])


if __name__ == "__main__":
    main()
