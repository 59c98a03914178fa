import TiankongEngine

/// The finished report as a Word file.
enum WordOutput {
    static func bytes(template: Template, values: [String: String]) throws -> [UInt8] {
        throw CommandFailure(message: CommandText().t("还不能写 Word 文件", "Word output is not available yet"), exitCode: 64)
    }
}
