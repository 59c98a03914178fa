/// The messages for a Word template that cannot be read (see `Messages`).
extension Messages {
    public func text(for error: WordFileError) -> String {
        let t = language.pick
        switch error {
        case .oldFormat(let path, let kind, let converter):
            let convert = converter.map { t("\n或用 LibreOffice 转换：\($0)", "\nor convert it with LibreOffice: \($0)") } ?? ""
            switch kind {
            case .doc:
                return t("\(path) 是旧版 Word 文件（.doc，Word 97–2003），tiankong 只读 .docx；请在 Word 或 WPS 里“另存为 .docx”后再用",
                         "\(path) is an old Word file (.doc, Word 97–2003); tiankong reads .docx only: in Word or WPS, “Save As” .docx and use that") + convert
            case .wps:
                return t("\(path) 是 WPS 文字的旧格式文件（.wps）；请在 WPS 或 Word 里“另存为 .docx”后再用",
                         "\(path) is an old WPS Writer file (.wps); in WPS or Word, “Save As” .docx and use that") + convert
            case .et:
                return t("\(path) 是 WPS 表格文件（.et），不是文字模板；请把模板的正文另存为 .docx 或 .txt",
                         "\(path) is a WPS spreadsheet (.et), not a text template; save the template's text as .docx or .txt")
            case .encrypted:
                return t("\(path) 是加了密码的 Word 文件（或旧版 .doc 改了扩展名）；请在 Word 里去掉密码（或“另存为 .docx”）后再用",
                         "\(path) is a password-protected Word file (or an old .doc renamed); remove the password in Word (or “Save As” .docx) and use that")
            }
        case .damagedZip(let path, let detail):
            return t("\(path) 不是完好的 Word 文件（zip 包损坏：\(detail)）", "\(path) is not a sound Word file (a damaged zip package: \(detail))")
        case .encryptedEntry(let path, let part):
            return t("\(path) 里的 \(part) 是加密的，无法读取；请去掉密码后再用", "\(part) in \(path) is encrypted; remove the password and use the file again")
        case .missingPart(let path, let part):
            return t("\(path) 不是完好的 Word 文件：缺少 \(part)", "\(path) is not a sound Word file: \(part) is missing")
        case .unsafeName(let path, let part):
            return t("\(path) 里有指向包外的条目“\(part)”，不读这样的文件", "\(path) has an entry named outside the package, “\(part)”; such a file is not read")
        case .duplicatePart(let path, let part):
            return t("\(path) 里有重名的条目“\(part)”，不读这样的文件", "\(path) has two entries named “\(part)”; such a file is not read")
        case .tooManyParts(let path, let count, let limit):
            return t("\(path) 里有 \(count) 个条目，超过上限 \(limit)，不像 Word 文件", "\(path) has \(count) entries, more than the limit of \(limit); not a Word file")
        case .partTooLarge(let path, let part, let limit):
            return t("\(path) 里的 \(part) 解压后超过上限（\(limit / 1_048_576) MB 或压缩大小的 200 倍），不读（可能是“zip 炸弹”）",
                     "\(part) in \(path) inflates past the limit (\(limit / 1_048_576) MB or 200 times its compressed size); not read (possibly a zip bomb)")
        case .damagedPart(let path, let part):
            return t("\(path) 里的 \(part) 已损坏，无法解压", "\(part) in \(path) is damaged and cannot be inflated")
        case .badXML(let path, let part, let line, let detail):
            return t("\(path) 里的 \(part) 第 \(line) 行不是格式正确的 XML：\(detail)", "\(part) in \(path), line \(line), is not well-formed XML: \(detail)")
        case .documentType(let path, let part):
            return t("\(path) 里的 \(part) 带有文档类型声明（DTD 或实体），Word 文件不会有，不读", "\(part) in \(path) has a document type declaration (a DTD or entities), which no Word file has; not read")
        case .tooDeep(let path, let part, let limit):
            return t("\(path) 里的 \(part) 嵌套超过 \(limit) 层，不读", "\(part) in \(path) nests deeper than \(limit) levels; not read")
        case .notUTF8(let path, let part):
            return t("\(path) 里的 \(part) 不是 UTF-8 编码，不支持", "\(part) in \(path) is not in UTF-8, which is not supported")
        }
    }
}

extension Messages {
    /// "正文第 3 段", "表 1 第 2 行第 1 格", "页眉（word/header1.xml）第 1 段", "脚注 2 第 1 段", "文本框".
    public func text(for place: WordPlace) -> String {
        let t = language.pick
        let story: String
        switch place.story {
        case .body: story = t("正文", "body")
        case .header: story = t("页眉（\(place.part)）", "header (\(place.part))")
        case .footer: story = t("页脚（\(place.part)）", "footer (\(place.part))")
        case .footnotes: story = t("脚注", "footnote") + (place.note.map { t(" \($0) ", " \($0)") } ?? "")
        case .endnotes: story = t("尾注", "endnote") + (place.note.map { t(" \($0) ", " \($0)") } ?? "")
        }
        if place.inTextBox { return story + t("文本框", ", text box") }
        if let table = place.table, let row = place.row {
            let cell = place.cell.map { t("第 \($0) 格", ", cell \($0)") } ?? ""
            return story + t("表 \(table) 第 \(row) 行\(cell)", " table \(table), row \(row)\(cell)")
        }
        if let paragraph = place.paragraph { return story + t("第 \(paragraph) 段", " paragraph \(paragraph)") }
        return story
    }
}
