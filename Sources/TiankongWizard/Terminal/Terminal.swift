/// Something that happened at the terminal.
public enum TerminalEvent: Sendable, Equatable {
    case key(Key)
    case resize(Size)
    /// The terminal is gone and no hang-up signal came (its session leader took it): the keyboard
    /// reads as end-of-file.
    case hangUp
}

/// The screen and keyboard, as the session sees them: events in, frames out. The real one is
/// `CursesTerminal`; tests use a fake.
public protocol Terminal: AnyObject {
    var size: Size { get }
    /// The next event, waiting at most `timeoutMilliseconds` (0: do not wait); nil when none came.
    /// A terminal that has gone away says `.hangUp` by the end of a wait that is not 0.
    func nextEvent(timeoutMilliseconds: Int32) -> TerminalEvent?
    /// Shows a frame, writing only what changed since the last one.
    func draw(_ frame: Frame)
    /// Gives the terminal back to the shell and stops the process group (Ctrl-Z); returns after fg.
    func suspend()
    /// Restores the terminal as it was before.
    func close()
}
