// The C side of TerminalKit: ncursesw with wide-character support, static
// inline wrappers for the macros and globals Swift cannot import, and the
// async-signal-safe terminal restore used on signals and crashes.
#ifndef CONVENE_NCURSES_SHIM_H
#define CONVENE_NCURSES_SHIM_H
// SwiftPM drops pkg-config's -D flags, so ask for the wide API here.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <fcntl.h>
#include <ncursesw/curses.h>

static inline WINDOW *convene_stdscr(void) { return stdscr; }
static inline int convene_lines(void) { return LINES; }
static inline int convene_cols(void) { return COLS; }
static inline int convene_colors(void) { return COLORS; }
static inline int convene_color_pairs(void) { return COLOR_PAIRS; }
static inline int convene_maxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int convene_maxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }
static inline attr_t convene_color_pair(int n) { return COLOR_PAIR(n); }
static inline attr_t convene_a_normal(void) { return A_NORMAL; }
static inline attr_t convene_a_bold(void) { return A_BOLD; }
static inline attr_t convene_a_underline(void) { return A_UNDERLINE; }
static inline attr_t convene_a_reverse(void) { return A_REVERSE; }
static inline attr_t convene_a_dim(void) { return A_DIM; }
static inline attr_t convene_a_standout(void) { return A_STANDOUT; }
static inline int convene_key_resize(void) { return KEY_RESIZE; }
static inline int convene_key_code_yes(void) { return KEY_CODE_YES; }
static inline int convene_key_f(int n) { return KEY_F(n); }
static inline const cchar_t *convene_wacs_hline(void) { return WACS_HLINE; }
static inline const cchar_t *convene_wacs_vline(void) { return WACS_VLINE; }
static inline const cchar_t *convene_wacs_ulcorner(void) { return WACS_ULCORNER; }
static inline const cchar_t *convene_wacs_urcorner(void) { return WACS_URCORNER; }
static inline const cchar_t *convene_wacs_llcorner(void) { return WACS_LLCORNER; }
static inline const cchar_t *convene_wacs_lrcorner(void) { return WACS_LRCORNER; }
static inline const cchar_t *convene_wacs_ltee(void) { return WACS_LTEE; }
static inline const cchar_t *convene_wacs_rtee(void) { return WACS_RTEE; }
static inline const cchar_t *convene_wacs_ttee(void) { return WACS_TTEE; }
static inline const cchar_t *convene_wacs_btee(void) { return WACS_BTEE; }
static inline const cchar_t *convene_wacs_plus(void) { return WACS_PLUS; }
static inline int convene_wcwidth(wchar_t c) { return wcwidth(c); }
static inline void convene_setlocale_all(void) { setlocale(LC_ALL, ""); }

/// Sets LC_CTYPE; returns 1 when the locale exists.
static inline int convene_setlocale_ctype(const char *name) { return setlocale(LC_CTYPE, name) != NULL; }
/// 1 when the current LC_CTYPE encodes text as UTF-8.
static inline int convene_locale_is_utf8(void) {
    const char *set = nl_langinfo(CODESET);
    return set != NULL && (strcmp(set, "UTF-8") == 0 || strcmp(set, "utf8") == 0 || strcmp(set, "utf-8") == 0);
}
/// The current LC_CTYPE name ("C", "POSIX", "en_GB.UTF-8"…).
static inline const char *convene_locale_ctype(void) { return setlocale(LC_CTYPE, NULL); }

/// A terminfo string capability, or NULL when the terminal has none.
static inline const char *convene_tigetstr(const char *cap) {
    char *s = tigetstr(cap);
    return (s == NULL || s == (char *)-1) ? NULL : s;
}

/// Sets the window size of a terminal device (tests resize a pseudo-terminal).
static inline int convene_set_winsize(int fd, int rows, int cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = (unsigned short)rows;
    ws.ws_col = (unsigned short)cols;
    return ioctl(fd, TIOCSWINSZ, &ws);
}

// Declared here because the C library module hides them without _XOPEN_SOURCE.
extern int posix_openpt(int flags);
extern int grantpt(int fd);
extern int unlockpt(int fd);
extern char *ptsname(int fd);

/// Opens a pseudo-terminal pair (tests run ncurses on it); 0 on success.
static inline int convene_open_pty(int *master, int *slave) {
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) return -1;
    char *name = (grantpt(m) == 0 && unlockpt(m) == 0) ? ptsname(m) : NULL;
    int s = name ? open(name, O_RDWR | O_NOCTTY) : -1;
    if (s < 0) { close(m); return -1; }
    *master = m;
    *slave = s;
    return 0;
}

static inline FILE *convene_fdopen(int fd, const char *mode) { return fdopen(fd, mode); }

// ---------------------------------------------------------------------------
// Signals and emergency restore. Only Sources/TerminalKit/TerminalSignals.swift
// may call these: the state is `static`, so each Swift file that used it would
// get its own copy.

/// All the restore state, in a function-local static: Swift emits the inline
/// functions of this header, but not file-scope static arrays and structs.
struct convene_terminal_state {
    volatile sig_atomic_t pending_signal;
    volatile sig_atomic_t active;
    int in_fd, out_fd;
    int have_termios;
    struct termios saved_termios;
    char reset_sequence[512];
    size_t reset_length;
    struct sigaction previous[65];
    unsigned watchdog_seconds;
    /// The self-pipe: a stop signal writes one byte so a loop waiting in poll wakes at once.
    int wake_read, wake_write, wake_ready;
};

static inline struct convene_terminal_state *convene_state(void) {
    static struct convene_terminal_state state;
    return &state;
}

/// Puts the terminal back as it was before ncurses, using only
/// async-signal-safe calls (write, tcsetattr).
static inline void convene_emergency_restore(void) {
    struct convene_terminal_state *st = convene_state();
    if (!st->active) return;
    st->active = 0;
    if (st->reset_length > 0) {
        ssize_t ignored = write(st->out_fd, st->reset_sequence, st->reset_length);
        (void)ignored;
    }
    if (st->have_termios) tcsetattr(st->in_fd, TCSANOW, &st->saved_termios);
}

/// SIGTERM, SIGHUP, SIGINT: remember the signal for the app's loop (it saves
/// the draft and closes), and start a watchdog in case it never does.
static inline void convene_on_stop_signal(int sig) {
    struct convene_terminal_state *st = convene_state();
    if (!st->active) { convene_emergency_restore(); _exit(128 + sig); }
    if (st->pending_signal == 0) {
        st->pending_signal = sig;
        alarm(st->watchdog_seconds);
    }
    if (st->wake_ready) {
        ssize_t ignored = write(st->wake_write, "!", 1);
        (void)ignored;
    }
}

/// The watchdog: the app did not close the terminal in time.
static inline void convene_on_alarm(int sig) {
    (void)sig;
    struct convene_terminal_state *st = convene_state();
    if (st->pending_signal != 0) {
        int pending = st->pending_signal;
        convene_emergency_restore();
        _exit(128 + pending);
    }
}

/// A crash (or abort): restore the terminal, then let the previous handler or
/// the default action run, so the crash is still reported.
static inline void convene_on_crash(int sig, siginfo_t *info, void *context) {
    (void)context;
    convene_emergency_restore();
    sigaction(sig, &convene_state()->previous[sig], NULL);
    if (info == NULL || info->si_code <= 0) raise(sig); // sent by kill(): deliver it again
    // A real fault returns and faults again, now under the previous handler.
}

static inline void convene_remember_terminal(int in_fd, int out_fd) {
    struct convene_terminal_state *st = convene_state();
    st->in_fd = in_fd;
    st->out_fd = out_fd;
    st->have_termios = tcgetattr(in_fd, &st->saved_termios) == 0;
}

static inline void convene_set_reset_sequence(const char *bytes, size_t length) {
    struct convene_terminal_state *st = convene_state();
    if (length > sizeof st->reset_sequence) length = sizeof st->reset_sequence;
    memcpy(st->reset_sequence, bytes, length);
    st->reset_length = length;
}

static inline void convene_install_signal_handlers(int watchdog_seconds) {
    struct convene_terminal_state *st = convene_state();
    if (!st->wake_ready) {
        int fds[2];
        if (pipe(fds) == 0) {
            for (int i = 0; i < 2; i++) {
                fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
                fcntl(fds[i], F_SETFD, FD_CLOEXEC);
            }
            st->wake_read = fds[0]; st->wake_write = fds[1]; st->wake_ready = 1;
        }
    }
    st->watchdog_seconds = (unsigned)watchdog_seconds;
    st->pending_signal = 0;
    struct sigaction stop;
    memset(&stop, 0, sizeof stop);
    sigemptyset(&stop.sa_mask);
    stop.sa_handler = convene_on_stop_signal;
    int stops[] = { SIGTERM, SIGHUP, SIGINT };
    for (int i = 0; i < 3; i++) sigaction(stops[i], &stop, &st->previous[stops[i]]);
    struct sigaction watchdog;
    memset(&watchdog, 0, sizeof watchdog);
    sigemptyset(&watchdog.sa_mask);
    watchdog.sa_handler = convene_on_alarm;
    sigaction(SIGALRM, &watchdog, &st->previous[SIGALRM]);
    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    sigemptyset(&crash.sa_mask);
    crash.sa_sigaction = convene_on_crash;
    crash.sa_flags = SA_SIGINFO;
    int crashes[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT };
    for (int i = 0; i < 6; i++) sigaction(crashes[i], &crash, &st->previous[crashes[i]]);
    st->active = 1;
}

/// After a normal close: put the previous handlers back and stop the watchdog.
static inline void convene_remove_signal_handlers(void) {
    struct convene_terminal_state *st = convene_state();
    st->active = 0;
    alarm(0);
    int all[] = { SIGTERM, SIGHUP, SIGINT, SIGALRM, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT };
    for (int i = 0; i < 10; i++) sigaction(all[i], &st->previous[all[i]], NULL);
}

static inline int convene_pending_signal(void) { return (int)convene_state()->pending_signal; }
/// The read end of the self-pipe (-1 before the handlers were first installed).
static inline int convene_wake_fd(void) { return convene_state()->wake_ready ? convene_state()->wake_read : -1; }
/// Empties the self-pipe after a wake-up.
static inline void convene_drain_wake(void) {
    char buffer[64];
    if (!convene_state()->wake_ready) return;
    while (read(convene_state()->wake_read, buffer, sizeof buffer) > 0) {}
}
static inline void convene_clear_pending_signal(void) { convene_state()->pending_signal = 0; }
static inline int convene_terminal_is_active(void) { return (int)convene_state()->active; }
#endif
