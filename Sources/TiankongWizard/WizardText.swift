import TiankongEngine

/// The wizard's own words: screen titles, prompts, key help. The engine's `Messages` has the rest.
public struct WizardText: Sendable {
    public let language: Language

    public init(language: Language) { self.language = language }

    private func t(_ chinese: String, _ english: String) -> String { language.pick(chinese, english) }

    // MARK: - Bars and panels
    public var appName: String { t("填空", "tiankong") }
    public func progress(_ done: Int, _ total: Int) -> String { t("已填 \(done)/\(total)", "\(done)/\(total) done") }
    public func question(_ number: Int, _ total: Int) -> String { t("第 \(number)/\(total) 项", "Field \(number)/\(total)") }
    public var fieldsTitle: String { t("填写项", "Fields") }
    public var statusEmpty: String { t("未填", "empty") }
    public var statusAnswered: String { t("已填", "done") }
    public var statusInvalid: String { t("有误", "error") }
    public var statusWarning: String { t("提醒", "check") }
    public var statusEditing: String { t("在填", "here") }
    public var statusByDefault: String { t("默认", "kept") }
    public var statusSkipped: String { t("选填", "skip") }
    public var statusRuleBroken: String { t("不符", "rule") }

    // MARK: - The question
    /// What a field expects, in a few words. A text field with a hint of its own is just "文字":
    /// the engine's general example ("如单位名称") would contradict the hint ("如“河南”").
    public func expectation(for field: Field, _ messages: Messages) -> String {
        if field.kind == .text, let hint = field.hint, !hint.isEmpty { return t("文字", "text") }
        return messages.expectation(for: field)
    }
    /// Enter on an empty field that needs an answer.
    public func notAnswered(_ field: Field, _ messages: Messages) -> String {
        let expected = expectation(for: field, messages)
        return t("还没有填写；应填：\(expected)", "Nothing written yet; expected \(expected)")
    }

    /// A field the review finds without an answer.
    public func missingAnswer(_ field: Field, _ messages: Messages) -> String {
        let expected = expectation(for: field, messages)
        return t("没有答案；应填：\(expected)", "No answer; expected \(expected)")
    }

    /// The dimmed line under an empty field: what Enter takes.
    public func offer(_ offer: Offer) -> String {
        switch offer.source {
        case .earlier(let field):
            return t("与第 \(field) 项相同？回车采用“\(offer.text)”，或直接输入新的",
                     "Same as field \(field)? Enter takes “\(offer.text)”, or type a new one")
        case .original:
            return t("回车保留模板原文“\(offer.text)”，或直接输入新的", "Enter keeps the template’s “\(offer.text)”, or type a new one")
        case .schemaDefault:
            return t("回车采用默认的“\(offer.text)”，或直接输入新的", "Enter takes the default “\(offer.text)”, or type a new one")
        }
    }
    public var acceptWarning: String { t("按 Ctrl-R 采用建议；再按回车保留原样", "Ctrl-R takes the suggestion; Enter again keeps it as it is") }
    public var skipHint: String { t("（Ctrl-G 可先去填别的项）", " (Ctrl-G goes to another field first)") }
    public var keptInvalid: String { t("（已保留，稍后再改）", "(kept; fix it later)") }

    // MARK: - Key help, one line: (key, what it does), the most needed first
    public var editingKeys: [(String, String)] {
        [("F1", t("帮助", "help")), (t("回车", "Enter"), t("下一项", "next")), ("Shift-Tab", t("上一项", "back")),
         ("Ctrl-G", t("跳转", "jump")), ("Ctrl-S", t("保存", "save")), ("Ctrl-C", t("退出", "quit"))]
    }
    public var listKeys: [(String, String)] {
        [("↑↓", t("选择", "choose")), (t("回车", "Enter"), t("跳到该项", "go there")), ("Esc", t("返回", "back"))]
    }
    public var reviewKeys: [(String, String)] {
        [("Ctrl-S", t("保存", "save")), ("↑↓", t("选择", "choose")), (t("回车", "Enter"), t("去改", "fix it")),
         ("PgUp/PgDn", t("翻页", "scroll")), ("Esc", t("返回填写", "back")), ("Ctrl-C", t("退出", "quit")), ("F1", t("帮助", "help"))]
    }
    public var helpKeys: [(String, String)] { [(t("任意键", "Any key"), t("返回", "back"))] }
    public var promptKeys: [(String, String)] { [(t("回车", "Enter"), t("确定", "OK")), ("Esc", t("取消", "cancel"))] }
    public var confirmKeys: [(String, String)] { [("Y", t("是", "yes")), ("N", t("否", "no"))] }

    // MARK: - Review and save
    public var reviewTitle: String { t("检查并保存", "Review and save") }
    public var reviewAllGood: String { t("全部填好了。按 Ctrl-S 保存。", "Every field is answered. Ctrl-S saves.") }
    public func reviewProblems(_ count: Int) -> String { t("还有 \(count) 处需要看一下（回车去改）：", "\(count) to look at (Enter goes there):") }
    /// Fields left empty whose default is used, as "label“value”".
    public func reviewDefaultsKept(_ fields: [String]) -> String {
        t("没有填的项保留模板原文：" + fields.joined(separator: "、"), "Not answered, kept as the template has them: " + fields.joined(separator: ", "))
    }
    public var reviewReport: String { t("报告全文", "The report") }
    public func saveHint(_ name: String) -> String {
        name.lowercased().hasSuffix(".docx")
            ? t("按 Ctrl-S 保存为 \(name)（同时存一份 .txt）", "Ctrl-S saves it as \(name) (and a .txt beside it)")
            : t("按 Ctrl-S 保存为 \(name)", "Ctrl-S saves it as \(name)")
    }
    public var saveAs: String { t("保存为：", "Save as: ") }
    /// Asks before replacing files, named as typed ("报告.docx 和 .txt" when both are there).
    public func overwrite(_ names: [String]) -> String {
        var shown = names
        if names.count == 2, names[0].lowercased().hasSuffix(".docx"), names[1].lowercased().hasSuffix(".txt"),
           names[0].dropLast(5) == names[1].dropLast(4) {
            shown = [names[0], ".txt"]
        }
        let list = shown.joined(separator: t(" 和 ", " and "))
        return names.count > 1 ? t("\(list) 已存在。覆盖它们吗？", "\(list) exist. Overwrite them?")
                               : t("\(list) 已存在。覆盖它吗？", "\(list) exists. Overwrite it?")
    }
    /// Asks before saving a report that is not complete: blanks left, refused answers, broken rules.
    public func blanksLeft(_ count: Int, rules: Int = 0) -> String {
        if rules == 0 {
            return t("还有 \(count) 项没有填好，这些空会原样留在报告里。仍要保存吗？",
                     "\(count) fields are not answered; their blanks stay as they are. Save anyway?")
        }
        if rules == count {
            return t("有 \(count) 条检查没有通过（见检查页）。仍要保存吗？", "\(count) checks do not hold (see the review). Save anyway?")
        }
        return t("还有 \(count - rules) 项没有填好、\(rules) 条检查没有通过，没填好的空会原样留下。仍要保存吗？",
                 "\(count - rules) fields are not answered and \(rules) checks do not hold; the blanks stay. Save anyway?")
    }
    /// The files written, one full path a line.
    public func saved(_ paths: [String]) -> String {
        let label = t("已保存：", "Saved: ")
        let indent = String(repeating: " ", count: DisplayWidth.of(label))
        return paths.enumerated().map { ($0 == 0 ? label : indent) + $1 }.joined(separator: "\n")
    }
    public func saveFailed(_ reason: String) -> String { t("没有保存：\(reason)", "Not saved: \(reason)") }
    public var emptyFileName: String { t("请填写文件名", "Type a file name") }

    // MARK: - Leaving, resuming, too small
    public var quitQuestion: String { t("答案已自动保存，下次可以继续。现在退出吗？", "Your answers are saved; you can go on next time. Quit now?") }
    public var resumeTitle: String { t("继续上次的填写？", "Go on where you left off?") }
    public func resumeDetail(_ count: Int) -> String {
        t("上次填了 \(count) 项。回车或 Y 继续；N 重新开始（旧答案会备份）。",
          "You answered \(count) fields last time. Enter or Y goes on; N starts afresh (the old answers are kept as a backup).")
    }
    public var tooSmall: String { t("请放大终端窗口", "Please enlarge the terminal window") }
    public func tooSmallDetail(_ size: Size) -> String {
        t("至少 60×16，现在 \(size.columns)×\(size.rows)", "At least 60×16; now \(size.columns)×\(size.rows)")
    }

    // MARK: - The autosave and the lock
    /// The autosave cannot be written (the state folder read-only, the disk full): said once.
    public func autosaveFailed(_ reason: String) -> String {
        t("无法自动保存答案：\(reason)。可以继续填写并保存报告，但退出后这些答案不会保留。",
          "Cannot autosave the answers: \(reason). You can go on and save the report, but the answers will not be kept after you quit.")
    }
    /// Another wizard holds the template's lock: this one does not start.
    public func lockedOut(_ holder: Int32?) -> String {
        let who = holder.map { t("（进程 \($0)）", " (process \($0))") } ?? ""
        return t("另一个填空\(who)正在填写这份模板。为免两边的答案互相覆盖，这里不再打开；请先退出那一个。",
                 "Another tiankong\(who) is filling in this template. So that neither overwrites the other’s answers, this one does not start; quit the other one first.")
    }
    /// Why the autosave found at start cannot be used.
    public func autosaveDamage(_ damage: AutosaveDamage, path: String, _ messages: Messages) -> String {
        switch damage {
        case .unreadable(let code):
            return t("上次自动保存的答案 \(path) 无法读取：\(messages.reason(code))", "The answers saved last time, \(path), cannot be read: \(messages.reason(code))")
        case .notAnswers(let error):
            return t("上次自动保存的答案已损坏（可能只写了一半）。", "The answers saved last time are damaged (perhaps cut short). ") + messages.text(for: error, path: path)
        case .notAFile:
            return t("上次自动保存的答案 \(path) 不是普通文件（是文件夹、管道或设备）", "The answers saved last time, \(path), are not a plain file (a folder, a pipe or a device)")
        case .tooLarge(let bytes):
            return t("上次自动保存的答案 \(path) 有 \(bytes) 字节，大得不像答案", "The answers saved last time, \(path), are \(bytes) bytes: far too large to be answers")
        case .otherTemplate:
            return t("上次自动保存的答案 \(path) 属于另一份模板", "The answers saved last time, \(path), belong to another template")
        }
    }
    public var damagedQuestion: String {
        t("重新开始吗？这个文件会改名为 .bak 保留在原处，不会删除。[y/N] ",
          "Start afresh? The file will be kept beside it as .bak, never deleted. [y/N] ")
    }
    public func damagedKept(_ backup: String) -> String { t("已保留为 \(backup)；从头开始。", "Kept as \(backup); starting afresh.") }
    public func damagedNotStarted(_ path: String) -> String {
        t("没有开始；文件原样留在 \(path)。", "Not started; the file is left as it is at \(path).")
    }
    public func damagedNotMoved(_ path: String, _ reason: String) -> String {
        t("无法把 \(path) 改名保留：\(reason)；为免覆盖它，没有开始。", "Cannot keep \(path) aside: \(reason); not started, so as not to write over it.")
    }
    /// Answers in the autosave to fields this template does not have (its schema changed).
    public func autosaveDropped(_ ids: [String], backup: String?) -> String {
        let list = ids.joined(separator: t("、", ", "))
        let kept = backup.map { t("；原文件备份在 \($0)", "; the file as it was is kept at \($0)") } ?? ""
        return t("上次的答案里有 \(ids.count) 项不是这份模板的填写项，已略去：\(list)\(kept)。",
                 "\(ids.count) of the answers saved last time are for fields this template does not have, and are left out: \(list)\(kept).")
    }

    // MARK: - Help
    public var helpTitle: String { t("帮助", "Help") }
    public var helpLines: [(String, String)] {
        [
            ("回车 / Tab / ↓", t("检查答案，进入下一项（有错时留在本项并说明原因）", "check the answer and go on (on an error, stay and say why)")),
            ("Shift-Tab / ↑", t("回到上一项，不检查", "go back, without checking")),
            ("Ctrl-G / F2", t("列出所有填写项，跳到任意一项", "list every field and jump to one")),
            ("← → Home End", t("在答案里移动", "move in the answer")),
            ("Backspace / Delete", t("删除一个字", "delete one character")),
            ("Ctrl-U / Ctrl-K", t("删除光标前 / 后的全部文字", "delete everything before / after the cursor")),
            ("Ctrl-W", t("删除光标前的一个词", "delete the word before the cursor")),
            ("→（行尾）", t("采用灰色显示的前一次答案", "take the dimmed earlier answer")),
            ("Ctrl-R / Ctrl-T", t("采用提醒里建议的答案；检查页上改正选中的一处 / 全部",
                                  "take the answer a warning suggests; on the review, fix the one selected / all")),
            ("Ctrl-S", t("保存报告（任何时候都可以）", "save the report (at any time)")),
            ("Ctrl-Z", t("暂停，回到命令行；fg 回来", "suspend to the shell; fg comes back")),
            ("Ctrl-C", t("退出（答案随时自动保存，下次可继续）", "quit (answers are saved as you go; next time you can go on)")),
            ("F1 / ?", t("本帮助", "this help")),
        ]
    }

    // MARK: - Plain mode
    public func plainIntro(_ title: String, _ count: Int) -> String {
        t("《\(title)》共 \(count) 项。每项输入答案后回车；空行采用列出的默认答案，没有默认就跳过该项。",
          "“\(title)”: \(count) fields. Type each answer and press Enter; an empty line takes the answer offered, or else skips the field.")
    }
    public var plainResume: String { t("继续上次的填写？[Y/n] ", "Go on where you left off? [Y/n] ") }
    public func plainAsk(_ number: Int, _ total: Int, _ label: String, _ expectation: String) -> String {
        t("[\(number)/\(total)] \(label)（\(expectation)）", "[\(number)/\(total)] \(label) (\(expectation))")
    }
    public func plainContext(_ sentence: String) -> String { t("  原文：\(sentence)", "  Text: \(sentence)") }
    public func plainCurrent(_ answer: String) -> String { t("  回车保留：\(answer)", "  Enter keeps: \(answer)") }
    public func plainHint(_ hint: String) -> String { t("  说明：\(hint)", "  Hint: \(hint)") }
    public func plainOffer(_ offer: Offer) -> String {
        switch offer.source {
        case .original: return t("  回车保留原文：\(offer.text)", "  Enter keeps the template’s: \(offer.text)")
        case .earlier(let field): return t("  与第 \(field) 项相同？回车采用：\(offer.text)", "  Same as field \(field)? Enter takes: \(offer.text)")
        case .schemaDefault: return t("  回车采用：\(offer.text)", "  Enter takes: \(offer.text)")
        }
    }
    public var plainProblemsTitle: String { t("还需要看一下：", "Still to look at:") }
    public func plainProblem(_ label: String, _ text: String) -> String { "  \(label)：\(text)" }
    public var plainSkipped: String { t("  （跳过）", "  (skipped)") }
    public var plainAnswerPrompt: String { "> " }
    public func plainSaveAs(_ name: String) -> String { t("保存为 [\(name)]：", "Save as [\(name)]: ") }
    public func plainOverwrite(_ paths: [String]) -> String {
        let list = paths.joined(separator: t(" 和 ", " and "))
        return t("\(list) 已存在。覆盖？[y/N] ", "\(list) \(paths.count > 1 ? "exist" : "exists"). Overwrite? [y/N] ")
    }
    public func plainBlanksLeft(_ count: Int, rules: Int) -> String {
        rules == 0 ? t("还有 \(count) 项没有填好，这些空会原样保留。仍要保存？[y/N] ", "\(count) fields are not answered; their blanks stay. Save anyway? [y/N] ")
                   : t("还有 \(count) 处问题（其中 \(rules) 条检查没有通过）。仍要保存？[y/N] ", "\(count) problems (\(rules) checks do not hold). Save anyway? [y/N] ")
    }
    public var plainNotSaved: String { t("没有保存报告；答案已保存，下次可以继续。", "The report was not saved; your answers are kept for next time.") }
    public var plainYesOrNo: String { t("  请回答 y（是）或 n（否）。", "  Please answer y (yes) or n (no).") }
    public var earlierAnswersSetAside: String {
        t("上次的答案已另存备份，这次从头填写；要接着上次填，加 --resume。",
          "The answers from last time are kept as a backup and this session starts afresh; add --resume to go on from them.")
    }
    public var plainEndOfInput: String { t("输入结束；答案已保存，下次可以继续。", "End of input; your answers are kept for next time.") }
    public func warningPrefix(_ text: String) -> String { t("  提醒：\(text)", "  Note: \(text)") }
    public func errorPrefix(_ text: String) -> String { t("  错误：\(text)", "  Error: \(text)") }
}
