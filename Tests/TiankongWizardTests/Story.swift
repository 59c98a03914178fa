import Foundation
import TiankongEngine
import TiankongTestSupport
@testable import TiankongWizard

/// A user at the wizard: keys go in through the key map and the reducer, as in the real session;
/// what the user sees is the frame as plain text.
struct Story {
    var state: WizardState
    var keyMap = KeyMap()
    var effects: [Effect] = []
    /// Where reports are saved; while nil, a save stays an effect to look at, and nothing is written.
    var workingDirectory: String?

    /// The bundled template as inference reads it (18 fields), or with its curated schema (21).
    init(size: Size = Size(columns: 80, rows: 24), language: Language = .chinese, earlier: [String: String] = [:],
         schema: Bool = false) throws {
        try self.init(template: Template.bundled(options: .init(useSchema: schema)), size: size, language: language,
                      earlier: earlier)
    }

    init(template: Template, size: Size = Size(columns: 80, rows: 24), language: Language = .chinese,
         earlier: [String: String] = [:]) {
        state = WizardState(template: template, language: language, size: size, earlierAnswers: earlier)
    }

    /// Presses keys, one after another.
    mutating func press(_ keys: Key...) {
        for key in keys { press(key) }
    }

    mutating func press(_ key: Key) {
        for action in keyMap.actions(for: key, in: KeyContext(state)) {
            effects += Reducer.reduce(&state, action)
            proofread()
        }
        if let workingDirectory { performWrites(in: workingDirectory) }
    }

    /// Proof-reads the report when asked, as the session's worker does, and hands the findings back.
    mutating func proofread() {
        while let k = effects.firstIndex(where: { if case .proofread = $0 { true } else { false } }) {
            guard case .proofread(let request) = effects.remove(at: k) else { break }
            effects += Reducer.reduce(&state, .proofreadFinished(request.run(on: state.template)))
        }
    }

    /// Writes the reports asked for, as the session does, and tells the reducer how it went.
    mutating func performWrites(in directory: String) {
        let saver = ReportSaver(template: state.template, messages: state.messages, workingDirectory: directory)
        while let k = effects.firstIndex(where: { if case .writeReport = $0 { true } else { false } }) {
            guard case .writeReport(let path, let overwrite) = effects.remove(at: k) else { break }
            let outcome = saver.save(name: path, values: state.reportAnswers, corrections: state.corrections, overwrite: overwrite)
            effects += Reducer.reduce(&state, .saveFinished(outcome))
            proofread()
        }
    }

    /// Types text one character at a time, as an input method delivers it.
    mutating func type(_ text: String) {
        for character in text { press(.character(character)) }
    }

    /// Types an answer and presses Enter.
    mutating func answer(_ text: String) {
        type(text)
        press(.enter)
    }

    mutating func resize(_ columns: Int, _ rows: Int) {
        effects += Reducer.reduce(&state, .resize(Size(columns: columns, rows: rows)))
    }

    /// What the view keeps between this story's frames, as a session's.
    let cache = RenderCache()
    var frame: Frame { WizardView.frame(state, size: state.size, cache: cache) }
    var screen: String { frame.text }
    /// One row of the screen as text.
    func row(_ k: Int) -> String { frame.line(k < 0 ? state.size.rows + k : k) }
    var cursor: (row: Int, column: Int)? { frame.cursor }
    var fieldNumber: Int { state.current + 1 }
}

/// The answers of Tests/Fixtures/answers-complete.json, in field order.
enum CompleteAnswers {
    static func load() throws -> [(String, String)] {
        let set = try AnswerSet.decode(Fixtures.data("answers-complete.json"))
        return set.answers.keys.sorted(by: AnswerSet.naturalOrder).map { ($0, set.answers[$0]!) }
    }

    static func report() throws -> [UInt8] {
        try Fixtures.bytes("report-complete.txt")
    }
}

/// Exact frames kept as text files in Snapshots/, named after the test; TIANKONG_RECORD=1 writes them anew.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// The recorded frame; nil after recording it on request (TIANKONG_RECORD=1). A missing snapshot is
    /// recorded for review but fails the test, so a frame is never checked against nothing.
    static func expected(_ name: String, actual: String) -> String? {
        let url = folder.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["TIANKONG_RECORD"] == "1" {
            try? (actual + "\n").write(to: url, atomically: true, encoding: .utf8)
            return nil
        }
        if !FileManager.default.fileExists(atPath: url.path) {
            try? (actual + "\n").write(to: url, atomically: true, encoding: .utf8)
            return "(no snapshot \(name).txt was recorded: one was written now — read it, then commit it)"
        }
        return (try? String(contentsOf: url, encoding: .utf8)).map { String($0.dropLast()) }
    }
}
