#pragma once
// libxlsxwriter, for the data-entry workbook. Debian ships it as a shared library only, so it is not
// linked: it is opened with dlopen when a workbook is written, and the static binary stays static.
#include <dlfcn.h>
#include <stddef.h>
#include <xlsxwriter.h>

typedef struct {
    __typeof__(&workbook_new) workbook_new;
    __typeof__(&workbook_add_worksheet) workbook_add_worksheet;
    __typeof__(&workbook_add_format) workbook_add_format;
    __typeof__(&workbook_close) workbook_close;
    __typeof__(&format_set_bold) format_set_bold;
    __typeof__(&format_set_text_wrap) format_set_text_wrap;
    __typeof__(&format_set_bg_color) format_set_bg_color;
    __typeof__(&format_set_font_color) format_set_font_color;
    __typeof__(&worksheet_write_string) worksheet_write_string;
    __typeof__(&worksheet_set_column) worksheet_set_column;
    __typeof__(&worksheet_set_row_opt) worksheet_set_row_opt;
    __typeof__(&worksheet_freeze_panes) worksheet_freeze_panes;
    __typeof__(&worksheet_data_validation_range) worksheet_data_validation_range;
    __typeof__(&worksheet_hide) worksheet_hide;
} tk_xlsxwriter;

/// Opens libxlsxwriter (any of Debian's sonames) and finds its functions; 0 when it is not there.
static inline int tk_xlsxwriter_load(tk_xlsxwriter *x) {
    static const char *names[] = {"libxlsxwriter.so.4", "libxlsxwriter.so.5", "libxlsxwriter.so.6", "libxlsxwriter.so"};
    void *h = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !h; i++) h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!h) return 0;
#define TK_FIND(name) if (!(x->name = (__typeof__(x->name))dlsym(h, #name))) return 0;
    TK_FIND(workbook_new) TK_FIND(workbook_add_worksheet) TK_FIND(workbook_add_format) TK_FIND(workbook_close)
    TK_FIND(format_set_bold) TK_FIND(format_set_text_wrap) TK_FIND(format_set_bg_color) TK_FIND(format_set_font_color)
    TK_FIND(worksheet_write_string) TK_FIND(worksheet_set_column) TK_FIND(worksheet_set_row_opt)
    TK_FIND(worksheet_freeze_panes) TK_FIND(worksheet_data_validation_range) TK_FIND(worksheet_hide)
#undef TK_FIND
    return 1;
}
