import CNcursesw
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The terminal through libncursesw: the one file that calls ncurses.
final class CursesTerminal: Terminal {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let colors: Bool
    private var shown: Frame?
    private var closed = false
    /// One row's cells as ncurses takes them, kept between frames.
    private var rowCells: [cchar_t] = []

    /// The key codes ncurses gives the bracketed-paste brackets once they are defined.
    private static let pasteStartCode = tk_key_max() + 1
    private static let pasteEndCode = tk_key_max() + 2

    /// Takes over the terminal; nil when ncurses does not know it.
    /// - Parameter useColor: false for NO_COLOR: bold, reverse and underline only.
    init?(useColor: Bool) {
        // The size comes from the terminal, never from LINES/COLUMNS left in the environment,
        // or a resize would be ignored.
        use_tioctl(true)
        guard let screen = tk_newterm() else { return nil }
        self.screen = screen
        // ncurses writes out its buffer at every cursor move until the screen has been left and taken
        // back once (newterm leaves it in its "initial" state, meant for low-level terminfo programs),
        // so a first frame would reach the terminal in one write per line. Leaving it now, before
        // anything is written, costs one write (into the alternate screen and out of it at once); the
        // first update takes the screen back and sends the frame with it.
        endwin()
        window = tk_stdscr()
        raw()            // Ctrl-C, Ctrl-S, Ctrl-Z arrive as keys
        noecho()
        keypad(window, true)
        // Without this, ncurses polls the keyboard before each line of an update and flushes what it
        // has so far: a frame leaves in dozens of small writes. The loop draws only when no key waits.
        typeahead(-1)
        _ = tk_set_escdelay(25)
        colors = useColor && has_colors()
        if colors {
            // Default colours asked for before start_color: asked after it, ncurses redefines pair 0 and
            // looks through every cell of its screens for that pair.
            use_default_colors()
            start_color()
            init_pair(1, Int16(COLOR_YELLOW), -1)   // blank
            init_pair(2, Int16(COLOR_GREEN), -1)    // answer
            init_pair(3, Int16(COLOR_RED), -1)      // invalid, error
            init_pair(4, Int16(COLOR_MAGENTA), -1)  // warning
            init_pair(5, Int16(COLOR_BLACK), Int16(COLOR_CYAN))  // bars
            init_pair(6, Int16(COLOR_BLACK), Int16(COLOR_YELLOW))  // the current blank
        }
        define_key("\u{1B}[200~", Self.pasteStartCode)
        define_key("\u{1B}[201~", Self.pasteEndCode)
        tk_write_stdout("\u{1B}[?2004h")
    }

    var size: Size { Size(columns: Int(tk_cols()), rows: Int(tk_lines())) }

    // MARK: - Keys

    func nextEvent(timeoutMilliseconds: Int32) -> TerminalEvent? {
        wtimeout(window, timeoutMilliseconds)
        var c: wint_t = 0
        let result = wget_wch(window, &c)
        if result == tk_err() {
            // ncurses says ERR both when the wait ran out and when the keyboard is at end-of-file (the
            // terminal closed); poll tells them apart, once per idle wait.
            return timeoutMilliseconds > 0 && Self.hungUp() ? .hangUp : nil
        }
        let code = Int32(bitPattern: c)
        if result == tk_key_code_yes() {
            if code == tk_key_resize() {
                // ncurses cut the window to every size it went through: a row that equals the last
                // frame's may be gone from it, so the next frame is written whole.
                shown = nil
                return .resize(size)
            }
            return Self.key(code).map(TerminalEvent.key)
        }
        if c < 0x20 || c == 0x7F { return Key.fromControlByte(UInt32(c)).map(TerminalEvent.key) }
        guard let scalar = Unicode.Scalar(UInt32(c)) else { return nil }
        return .key(.character(Character(scalar)))
    }

    /// Whether the keyboard's side of the terminal has hung up (or is not there at all).
    private static func hungUp() -> Bool {
        var keyboard = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&keyboard, 1, 0) == 1 else { return false }
        return keyboard.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// ncurses' key codes, by name.
    private static func key(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case pasteStartCode: return .pasteStart
        case pasteEndCode: return .pasteEnd
        default:
            for n in 1...12 where code == tk_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    // MARK: - Frames

    func draw(_ frame: Frame) {
        if let previous = shown, previous.size == frame.size {
            // Only the rows that changed, each written whole (ncurses sends the terminal only the cells
            // that differ from what it shows).
            for row in 0..<frame.size.rows where !frame.row(row, equals: previous) {
                write(row: row, of: frame, through: frame.size.columns)
            }
        } else {
            // A fresh window: erased, so a row needs writing only up to its last character.
            werase(window)
            for row in 0..<frame.size.rows {
                var end = frame.size.columns
                while end > 0 && frame[row, end - 1] == .empty { end -= 1 }
                if end > 0 { write(row: row, of: frame, through: end) }
            }
        }
        if let cursor = frame.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
        shown = frame
    }

    /// The cells of `row` before column `end`, in one call: wadd_wchnstr copies them into the window
    /// as they are, where a call per cell went through all of wadd_wch's character processing.
    private func write(row: Int, of frame: Frame, through end: Int) {
        if rowCells.count < frame.size.columns { rowCells = Array(repeating: cchar_t(), count: frame.size.columns) }
        var count = 0
        rowCells.withUnsafeMutableBufferPointer { cells in
            for column in 0..<end {
                let cell = frame[row, column]
                if cell.isContinuation { continue }  // the wide character before it covers it
                set(&cells[count], to: cell, clusters: frame.clusters)
                count += 1
            }
            _ = mvwadd_wchnstr(window, Int32(row), 0, cells.baseAddress, Int32(count))
        }
    }

    private func set(_ c: inout cchar_t, to cell: Cell, clusters: Clusters) {
        let (attributes, pair) = style(cell.style)
        if let scalar = cell.scalar {
            // Nearly every cell: one scalar, no array to allocate.
            var wide: (wchar_t, wchar_t) = (wchar_t(bitPattern: scalar.value), 0)
            _ = withUnsafePointer(to: &wide) {
                $0.withMemoryRebound(to: wchar_t.self, capacity: 2) { setcchar(&c, $0, attributes, pair, nil) }
            }
        } else {
            var wide = cell.character(in: clusters).unicodeScalars.map { wchar_t(bitPattern: $0.value) }
            wide.append(0)
            _ = wide.withUnsafeBufferPointer { setcchar(&c, $0.baseAddress, attributes, pair, nil) }
        }
    }

    private func style(_ style: Style) -> (attr_t, Int16) {
        let bold = tk_a_bold(), reverse = tk_a_reverse(), underline = tk_a_underline()
        if colors {
            switch style {
            case .normal: return (tk_a_normal(), 0)
            case .bar: return (tk_a_normal(), 5)
            case .blank: return (bold, 1)
            case .answer: return (tk_a_normal(), 2)
            case .current: return (bold, 6)
            case .invalid: return (bold | underline, 3)
            case .warning: return (underline, 4)
            case .dim: return (tk_a_dim(), 0)
            case .error: return (bold, 3)
            case .selected: return (reverse, 0)
            case .strong: return (bold, 0)
            }
        }
        switch style {
        case .normal: return (tk_a_normal(), 0)
        case .bar, .selected, .current: return (reverse, 0)
        case .blank: return (underline, 0)
        case .answer, .strong, .error: return (bold, 0)
        case .invalid: return (bold | underline, 0)
        case .warning: return (underline, 0)
        case .dim: return (tk_a_dim(), 0)
        }
    }

    // MARK: - Suspending and leaving

    func suspend() {
        tk_write_stdout("\u{1B}[?2004l")
        endwin()
        let previous = signal(SIGTSTP, SIG_DFL)
        kill(0, SIGTSTP)
        // Back after fg.
        signal(SIGTSTP, previous)
        tk_write_stdout("\u{1B}[?2004h")
        clearok(tk_curscr(), true)
        wrefresh(window)
    }

    func close() {
        guard !closed else { return }
        closed = true
        tk_write_stdout("\u{1B}[?2004l")
        endwin()
        delscreen(screen)
    }
}
