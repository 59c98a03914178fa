#if canImport(Glibc)
import Glibc
#endif

/// Every message the engine shows a user, in Chinese or English, built in this one place.
public struct Messages: Sendable {
    public let language: Language

    public init(language: Language = .fromEnvironment()) {
        self.language = language
    }

    private func t(_ chinese: String, _ english: String) -> String { language.pick(chinese, english) }

    // MARK: - What a field expects

    /// What the field asks for, in a few words: "次数，填整数", "月份 1–12".
    public func expectation(for field: Field) -> String {
        switch field.kind {
        case .text:
            if !field.choices.isEmpty {
                return t("从中选一：\(field.choices.joined(separator: "、"))", "one of: \(field.choices.joined(separator: ", "))")
            }
            switch (field.minimumLength, field.maximumLength) {
            case let (lo?, hi?): return t("文字，\(lo)–\(hi) 个字", "text, \(lo)–\(hi) characters")
            case let (nil, hi?): return t("文字，最多 \(hi) 个字", "text, at most \(hi) characters")
            case let (lo?, nil): return t("文字，至少 \(lo) 个字", "text, at least \(lo) characters")
            case (nil, nil): return t("文字，如单位名称", "text, such as a name")
            }
        case .integer:
            let unit = field.unit ?? ""
            let what: String
            switch unit {
            case "次", "人次", "余次": what = t("次数", "a count of times")
            case "名", "人", "余人", "余名": what = t("人数", "a number of people")
            case "": what = t("数量", "a number")
            default: what = t("数量（\(unit)）", "a number (\(unit))")
            }
            if field.minimum == 1 { return t("\(what)，填正整数", "\(what), a whole number from 1") }
            return t("\(what)，填整数", "\(what), a whole number")
        case .decimal:
            let unit = field.unit.map { t("（\($0)）", " (\($0))") } ?? ""
            return t("数值\(unit)，可带小数", "a number\(unit), decimals allowed")
        case .percent: return t("百分比，填数字，如 85 或 92.5", "a percentage, such as 85 or 92.5")
        case .year: return t("年份，四位数字，如 2021", "a year, four digits, such as 2021")
        case .month: return t("月份 1–12", "a month, 1–12")
        case .day: return t("日 1–31", "a day of the month, 1–31")
        case .quarter: return t("季度 1–4", "a quarter, 1–4")
        }
    }

    // MARK: - Validation

    public func text(for failure: ValidationFailure, field: Field) -> String {
        let expected = expectation(for: field)
        switch failure {
        case .empty: return t("还没有填写；应填：\(expected)", "Nothing written yet; expected \(expected)")
        case .multipleLines: return t("只能填一行文字", "The answer must be a single line")
        case .controlCharacter: return t("含有控制字符，请删去", "The answer contains a control character; remove it")
        case .containsBlankMarker(let marker):
            return t("答案里还有“\(marker)”，会被当成未填的空", "The answer still contains “\(marker)”, which reads as an unfilled blank")
        case .notANumber: return t("不是数字；应填：\(expected)，如 12 或 十二", "Not a number; expected \(expected), such as 12")
        case .negative: return t("不能是负数；应填：\(expected)", "Cannot be negative; expected \(expected)")
        case .notWhole: return t("应为整数，不能带小数或分数", "Must be a whole number, without a fraction")
        case .belowMinimum(let lo): return t("不能小于 \(lo)", "Must be at least \(lo)")
        case .aboveMaximum(let hi): return t("不能大于 \(hi)", "Must be at most \(hi)")
        case .outOfRange(let range):
            switch field.kind {
            case .month: return t("月份应在 1–12 之间", "A month is between 1 and 12")
            case .day: return t("日应在 1–31 之间", "A day is between 1 and 31")
            case .quarter: return t("季度应在 1–4 之间", "A quarter is between 1 and 4")
            default: return t("应在 \(range.lowerBound)–\(range.upperBound) 之间", "Must be between \(range.lowerBound) and \(range.upperBound)")
            }
        case .notAYear: return t("年份应为 1949–2100 之间的四位数字，如 2021", "A year is four digits between 1949 and 2100, such as 2021")
        case .notAChoice(let choices):
            return t("只能填以下之一：\(choices.joined(separator: "、"))", "Must be one of: \(choices.joined(separator: ", "))")
        case .wrongLength(let lo, let hi):
            switch (lo, hi) {
            case let (lo?, hi?): return t("应为 \(lo)–\(hi) 个字", "Must be \(lo) to \(hi) characters long")
            case let (nil, hi?): return t("不能超过 \(hi) 个字", "Must be at most \(hi) characters long")
            case let (lo?, nil): return t("至少要 \(lo) 个字", "Must be at least \(lo) characters long")
            case (nil, nil): return ""
            }
        case .noSuchDate(let year, let month, let day):
            let y = year.map { "\($0)年" } ?? ""
            let yEnglish = year.map { " \($0)" } ?? ""
            return t("没有\(y)\(month)月\(day)日这一天", "There is no day \(day) in month \(month)\(yEnglish)")
        }
    }

    public func text(for warning: ValidationWarning) -> String {
        switch warning {
        case .repeatsFollowingText(let repeated, let suggestion):
            return t("空后面已有“\(repeated)”，会印成“\(repeated)\(repeated)”；建议填“\(suggestion)”",
                     "“\(repeated)” already follows the blank and would print twice; suggest “\(suggestion)”")
        case .repeatsPrecedingText(let repeated, let suggestion):
            return t("空前面已有“\(repeated)”，会印成“\(repeated)\(repeated)”；建议填“\(suggestion)”",
                     "“\(repeated)” already precedes the blank and would print twice; suggest “\(suggestion)”")
        case .percentAbove100(let value):
            return t("\(value)% 超过 100%，请确认", "\(value)% is above 100%; please check")
        case .invisibleCharactersRemoved(let count):
            return t("答案里有 \(count) 个看不见的字符（零宽空格、方向符号等，常随网页或聊天记录复制进来），已经去掉",
                     "Removed \(count) invisible characters from the answer (zero-width spaces, direction marks: they come along when copying from web pages or chats)")
        }
    }

    public func text(for problem: AnswerReview.Problem, field: Field?) -> String {
        switch problem {
        case .invalid(let failure):
            return field.map { text(for: failure, field: $0) } ?? ""
        case .missing:
            return field.map { t("没有答案；应填：\(expectation(for: $0))", "No answer; expected \(expectation(for: $0))") } ?? ""
        case .unknownField:
            return t("模板里没有这个字段", "The template has no such field")
        case .ruleBroken(let message):
            return message
        }
    }

    // MARK: - Files

    public func text(for error: TemplateError) -> String {
        switch error {
        case .notFound(let path): return t("找不到模板文件：\(path)", "Template not found: \(path)")
        case .unreadable(let path, let code): return t("无法读取模板 \(path)：\(reason(code))", "Cannot read the template \(path): \(reason(code))")
        case .isDirectory(let path): return t("\(path) 是一个文件夹，请给出模板文件", "\(path) is a folder; give a template file")
        case .notRegularFile(let path): return t("\(path) 不是普通文件（设备、管道或套接字），请给出模板文件", "\(path) is not a regular file (a device, pipe or socket); give a template file")
        case .tooLarge(let path, let bytes, let limit):
            return t("模板 \(path) 太大（\(bytes / 1_048_576) MB），上限 \(limit / 1_048_576) MB", "The template \(path) is too large (\(bytes / 1_048_576) MB); the limit is \(limit / 1_048_576) MB")
        case .empty(let path): return t("模板 \(path) 是空的", "The template \(path) is empty")
        case .binary(let path, let offset):
            return t("\(path) 不是文本文件（第 \(offset) 字节处有 NUL 字节）；Word 文档请另存为 .docx 或 .txt", "\(path) is not a text file (a NUL byte at byte \(offset)); save a Word document as .docx or .txt")
        case .utf16WithoutBOM(let path):
            return t("\(path) 像是没有字节顺序标记（BOM）的 UTF-16 文本；请另存为 UTF-8", "\(path) looks like UTF-16 without a byte-order mark; save it as UTF-8")
        case .undecodable(let path, let offset):
            return t("\(path) 的编码无法识别（既不是 UTF-8 也不是 GB18030），第 \(offset) 字节处出错", "Cannot decode \(path) as UTF-8 or GB18030: bad byte at offset \(offset)")
        case .noBlanks(let path):
            return t("模板 \(path) 里没有找到要填的空（如 XXX、X次、××）", "No blanks to fill (such as XXX, X次, ××) were found in \(path)")
        case .schema(let error):
            return text(for: error)
        }
    }

    /// Why a file other than the template (an answers file) cannot be read, without naming it a template.
    public func readProblem(_ error: TemplateError) -> String {
        switch error {
        case .notFound: return t("文件不存在", "no such file")
        case .unreadable(_, let code): return reason(code)
        case .isDirectory: return t("这是一个文件夹", "it is a folder")
        case .notRegularFile: return t("不是普通文件（设备、管道或套接字）", "not a regular file (a device, pipe or socket)")
        case .tooLarge(_, let bytes, let limit):
            return t("太大（\(bytes / 1_048_576) MB），上限 \(limit / 1_048_576) MB", "too large (\(bytes / 1_048_576) MB); the limit is \(limit / 1_048_576) MB")
        default: return text(for: error)
        }
    }

    /// "模板说明 a.tiankong.yaml 第 12 行：…"
    public func text(for error: SchemaError) -> String {
        let place = error.line.map { t("\(error.path) 第 \($0) 行", "\(error.path), line \($0)") } ?? error.path
        let what: String
        switch error.problem {
        case .badYAML(let problem): what = text(for: problem)
        case .unreadable(let detail): what = t("无法读取：\(detail)", "cannot be read: \(detail)")
        case .notAMapping(let name): what = t("\(name) 应是“键: 值”形式的映射", "\(name) must be a mapping of keys to values")
        case .notAList(let name): what = t("\(name) 应是列表（每项以“- ”开头）", "\(name) must be a list (items starting with \"- \")")
        case .notText(let key): what = t("\(key) 的值应是文字", "the value of \(key) must be text")
        case .notANumber(let key): what = t("\(key) 的值应是整数", "the value of \(key) must be a whole number")
        case .unknownKey(let key): what = t("不认识的键“\(key)”", "unknown key “\(key)”")
        case .unknownKind(let kind):
            what = t("不认识的类型“\(kind)”；可用：\(Kind.allCases.map(\.rawValue).joined(separator: "、"))",
                     "unknown kind “\(kind)”; use one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        case .missingID: what = t("字段缺少 id", "a field has no id")
        case .badID(let id): what = t("id“\(id)”只能含字母、数字、_ 和 -", "the id “\(id)” may hold only letters, digits, _ and -")
        case .duplicateID(let id, let first): what = t("id“\(id)”重复（第 \(first) 行已用过）", "the id “\(id)” is used twice (first on line \(first))")
        case .minimumAboveMaximum(let lo, let hi): what = t("min（\(lo)）大于 max（\(hi)）", "min (\(lo)) is greater than max (\(hi))")
        case .minimumLengthAboveMaximum(let lo, let hi):
            what = t("min_length（\(lo)）大于 max_length（\(hi)）", "min_length (\(lo)) is greater than max_length (\(hi))")
        case .noChoices: what = t("choices 至少要列出一项", "choices must list at least one answer")
        case .defaultNotAChoice(let answer):
            what = t("default“\(answer)”不在 choices 里", "the default “\(answer)” is not one of the choices")
        case .onlyForText(let id, let kind):
            what = t("choices、min_length 和 max_length 只用于文字字段（kind: text），字段 \(id) 是 \(kind.rawValue)",
                     "choices, min_length and max_length are for text fields (kind: text) only; the field \(id) is \(kind.rawValue)")
        case .fillsNothing(let id): what = t("字段 \(id) 既没有 blanks 也没有 replace，不填任何空", "the field \(id) has neither blanks nor replace, so it fills nothing")
        case .replaceAndBlanks(let id): what = t("字段 \(id) 不能同时有 blanks 和 replace", "the field \(id) cannot have both blanks and replace")
        case .noSuchBlank(let index): what = t("模板里没有第 \(index) 个空", "the template has no blank \(index)")
        case .contextMatchesNothing(let context): what = t("模板里找不到“\(context)”", "“\(context)” is not in the template")
        case .contextWithoutBlank(let context): what = t("“\(context)”里没有空（XXX）", "“\(context)” holds no blank (XXX)")
        case .textNotFound(let text): what = t("模板里找不到要替换的“\(text)”", "the text to replace, “\(text)”, is not in the template")
        case .blankClaimedTwice(let blank, let first, let second):
            what = t("第 \(blank) 个空同时属于字段 \(first) 和 \(second)", "blank \(blank) is claimed by both \(first) and \(second)")
        case .badRule(let check): what = t("规则“\(check)”应写成“字段 <= 字段”的形式", "the rule “\(check)” must read like “field <= field”")
        case .ruleUnknownField(let id): what = t("规则里的字段 \(id) 不存在", "the rule names a field that does not exist: \(id)")
        case .ruleNotNumeric(let id): what = t("规则只能比较数字字段，\(id) 不是", "rules compare numeric fields only; \(id) is not one")
        }
        return t("模板说明 \(place)：\(what)", "Schema \(place): \(what)")
    }

    /// "U+0085".
    private static func codePoint(_ code: UInt32) -> String {
        let hex = String(code, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// What is wrong with a schema file's YAML, the line given by the caller.
    public func text(for problem: YAMLProblem) -> String {
        switch problem {
        case .invalidUTF8: return t("不是 UTF-8 编码的文字，请另存为 UTF-8", "not UTF-8 text; save it as UTF-8")
        case .tooDeep: return t("列表和映射嵌套得太深", "lists and mappings nested too deeply")
        case .byteOrderMarkInside:
            return t("文中有一个看不见的字节顺序标记（U+FEFF），多半是复制粘贴带进来的；请删去",
                     "holds an invisible byte-order mark (U+FEFF) inside the text, most likely copied in; remove it")
        case .unusualLineBreak(let code):
            let name = Self.codePoint(code)
            return t("有一个特殊的换行符 \(name)，各种 YAML 读取程序对它理解不一；请换成普通换行",
                     "holds the unusual line break \(name), which YAML readers disagree on; use an ordinary line break")
        case .tabIndentation: return t("用了制表符（Tab）缩进；YAML 只能用空格缩进", "a tab is used for indentation; YAML indents with spaces only")
        case .anchor: return t("不支持锚点（&）", "anchors (&) are not supported")
        case .alias: return t("不支持别名（*）", "aliases (*) are not supported")
        case .tag: return t("不支持标签（!）", "tags (!) are not supported")
        case .directive: return t("不支持指令（%）", "directives (%) are not supported")
        case .secondDocument: return t("只能有一个文档，这里又开始了一个（---）", "only one document is allowed, and another one starts here")
        case .complexKey: return t("键只能是一行文字（不支持 ? 和列表、映射作键）", "a key must be text on one line (no ?, lists or mappings as keys)")
        case .duplicateKey(let key, let first):
            return t("键“\(key)”重复（第 \(first) 行已有）", "the key “\(key)” appears twice (first on line \(first))")
        case .badIndentation: return t("缩进不对，与上下行对不齐", "the indentation does not fit the lines around it")
        case .missingColon: return t("应是“键: 值”，缺少冒号后的空格或冒号", "expected “key: value”; the colon (and the space after it) is missing")
        case .unterminatedQuote(let opened): return t("第 \(opened) 行开始的引号没有结束", "the quote opened on line \(opened) is never closed")
        case .unterminatedFlow(let opened):
            return t("第 \(opened) 行开始的 [ 或 { 没有结束", "the [ or { opened on line \(opened) is never closed")
        case .badEscape(let escape): return t("无效的转义“\(escape)”", "invalid escape “\(escape)”")
        case .controlCharacter(let code):
            return t("有一个控制字符 \(Self.codePoint(code))，YAML 里不能有；请删去", "holds the control character \(Self.codePoint(code)), which YAML does not allow; remove it")
        case .syntax(let problem): return t("不是有效的 YAML（\(problem)）", "not valid YAML (\(problem))")
        case .unexpected(let character): return t("这里不应出现“\(character)”", "“\(character)” cannot stand here")
        }
    }

    public func text(for error: AnswerFileError, path: String) -> String {
        switch error {
        case .empty: return t("答案文件 \(path) 是空的", "The answers file \(path) is empty")
        case .notJSON(let failure):
            return t("答案文件 \(path) 不是有效的 JSON：第 \(failure.line) 行第 \(failure.column) 列，\(text(for: failure.problem))",
                     "The answers file \(path) is not valid JSON: line \(failure.line), column \(failure.column): \(text(for: failure.problem))")
        case .notAnObject: return t("答案文件 \(path) 应是 {\"f1\": \"…\"} 形式的对象", "The answers file \(path) must be an object like {\"f1\": \"…\"}")
        case .valueNotText(let key): return t("答案文件 \(path) 里 \(key) 的值应是文字", "In \(path), the value of \(key) must be text")
        }
    }

    func text(for problem: JSONFailure.Problem) -> String {
        switch problem {
        case .unexpectedEnd: return t("文件在这里就结束了，后面还缺内容", "the file ends where more was expected")
        case .unexpectedCharacter(let c): return t("这里不该出现“\(c)”", "“\(c)” is not expected here")
        case .controlCharacterInString: return t("字符串里有未转义的控制字符（如换行）", "a string holds an unescaped control character (such as a line break)")
        case .badEscape: return t("字符串里有无效的转义（\\ 后只能是 \" \\ / b f n r t u）", "a string holds an invalid escape (after \\ only \" \\ / b f n r t u)")
        case .badUnicodeEscape: return t("无效的 \\u 转义", "an invalid \\u escape")
        case .badNumber: return t("数字写法不对", "a badly written number")
        case .invalidUTF8: return t("不是 UTF-8 编码的文字", "text that is not UTF-8")
        case .trailingText: return t("JSON 结束后还有多余的内容", "more text after the JSON value")
        case .tooDeep: return t("嵌套层数太多", "nested too deeply")
        }
    }

    public func text(for error: OutputError) -> String {
        switch error {
        case .exists(let path): return t("\(path) 已存在；要覆盖请加 --force", "\(path) already exists; add --force to overwrite it")
        case .isDirectory(let path): return t("\(path) 是一个文件夹，不能写成报告", "\(path) is a folder; cannot write the report there")
        case .cannotCreate(let path, let code): return t("无法创建 \(path)：\(reason(code))", "Cannot create \(path): \(reason(code))")
        case .io(let path, let code): return t("写入 \(path) 失败：\(reason(code))；没有留下不完整的文件", "Writing \(path) failed: \(reason(code)); no partial file was left")
        case .streamFailed(let name, let code):
            return t("写入\(name)时失败：\(reason(code))；已经写出的内容不完整，请重新输出", "Writing to \(name) failed: \(reason(code)); what was written so far is incomplete, write it again")
        }
    }

    /// A system error in words the user reads.
    public func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return t("没有权限", "permission denied")
        case ENOENT: return t("文件夹不存在", "no such folder")
        case ENOSPC, EDQUOT: return t("磁盘空间已满", "the disk is full")
        case EROFS: return t("文件系统是只读的", "the file system is read-only")
        case ELOOP: return t("符号链接循环", "a loop of symbolic links")
        case ENAMETOOLONG: return t("路径太长", "the path is too long")
        case EIO: return t("输入输出错误", "an input/output error")
        case ENOTDIR: return t("路径中有一段不是文件夹", "a part of the path is not a folder")
        default: return String(cString: strerror(code))
        }
    }
}
