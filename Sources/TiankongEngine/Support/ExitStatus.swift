/// How `tiankong` ends, as the process's exit status: the sysexits(3) codes a script can tell apart,
/// and 128 + the signal's number when one ended the wizard (as a shell reports it).
public struct ExitStatus: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let ok = ExitStatus(rawValue: 0)
    /// The work is not done: `check` found blanks left or mistakes; the wizard ended without saving.
    public static let notDone = ExitStatus(rawValue: 1)
    /// The command line is wrong (EX_USAGE).
    public static let usage = ExitStatus(rawValue: 64)
    /// What a file holds is wrong: a template, an answers file, a schema, a sheet (EX_DATAERR).
    public static let data = ExitStatus(rawValue: 65)
    /// An input file cannot be opened or read (EX_NOINPUT).
    public static let input = ExitStatus(rawValue: 66)
    /// An output file cannot be created: it exists, its folder is missing or read-only (EX_CANTCREAT).
    public static let cannotCreate = ExitStatus(rawValue: 73)
    /// Writing failed half-way: disk full, an I/O error (EX_IOERR).
    public static let io = ExitStatus(rawValue: 74)
    /// Another wizard holds the template's autosave; try again once it has quit (EX_TEMPFAIL).
    public static let busy = ExitStatus(rawValue: 75)
    /// A signal (SIGINT, SIGTERM, SIGHUP) ended the wizard after its answers were saved.
    public static func signal(_ number: Int32) -> ExitStatus { ExitStatus(rawValue: 128 + number) }
}
