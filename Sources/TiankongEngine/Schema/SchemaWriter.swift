/// Writes a template's fields as a commented schema file, as a start for whoever prepares the template.
public enum SchemaWriter {
    public static func yaml(for template: Template, language: Language) -> String {
        func t(_ c: String, _ e: String) -> String { language.pick(c, e) }
        let byIndex = Dictionary(uniqueKeysWithValues: template.blanks.map { ($0.index, $0) })
        var out = t("# tiankong 模板说明：\(template.title)\n", "# tiankong schema: \(template.title)\n")
        out += t("""
        # 由 `tiankong schema` 按推断生成。每个字段：id、label（问题）、kind（text integer decimal percent
        # year month day quarter）、unit、min、max、hint（给第一次填写的人的提示）、default、optional，
        # 文字字段还可有 choices（只能从中选一）、min_length、max_length（字数），
        # 以及它填哪些空：blanks 可写空的序号，也可写空所在的一段原文（含 X），模板稍有改动也能找到。
        # replace: "原文" 把模板里的一段文字也当作要问的空（可用 within 限定在哪几段原文里）。
        # rules 比较数字字段，例如：
        # rules:
        #   - check: "整改数 <= 发现问题数"
        #     message: 整改数不能多于发现的问题数

        """, """
        # Written by `tiankong schema` from inference. Each field: id, label (the question), kind (text integer
        # decimal percent year month day quarter), unit, min, max, hint (for a first-time user), default,
        # optional (a text field also choices, min_length, max_length), and the blanks it fills: by blank
        # number, or by a piece of the template's text holding the blank (with its X), which survives small
        # edits. replace: "text" asks for a literal text of the
        # template too (within: limits it to some pieces of text). rules compare numeric fields, e.g.:
        # rules:
        #   - check: "fixed <= found"
        #     message: Fixed problems cannot outnumber the problems found

        """)
        out += "\nfields:\n"
        for field in template.fields {
            let blanks = field.blankIndexes.compactMap { byIndex[$0] }
            for blank in blanks {
                out += "  # \(blank.line):\(blank.column)  \(blank.before)\(blank.marker)\(blank.after)\n"
            }
            out += "  - id: \(field.id)\n"
            out += "    label: \(quoted(field.label))\n"
            out += "    kind: \(field.kind.rawValue)\n"
            if let unit = field.unit { out += "    unit: \(quoted(unit))\n" }
            if let minimum = field.minimum { out += "    min: \(minimum)\n" }
            if let maximum = field.maximum { out += "    max: \(maximum)\n" }
            if let hint = field.hint { out += "    hint: \(quoted(hint))\n" }
            if !field.choices.isEmpty { out += "    choices: [\(field.choices.map(quoted).joined(separator: ", "))]\n" }
            if let length = field.minimumLength { out += "    min_length: \(length)\n" }
            if let length = field.maximumLength { out += "    max_length: \(length)\n" }
            if let text = field.replacedText {
                out += "    replace: \(quoted(text))\n"
                if !field.replacedWithin.isEmpty {
                    out += "    within: [\(field.replacedWithin.map(quoted).joined(separator: ", "))]\n"
                }
            } else {
                out += "    blanks: [\(field.blankIndexes.map(String.init).joined(separator: ", "))]\n"
            }
            if let value = field.defaultAnswer, field.replacedText == nil { out += "    default: \(quoted(value))\n" }
            if field.isOptional { out += "    optional: true\n" }
            out += "\n"
        }
        return out
    }

    /// A YAML double-quoted string (a JSON string is one).
    static func quoted(_ s: String) -> String { JSONText.quoted(s) }
}
