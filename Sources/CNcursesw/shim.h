#pragma once
// Wide-character ncurses: without this, wint_t, get_wch, cchar_t and setcchar are not declared.
#define NCURSES_WIDECHAR 1
#include <ncurses.h>
#include <wchar.h>
#include <signal.h>

// Swift's Glibc module hides wcwidth; the wizard measures every string on screen with it.
extern int wcwidth(wchar_t c);

// Swift 6 rejects C mutable globals and cannot import function-like macros: accessors instead.
static inline WINDOW *tk_stdscr(void) { return stdscr; }
static inline int tk_lines(void) { return LINES; }
static inline int tk_cols(void) { return COLS; }
static inline int tk_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline attr_t tk_a_normal(void) { return A_NORMAL; }
static inline attr_t tk_a_bold(void) { return A_BOLD; }
static inline attr_t tk_a_reverse(void) { return A_REVERSE; }
static inline attr_t tk_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tk_a_dim(void) { return A_DIM; }
static inline int tk_key_resize(void) { return KEY_RESIZE; }
static inline int tk_key_code_yes(void) { return KEY_CODE_YES; }
static inline int tk_err(void) { return ERR; }
static inline int tk_key_f(int n) { return KEY_F(n); }
static inline int tk_key_max(void) { return KEY_MAX; }
static inline int tk_set_escdelay(int ms) { return set_escdelay(ms); }
/// The terminal on the process's own stdin and stdout.
static inline SCREEN *tk_newterm(void) { return newterm(NULL, stdout, stdin); }
/// Writes a string straight to the terminal (for private modes ncurses does not know, such as bracketed paste).
static inline void tk_write_stdout(const char *s) { fputs(s, stdout); fflush(stdout); }
static inline WINDOW *tk_curscr(void) { return curscr; }
