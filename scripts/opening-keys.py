#!/usr/bin/env python3
"""Keystroke latency in the first seconds after a terminal program's first screen, as its user sees it.

keylat.py starts typing once the screen has been quiet for 0.2 s, so it misses work a program does just
after its first screen (the console reading a large session's kept scans). This script types from the
moment every --ready text is on screen: a letter every --gap-ms for --seconds (Backspace after 40), each
timed until the emulated screen (pyte) shows it in the input line (the row the prompt `› ` opens). Repeats --runs times, a fresh
process each time (and, with --copy SRC:DST, a fresh copy of a session file first), and prints per run
the median, p99 and worst keystroke and how many took over 16 ms, then the worst over all runs.

  scripts/opening-keys.py --ready TYPING --runs 5 --copy /tmp/e100k.convene:/tmp/k.convene \\
      -- .build/release/convene open /tmp/k.convene

Needs pyte. Used for docs/performance.md ("Kept scans read off the loop").
"""
import argparse, os, select, shutil, statistics, time

from screenclock import Terminal, command


def once(argv, ready, rows, cols, seconds, gap_ms, timeout):
    term = Terminal(argv, rows, cols)
    term.wait_until(lambda text: all(t in text for t in ready), time.monotonic() + timeout, "the first screen")

    def pump(wait):
        r, _, _ = select.select([term.fd], [], [], wait)
        if not r:
            return None
        term.stream.feed(os.read(term.fd, 1 << 16))
        return time.perf_counter_ns()

    def line():
        # The input line (the console's prompt opens it): where the typed text shows.
        return next((row for row in term.screen.display if row.startswith("› ")), "")

    samples, typed, i = [], "", 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if len(typed) >= 40:
            key, typed = b"\x7f", typed[:-1]
            shown = lambda row, want="› " + typed: row.startswith(want) and row[len(want) :].strip() == ""
        else:
            ch = "abcdefghijklmnoprstuvwxyz"[i % 25]
            key, typed = ch.encode(), typed + ch
            shown = lambda row, want="› " + typed: row.startswith(want)
        t0 = time.perf_counter_ns()
        os.write(term.fd, key)
        while True:
            t = pump(5.0)
            if t is None:
                term.stop()
                raise SystemExit(f"opening-keys: no screen change after key {i}; screen was:\n{term.text()}")
            if shown(line()):
                samples.append((t - t0) / 1e6)
                break
        while pump(0):
            pass
        i += 1
        time.sleep(gap_ms / 1000.0)
    term.stop()
    return samples


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ready", action="append", required=True, help="text on the first screen (repeatable)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=3)
    ap.add_argument("--gap-ms", type=float, default=20)
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("--cols", type=int, default=120)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--copy", help="SRC:DST, a session file copied afresh before each run")
    ap.add_argument("argv", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    worst = []
    for _ in range(a.runs):
        if a.copy:
            src, dst = a.copy.split(":", 1)
            for extra in ("-wal", "-shm", "-journal"):
                if os.path.exists(dst + extra):
                    os.remove(dst + extra)
            shutil.copyfile(src, dst)
        xs = sorted(once(command(a.argv), a.ready, a.rows, a.cols, a.seconds, a.gap_ms, a.timeout))
        p99 = xs[min(len(xs) - 1, int(0.99 * len(xs)))]
        slow = sum(1 for x in xs if x > 16)
        print(f"n={len(xs)} p50={statistics.median(xs):.2f} ms p99={p99:.2f} ms max={xs[-1]:.1f} ms over-16ms={slow}")
        worst.append(xs[-1])
    print(f"worst keystroke per run (ms): " + " ".join(f"{w:.1f}" for w in worst))
    print(f"median of the worst {statistics.median(worst):.1f} ms ({len(worst)} runs)")


if __name__ == "__main__":
    main()
