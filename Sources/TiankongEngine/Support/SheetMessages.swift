/// The messages for filling many reports from one sheet (see `Messages`).
extension Messages {
    /// The name of the data-entry sheet in the workbook `sheet` writes (Excel's tab, not "Sheet1").
    public var entrySheetName: String { language.pick("填报", "Entries") }

    public func text(for error: SheetError) -> String {
        let t = language.pick
        switch error {
        case .notFound(let path): return t("找不到数据表：\(path)", "Data sheet not found: \(path)")
        case .unreadable(let path, let reason):
            return t("无法读取数据表 \(path)：", "Cannot read the data sheet \(path): ") + readProblem(reason)
        case .oldExcel(let path):
            return t("\(path) 是旧版 Excel 文件（.xls，Excel 97–2003），tiankong 不读（加了密码的 Excel 文件也是这样存的）；请在 Excel 或 WPS 里去掉密码、“另存为”.xlsx 或 CSV 后再用",
                     "\(path) is an old Excel file (.xls, Excel 97–2003), which tiankong does not read; “Save As” .xlsx or CSV in Excel or WPS and use that")
        case .empty(let path): return t("数据表 \(path) 是空的", "The data sheet \(path) is empty")
        case .undecodable(let path, let line):
            return t("数据表 \(path) 第 \(line) 行有无法识别的字符（既不是 UTF-8 也不是 GBK/GB18030）；请另存为“CSV UTF-8”后再用",
                     "The data sheet \(path) has bytes on line \(line) that are neither UTF-8 nor GBK/GB18030; save it as “CSV UTF-8” and use that")
        case .binary(let path):
            return t("\(path) 不是文本表格（CSV），也不是 .xlsx", "\(path) is neither a text sheet (CSV) nor an .xlsx workbook")
        case .unclosedQuote(let path, let row):
            return t("数据表 \(path) 第 \(row) 行的引号没有配对（或不在一格的开头）；一格里有引号时，整格要用引号括起，里面的引号写成两个",
                     "The data sheet \(path) has an unpaired quote in row \(row) (or one not at the start of a cell); a cell with quotes is quoted whole, its own quotes doubled")
        case .noRows(let path):
            return t("数据表 \(path) 只有标题行，没有要填的数据", "The data sheet \(path) has a header row and no data under it")
        case .damagedWorkbook(let path, let detail):
            return t("\(path) 不是完好的 .xlsx 文件：\(detail)", "\(path) is not a sound .xlsx workbook: \(detail)")
        case .workbookPackage(let path, let error):
            let detail: String
            switch error {
            case .damagedZip(_, let what): detail = t("zip 包损坏（\(what)）", "a damaged zip package (\(what))")
            case .partTooLarge(_, let part, _): detail = t("\(part) 解压后超过上限，不读（可能是“zip 炸弹”）", "\(part) inflates past the limit; not read (possibly a zip bomb)")
            case .badXML(_, let part, let line, let what): detail = t("\(part) 第 \(line) 行不是格式正确的 XML（\(what)）", "\(part), line \(line), is not well-formed XML (\(what))")
            case .encryptedEntry, .oldFormat: detail = t("加了密码；请在 Excel 里去掉密码后再用", "it is password-protected; remove the password in Excel")
            default: detail = t("包的结构有误或不安全，不读", "its package is malformed or unsafe; not read")
            }
            return t("\(path) 不是完好的 .xlsx 文件：", "\(path) is not a sound .xlsx workbook: ") + detail
        case .noSuchSheet(let path, let name, let available):
            return t("\(path) 里没有叫“\(name)”的工作表；有：", "\(path) has no sheet named “\(name)”; it has: ")
                + available.map { "“\($0)”" }.joined(separator: t("、", ", "))
        case .cellTooLong(let path, let row, let column):
            return t("数据表 \(path) 第 \(row) 行第 \(column) 列的内容超过 \(DataRow.cellLimit) 个字（Excel 一格的上限），不读；请查看这一格",
                     "The data sheet \(path) has more than \(DataRow.cellLimit) characters (Excel's limit for a cell) in row \(row), column \(column); not read: look at that cell")
        }
    }

    /// "第 5 行，“学习次数”列：不是数字；…（填的是“很多”）".
    public func text(for problem: SheetReview.Problem, field: Field?) -> String {
        let t = language.pick
        let place: String
        if let header = problem.header {
            place = t("第 \(problem.row) 行，“\(header)”列：", "Row \(problem.row), column “\(header)”: ")
        } else if let field {
            place = t("第 \(problem.row) 行，“\(field.label)”（表里没有这一列）：", "Row \(problem.row), “\(field.label)” (no column for it): ")
        } else {
            place = t("第 \(problem.row) 行：", "Row \(problem.row): ")
        }
        var what = text(for: problem.problem, field: field)
        if let cell = problem.cell, case .invalid = problem.problem {
            what += t("（填的是“\(cell)”）", " (it says “\(cell)”)")
        }
        return place + what
    }

    /// How many columns that fit nothing are named one by one.
    public static let listedColumns = 20

    /// The columns of a sheet that do not fit the template, one line each.
    public func lines(for match: ColumnMatch, fields: [Field], partial: Bool) -> [String] {
        let t = language.pick
        var lines: [String] = []
        // A hostile sheet may have 100,000 columns: the first few are named, the rest counted.
        for column in match.unmatched.prefix(Self.listedColumns) {
            let header = column.header.isEmpty ? t("（无标题）", "(no header)") : "“\(column.header)”"
            lines.append(t("  第 \(column.index + 1) 列 \(header) 对不上模板的任何字段", "  column \(column.index + 1) \(header) matches no field of the template"))
        }
        if match.unmatched.count > Self.listedColumns {
            let more = match.unmatched.count - Self.listedColumns
            lines.append(t("  还有 \(more) 列对不上", "  and \(more) more columns that match nothing"))
        }
        for (id, headers) in match.repeated {
            let label = fields.first { $0.id == id }?.label ?? id
            lines.append(t("  “\(label)”有 \(headers.count) 列：", "  “\(label)” has \(headers.count) columns: ")
                         + headers.map { "“\($0)”" }.joined(separator: t("、", ", ")))
        }
        if !partial {
            for field in match.missing {
                lines.append(t("  缺少“\(field.label)”（\(field.id)）这一列", "  no column for “\(field.label)” (\(field.id))"))
            }
        }
        return lines
    }

    public func text(for mistake: OutputNamePattern.Mistake, pattern: String) -> String {
        let t = language.pick
        switch mistake {
        case .unknownName(let name):
            return t("输出文件名“\(pattern)”里的 {\(name)} 不是模板的字段（可用字段的标签、字段名或 {row}）",
                     "{\(name)} in the output name “\(pattern)” is not a field of the template (use a field's label or id, or {row})")
        case .unclosedBrace:
            return t("输出文件名“\(pattern)”里的 { 没有配对的 }", "The output name “\(pattern)” has a { without its }")
        }
    }
}
