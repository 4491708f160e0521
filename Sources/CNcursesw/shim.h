// The C side of TerminalKit: ncursesw with wide-character support, and
// static inline wrappers for the macros and globals Swift cannot import.
#ifndef CONVENE_NCURSES_SHIM_H
#define CONVENE_NCURSES_SHIM_H
// SwiftPM drops pkg-config's -D flags, so ask for the wide API here.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *convene_stdscr(void) { return stdscr; }
static inline int convene_lines(void) { return LINES; }
static inline int convene_cols(void) { return COLS; }
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
static inline const cchar_t *convene_wacs_hline(void) { return WACS_HLINE; }
static inline const cchar_t *convene_wacs_vline(void) { return WACS_VLINE; }
static inline const cchar_t *convene_wacs_ulcorner(void) { return WACS_ULCORNER; }
static inline const cchar_t *convene_wacs_urcorner(void) { return WACS_URCORNER; }
static inline const cchar_t *convene_wacs_llcorner(void) { return WACS_LLCORNER; }
static inline const cchar_t *convene_wacs_lrcorner(void) { return WACS_LRCORNER; }
static inline int convene_wcwidth(wchar_t c) { return wcwidth(c); }
static inline void convene_setlocale_all(void) { setlocale(LC_ALL, ""); }
#endif
