import Foundation
import Testing
import TiankongEngine
import TiankongTestSupport
@testable import TiankongWizard

/// The autosave and the lock when things go wrong: a damaged file, fields that changed, a state
/// folder that cannot be written, a second wizard; and what pastes may not bring in.
@Suite("Nothing lost when the autosave or the terminal misbehaves")
struct WizardRobustnessTests {
    static let ids: Set<String> = Set((1...18).map { "f\($0)" })

    // MARK: - Reading the autosave

    @Test("No file: nothing to resume")
    func noFile() throws {
        let folder = try TemporaryFolder()
        #expect(AnswerStore(directory: folder.path, digest: "d").load(fieldIDs: Self.ids) == .none)
    }

    @Test("A file cut short is damaged, not an empty start; it is moved to .bak only when asked, bytes intact")
    func truncated() throws {
        let folder = try TemporaryFolder()
        let store = AnswerStore(directory: folder.path, digest: "d")
        let bytes = Data("{\"template\": \"d\", \"answers\": {\"f1\": \"市财".utf8)
        try bytes.write(to: URL(fileURLWithPath: store.path))
        guard case .damaged(.notAnswers(.notJSON)) = store.load(fieldIDs: Self.ids) else {
            Issue.record("a truncated file must be reported as damaged")
            return
        }
        #expect(FileManager.default.contents(atPath: store.path) == bytes)
        let backup = try #require(store.keepDamaged())
        #expect(backup == store.path + ".bak")
        #expect(FileManager.default.contents(atPath: backup) == bytes)
        #expect(store.load(fieldIDs: Self.ids) == .none)
        // A second damaged file never replaces the first backup.
        try Data("[]".utf8).write(to: URL(fileURLWithPath: store.path))
        #expect(store.load(fieldIDs: Self.ids) == .damaged(.notAnswers(.notAnObject)))
        #expect(store.keepDamaged() == store.path + ".2.bak")
        #expect(FileManager.default.contents(atPath: backup) == bytes)
    }

    @Test("A file for another template, or a folder in its place, is damaged too")
    func otherTemplateAndFolder() throws {
        let folder = try TemporaryFolder()
        let store = AnswerStore(directory: folder.path, digest: "d")
        try AnswerStore(directory: folder.path, digest: "other").save(["f1": "x"])
        try FileManager.default.moveItem(atPath: folder.path + "/other.json", toPath: store.path)
        #expect(store.load(fieldIDs: Self.ids) == .damaged(.otherTemplate))
        try FileManager.default.removeItem(atPath: store.path)
        try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: false)
        #expect(store.load(fieldIDs: Self.ids) == .damaged(.notAFile))
    }

    @Test("A pipe, a device or a huge file in the autosave's place is damaged, and never read")
    func pipeDeviceHuge() throws {
        let folder = try TemporaryFolder()
        let store = AnswerStore(directory: folder.path, digest: "d")
        #expect(mkfifo(store.path, 0o600) == 0)
        #expect(store.load(fieldIDs: Self.ids) == .damaged(.notAFile))
        unlink(store.path)
        #expect(symlink("/dev/zero", store.path) == 0)
        #expect(store.load(fieldIDs: Self.ids) == .damaged(.notAFile))
        unlink(store.path)
        #expect(symlink(store.path, store.path) == 0)
        #expect(store.load(fieldIDs: Self.ids) == .damaged(.unreadable(errno: ELOOP)))
        unlink(store.path)
        FileManager.default.createFile(atPath: store.path, contents: Data())
        #expect(truncate(store.path, off_t(AnswerStore.largestFile + 1)) == 0)
        #expect(store.load(fieldIDs: Self.ids) == .damaged(.tooLarge(bytes: AnswerStore.largestFile + 1)))
    }

    @Test("Starting afresh twice in one second keeps both backups")
    func backupsInOneSecond() throws {
        let folder = try TemporaryFolder()
        let store = AnswerStore(directory: folder.path, digest: "d")
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        try store.save(["f1": "first"])
        let first = try #require(store.backUp(now: now))
        try store.save(["f1": "second"])
        let second = try #require(store.backUp(now: now))
        #expect(first != second)
        #expect(try AnswerSet.decode(Data(contentsOf: URL(fileURLWithPath: first))).answers == ["f1": "first"])
        #expect(try AnswerSet.decode(Data(contentsOf: URL(fileURLWithPath: second))).answers == ["f1": "second"])
        #expect(!FileManager.default.fileExists(atPath: store.path))
    }

    @Test("Answers to fields the template no longer has are dropped and named; the rest kept, cleaned")
    func droppedFields() throws {
        let folder = try TemporaryFolder()
        let store = AnswerStore(directory: folder.path, digest: "d")
        try store.save(["f1": "市财\n政局\u{1}", "f2": "12", "org": "旧", "f19": "x", "f20": ""])
        #expect(store.load(fieldIDs: Self.ids) == .answers(["f1": "市财 政局", "f2": "12"], dropped: ["f19", "org"]))
        let copy = try #require(store.copyAside())
        #expect(FileManager.default.contents(atPath: copy) == FileManager.default.contents(atPath: store.path))
        // A second start with nothing typed in between finds the same copy instead of making another.
        #expect(store.copyAside() == copy)
        #expect(!FileManager.default.fileExists(atPath: store.path + ".2.bak"))
    }

    // MARK: - The lock

    @Test("A second lock on the same template is refused and names the holder; freed when the first goes")
    func lock() throws {
        let folder = try TemporaryFolder()
        let store = AnswerStore(directory: folder.path + "/state/tiankong", digest: "d")
        var first: StateLock? = try #require(held(StateLock.acquire(store)))
        guard case .busy(let holder) = StateLock.acquire(store) else {
            Issue.record("the second wizard must be turned away")
            return
        }
        #expect(holder == getpid())
        #expect(first != nil)
        first = nil
        #expect(held(StateLock.acquire(store)) != nil)
    }

    @Test("The holder's id is written over what an earlier holder left, a longer one or another program's text")
    func lockOverEarlierText() throws {
        let folder = try TemporaryFolder()
        let store = AnswerStore(directory: folder.path, digest: "d")
        for earlier in ["2147483647\n", "", "1\n", "not a number at all, and longer than any id\n"] {
            #expect(FileManager.default.createFile(atPath: StateLock.path(for: store), contents: Data(earlier.utf8)))
            let first = try #require(held(StateLock.acquire(store)))
            guard case .busy(let holder) = StateLock.acquire(store) else {
                Issue.record("the second wizard must be turned away")
                return
            }
            #expect(holder == getpid(), "over \(earlier.debugDescription)")
            withExtendedLifetime(first) {}
        }
    }

    @Test("A state folder whose parents are missing is made with them, as mkdir -p does; one that is there is kept")
    func stateFolderWithParents() throws {
        let folder = try TemporaryFolder()
        let store = AnswerStore(directory: folder.path + "/state/deep/tiankong", digest: "d")
        try store.save(["f1": "x"])
        #expect(store.load(fieldIDs: Self.ids) != .none)
        var info = stat()
        #expect(stat(folder.path + "/state/deep", &info) == 0 && info.st_mode & 0o777 == 0o700)
        try store.save(["f1": "y"])
        // A file where a folder above should be: the state folder named, with the error the system gave.
        #expect(FileManager.default.createFile(atPath: folder.path + "/plain", contents: Data()))
        #expect(throws: OutputError.cannotCreate(path: folder.path + "/plain/a/b", errno: ENOTDIR)) {
            try AnswerStore(directory: folder.path + "/plain/a/b", digest: "d").save(["f1": "x"])
        }
    }

    @Test("A state folder that cannot be made: no lock, and the reason to tell the user")
    func lockUnavailable() throws {
        let folder = try TemporaryFolder()
        FileManager.default.createFile(atPath: folder.path + "/file", contents: Data())
        let store = AnswerStore(directory: folder.path + "/file/tiankong", digest: "d")
        guard case .unavailable(let error) = StateLock.acquire(store) else {
            Issue.record("a file in the way of the state folder must make the lock unavailable")
            return
        }
        #expect(error == .cannotCreate(path: folder.path + "/file/tiankong", errno: ENOTDIR))
        #expect(throws: OutputError.self) { try store.save(["f1": "x"]) }
    }

    private func held(_ outcome: StateLock.Outcome) -> StateLock? {
        if case .held(let lock) = outcome { return lock }
        return nil
    }

    // MARK: - The autosave writer

    @Test("Given answers handed over faster than the disk takes them, the newest are on disk once the writer has finished")
    func writerKeepsTheNewest() throws {
        let folder = try TemporaryFolder()
        let store = AnswerStore(directory: folder.path + "/state", digest: "d")
        let writer = AutosaveWriter(store: store)
        for n in 1...200 { writer.submit(["f1": "市财政局\(n)"]) }
        writer.finish()
        guard case .answers(let kept, _) = store.load(fieldIDs: ["f1"]) else { Issue.record("no autosave"); return }
        #expect(kept == ["f1": "市财政局200"])
        #expect(writer.takeFailure() == nil)
    }

    @Test("Given a state folder that cannot be written, the writer's failure is taken once")
    func writerReportsFailureOnce() throws {
        let folder = try TemporaryFolder()
        FileManager.default.createFile(atPath: folder.path + "/file", contents: Data())
        let writer = AutosaveWriter(store: AnswerStore(directory: folder.path + "/file/tiankong", digest: "d"))
        writer.submit(["f1": "x"])
        writer.finish()
        #expect(writer.takeFailure() == .cannotCreate(path: folder.path + "/file/tiankong", errno: ENOTDIR))
        #expect(writer.takeFailure() == nil)
    }

    // MARK: - The session says it once

    @Test("Given a state folder that cannot be written, the first failed autosave is said once, and typing goes on")
    func unwritableSaidOnce() throws {
        let folder = try TemporaryFolder()
        FileManager.default.createFile(atPath: folder.path + "/file", contents: Data())
        let store = AnswerStore(directory: folder.path + "/file/tiankong", digest: "d")
        let terminal = ScriptedTerminal(keys: Array("市财政局").map { .character($0) } + [.enter, .character("1")])
        let session = FullScreenSession(template: try Template.bundled(options: .init(useSchema: false)), language: .chinese,
                                        terminal: terminal, store: store, workingDirectory: folder.path)
        #expect(session.run() == .ok)
        let texts = terminal.frames.map(\.text)
        #expect(!texts[0].contains("无法自动保存答案"))
        // After the first key: the warning under the question, with the reason.
        let warned = try #require(texts.first { $0.contains("无法自动保存答案") })
        let lines = warned.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[18] == " 第 1/18 项  ＿＿党组坚持以习近平…  文字，如单位名称")
        #expect(lines[19] == "> 市")
        let warning = "无法自动保存答案：无法创建 \(folder.path)/file/tiankong：路径中有一段不是文件夹。可以继续填写并保存报告，但退出后这些答案不会保留。"
        #expect(lines[20...22].map { $0.dropFirst() }.joined() == warning)
        #expect(lines[23].hasPrefix(" F1 帮助  回车 下一项"))
        #expect(texts.filter { $0.contains("无法自动保存答案") }.count == 1)
        #expect(texts.contains { $0.contains("第 2/18 项") && $0.contains("> 1") })
        #expect(texts.last!.contains("现在退出吗"))
    }

    @Test("Warnings found at start wait under the resume question, then show once on the field")
    func warningAfterResume() throws {
        let terminal = ScriptedTerminal(keys: [.enter, .character("6")])
        let folder = try TemporaryFolder()
        let store = AnswerStore(directory: folder.path, digest: "d")
        let start = Start(earlierAnswers: ["f1": "市财政局", "f2": "12"], warnings: ["上次的答案里有 1 项不是这份模板的填写项，已略去：org。"])
        let session = FullScreenSession(template: try Template.bundled(options: .init(useSchema: false)), language: .chinese,
                                        terminal: terminal, store: store, start: start, workingDirectory: folder.path)
        #expect(session.run() == .ok)
        #expect(!terminal.frames[0].text.contains("已略去"))
        #expect(terminal.frames[0].text.contains("继续上次的填写？"))
        let withWarning = try #require(terminal.frames.first { $0.text.contains("已略去：org") })
        #expect(withWarning.text.contains("第 3/18 项"))
        #expect(terminal.frames.filter { $0.text.contains("已略去") }.count == 1)
        #expect(store.load(fieldIDs: Self.ids) == .answers(["f1": "市财政局", "f2": "12", "f3": "6"], dropped: []))
    }

    @Test("A terminal that goes away mid-answer (no SIGHUP came) ends the session as SIGHUP would: saved, 129")
    func hangUpSaves() throws {
        let folder = try TemporaryFolder()
        let store = AnswerStore(directory: folder.path, digest: "d")
        let terminal = ScriptedTerminal(keys: Array("市财政局").map { .character($0) } + [.enter, .character("1")],
                                        hangsUp: true)
        let session = FullScreenSession(template: try Template.bundled(options: .init(useSchema: false)), language: .chinese,
                                        terminal: terminal, store: store, workingDirectory: folder.path)
        #expect(session.run() == .signal(SIGHUP))
        #expect(terminal.closed)
        #expect(store.load(fieldIDs: Self.ids) == .answers(["f1": "市财政局", "f2": "1"], dropped: []))
    }

    // MARK: - What a paste may not bring in

    @Test("A paste with tabs, breaks of every kind and control keys: spaces and text only, in order")
    func pasteCleaned() throws {
        var story = try Story()
        story.press(.pasteStart)
        story.type("市财")
        story.press(.tab, .enter, .control("a"), .escape, .backspace)
        story.type("政\u{85}局\u{2028}！\u{7}")
        story.press(.pasteEnd)
        #expect(story.state.answers["f1"] == "市财  政 局 ！")
        #expect(story.state.current == 0)
        #expect(story.row(-3) == "> 市财  政 局 ！")
    }

    @Test("A paste whose end arrives as Escape and characters still ends; the keys after it are keys again")
    func pasteEndInPieces() throws {
        var story = try Story()
        story.press(.pasteStart)
        story.type("市财")
        story.press(.enter)
        story.type("政局")
        story.press(.escape)
        story.type("[201~")
        #expect(story.state.answers["f1"] == "市财 政局")
        story.type("X")
        #expect(story.state.answers["f1"] == "市财 政局X")
        story.press(.control("w"))
        #expect(story.state.answers["f1"] == "市财 ")
    }

    @Test("An Escape in a paste that does not end it keeps the characters after it; a second start keeps what came")
    func pasteEscapeNotAnEnd() throws {
        var story = try Story()
        story.press(.pasteStart)
        story.type("a")
        story.press(.escape)
        story.type("[20x")
        story.press(.pasteStart)
        story.type("b")
        story.press(.pasteEnd)
        #expect(story.state.answers["f1"] == "a[20xb")
    }

    @Test("Ctrl-C reaches the wizard inside a paste that never ends, with what was pasted kept")
    func interruptInPaste() throws {
        var story = try Story()
        story.press(.pasteStart)
        story.type("市财政局")
        story.press(.control("c"))
        #expect(story.state.answers["f1"] == "市财政局")
        #expect(story.state.dialog == .confirmQuit)
    }

    // MARK: - Any size, any screen

    @Test("Every screen at hostile sizes: a frame of exactly that size, the cursor inside it, no crash")
    func hostileSizes() throws {
        let sizes = [(1, 1), (2, 1), (1, 2), (10, 3), (59, 15), (60, 15), (59, 16), (60, 16), (61, 17), (200, 3), (3, 200), (300, 100)]
        let long = String(repeating: "无法自动保存答案：文件系统是只读的。", count: 12)
        var stories: [Story] = []
        var editing = try Story()
        editing.type(String(repeating: "党建工作ABC，", count: 400))
        editing.state.notice = Notice(kind: .warning, text: long)
        stories.append(editing)
        stories.append(try Story(earlier: ["f1": "市财政局", "f2": "12"]))
        for keys in [[Key.control("g")], [.function(1)], [.control("s")], [.control("c")]] {
            var story = try Story()
            story.answer("市财政局")
            story.press(keys[0])
            stories.append(story)
        }
        var review = try Story()
        for _ in 0..<18 { review.press(.enter) }
        review.press(.enter)
        stories.append(review)
        for var story in stories {
            for (columns, rows) in sizes {
                story.resize(columns, rows)
                let frame = story.frame
                #expect(frame.size == Size(columns: columns, rows: rows))
                if let cursor = frame.cursor {
                    #expect(cursor.row >= 0 && cursor.row < rows && cursor.column >= 0 && cursor.column < columns)
                }
            }
        }
    }

    @Test("The fixes taken for the template's words are autosaved with the answers; one whose words are not there is left out")
    func correctionsAutosaved() throws {
        let folder = try TemporaryFolder()
        let template = try Template(bytes: Array("工作总结\n今年以来,XXX党组学习X次。\n".utf8), source: "t.txt")
        let store = AnswerStore(directory: folder.path, digest: template.digest)
        let comma = try #require(template.text.firstIndex(of: UInt8(ascii: ",")))
        var corrections = TemplateCorrections()
        corrections.add(TemplateCorrections.Edit(range: comma..<(comma + 1), replacement: Array("，".utf8)))
        try store.save(["f1": "市财政局"], corrections: corrections, templateText: template.text)
        #expect(store.load(fieldIDs: Set(template.fields.map(\.id))) == .answers(["f1": "市财政局"], dropped: []))
        #expect(store.corrections(for: template) == corrections)
        let fixedByHand = try Template(bytes: Array("工作总结\n今年以来，XXX党组学习X次。\n".utf8), source: "t.txt")
        #expect(store.corrections(for: fixedByHand).isEmpty)
    }
}

/// A terminal that plays keys one at a time, keeps every frame drawn, and when the keys run out
/// quits (Ctrl-C, Y), or hangs up as a closed terminal does.
final class ScriptedTerminal: Terminal {
    private var keys: [Key]
    private let hangsUp: Bool
    private(set) var frames: [Frame] = []
    private(set) var closed = false
    let size: Size

    init(keys: [Key], size: Size = Size(columns: 80, rows: 24), hangsUp: Bool = false) {
        self.keys = hangsUp ? keys : keys + [.control("c"), .character("y")]
        self.hangsUp = hangsUp
        self.size = size
    }

    func nextEvent(timeoutMilliseconds: Int32) -> TerminalEvent? {
        // Like a person, one key per frame: the session draws whenever no key is waiting.
        if timeoutMilliseconds == 0 { return nil }
        if keys.isEmpty { return hangsUp ? .hangUp : nil }
        return .key(keys.removeFirst())
    }

    func draw(_ frame: Frame) { frames.append(frame) }
    func suspend() {}
    func close() { closed = true }

}
