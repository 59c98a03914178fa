import TiankongEngine

/// What the user asked for, decoded once from keys (see `KeyMap`), or what happened to the program.
public enum Action: Sendable, Equatable {
    // MARK: Editing the line
    /// Typed or pasted text; control characters never get in.
    case insert(String)
    case cursorLeft, cursorRight, cursorHome, cursorEnd
    case deleteBackward, deleteForward
    /// Ctrl-U, Ctrl-K, Ctrl-W.
    case deleteToStart, deleteToEnd, deleteWord
    /// Ctrl-R: take the answer a warning suggests; on the review, the selected finding's fix.
    case takeSuggestion
    /// Ctrl-T on the review: every safe fix of the findings at once.
    case takeAllFixes

    // MARK: Moving
    /// Enter, Tab, Down: check the answer and go on.
    case nextField
    /// Shift-Tab, Up: go back without checking.
    case previousField
    /// Leaves the field as it is, unchecked, and goes on (the review after the last): the line-by-line
    /// mode's empty line where there is nothing to take.
    case skipField
    /// Goes to a field without checking the one left, as the field list does.
    case goToField(Int)
    case openFieldList
    case openHelp
    case selectPrevious, selectNext
    case pageUp, pageDown
    /// Enter in a list or a prompt.
    case choose
    case cancel
    case yes, no

    // MARK: The program
    case save
    case interrupt
    case suspend
    case resize(Size)
    /// What came of writing the report.
    case saveFinished(SaveOutcome)
    /// What proof-reading found, for the request it answers.
    case proofreadFinished(ProofreadResult)
}

/// What came of writing the report files (see `ReportFiles`).
public enum SaveOutcome: Sendable, Equatable {
    /// Every file was written: their full paths, the Word file first.
    case saved(fullPaths: [String])
    /// Some of the files the typed name stands for are there already: those, as named.
    case exists(path: String, existing: [String])
    /// Nothing or not everything was written; the exit status the plain mode ends with.
    case failed(message: String, status: ExitStatus = .io)
}

/// Work the reducer asks the session to do; the reducer itself never touches files or the terminal.
public enum Effect: Sendable, Equatable {
    /// Writes the report under the typed name: the files `ReportFiles(name:)` names.
    case writeReport(path: String, overwrite: Bool)
    /// Keep the earlier answers as a backup and start with none.
    case startAfresh
    /// Proof-read the report as it will be saved, off the main thread (seconds on a report of a
    /// hundred megabytes), and hand the findings back as `proofreadFinished`.
    case proofread(ProofreadRequest)
    case suspend
    case quit(ExitStatus)
}
