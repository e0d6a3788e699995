// The C side of NcursesTerminal. Swift 6 cannot use what ncurses exposes as
// mutable globals or macro expressions, and pkg-config's feature macros are
// dropped by SwiftPM, so this header defines them and wraps what is needed.
#ifndef FIREBREAK_CNCURSESW_SHIM_H
#define FIREBREAK_CNCURSESW_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif

#include <locale.h>
#include <wchar.h>
#include <poll.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>

#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#else
#include <curses.h>
#include <term.h>
#endif

// Globals Swift 6 rejects as not concurrency-safe.
static inline WINDOW *fb_stdscr(void) { return stdscr; }
static inline int fb_lines(void) { return LINES; }
static inline int fb_cols(void) { return COLS; }
static inline int fb_colors(void) { return COLORS; }
static inline int fb_color_pairs(void) { return COLOR_PAIRS; }

static inline int fb_wcwidth(wchar_t c) { return wcwidth(c); }

// Whether terminfo knows `name`, without starting curses or touching the
// terminal: lets the caller report an unknown TERM before anything else.
static inline int fb_terminal_known(const char *name) {
    int err = 0;
    TERMINAL *saved = cur_term;
    int rc = setupterm(name, -1, &err);
    if (rc == OK && cur_term != saved && cur_term != NULL) {
        del_curterm(cur_term);
    }
    set_curterm(saved);
    return rc == OK;
}

// Attribute macros are expressions Swift does not import.
static inline attr_t fb_a_normal(void) { return A_NORMAL; }
static inline attr_t fb_a_bold(void) { return A_BOLD; }
static inline attr_t fb_a_dim(void) { return A_DIM; }
static inline attr_t fb_a_underline(void) { return A_UNDERLINE; }
static inline attr_t fb_a_reverse(void) { return A_REVERSE; }
static inline attr_t fb_a_italic(void) {
#ifdef A_ITALIC
    return A_ITALIC;
#else
    return A_NORMAL;
#endif
}

static inline int fb_key_f(int n) { return KEY_F(n); }

// Mouse masks.
static inline mmask_t fb_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t fb_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t fb_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t fb_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t fb_button1_clicked(void) { return BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON1_TRIPLE_CLICKED; }
static inline mmask_t fb_button2_pressed(void) { return BUTTON2_PRESSED; }
static inline mmask_t fb_button2_released(void) { return BUTTON2_RELEASED; }
static inline mmask_t fb_button2_clicked(void) { return BUTTON2_CLICKED | BUTTON2_DOUBLE_CLICKED | BUTTON2_TRIPLE_CLICKED; }
static inline mmask_t fb_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t fb_button3_released(void) { return BUTTON3_RELEASED; }
static inline mmask_t fb_button3_clicked(void) { return BUTTON3_CLICKED | BUTTON3_DOUBLE_CLICKED | BUTTON3_TRIPLE_CLICKED; }
static inline mmask_t fb_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t fb_button5_pressed(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}

// A Swift closure cannot be installed with sigaction's union directly; these
// keep the signal plumbing in C where it is simple and async-signal-safe.
typedef void (*fb_signal_handler)(int);

static inline int fb_install_handler(int sig, fb_signal_handler handler, struct sigaction *previous) {
    struct sigaction action;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    action.sa_handler = handler;
    return sigaction(sig, &action, previous);
}

static inline int fb_restore_handler(int sig, const struct sigaction *previous) {
    return sigaction(sig, previous, NULL);
}

// Calls the handler a previous sigaction held, if it is a real function.
static inline void fb_call_previous(int sig, const struct sigaction *previous) {
    if (previous->sa_flags & SA_SIGINFO) {
        if (previous->sa_sigaction) previous->sa_sigaction(sig, NULL, NULL);
    } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN && previous->sa_handler != NULL) {
        previous->sa_handler(sig);
    }
}

static inline int fb_previous_is_default(const struct sigaction *previous) {
    return !(previous->sa_flags & SA_SIGINFO) && previous->sa_handler == SIG_DFL;
}
#endif
