import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TiankongEngine

/// What the autosave holds when a session starts.
public enum Autosave: Sendable, Equatable {
    /// No autosave for this template.
    case none
    /// Answers to this template's fields; `dropped`, the ids in the file the template does not have
    /// (a schema changed, or the template was read with or without its schema).
    case answers([String: String], dropped: [String])
    /// There is a file, but it cannot be used: it is kept as it is until the user agrees to start afresh.
    case damaged(AutosaveDamage)
}

/// Why an autosave file cannot be used.
public enum AutosaveDamage: Sendable, Equatable {
    /// It could not be read at all (the system's error number).
    case unreadable(errno: Int32)
    /// Something other than a file is in its place (a folder, a pipe, a device): never read, or it may never end.
    case notAFile
    /// Far larger than any answers could make it.
    case tooLarge(bytes: Int64)
    /// It was read but is not an answers file (cut short, or overwritten with something else).
    case notAnswers(AnswerFileError)
    /// It says it belongs to another template.
    case otherTemplate
}

/// The autosave: the answers typed so far, kept under the state folder by the template's sha256.
public struct AnswerStore: Sendable {
    public let directory: String
    public let digest: String

    public init(directory: String, digest: String) {
        self.directory = directory
        self.digest = digest
    }

    /// $XDG_STATE_HOME/tiankong, or ~/.local/state/tiankong.
    public static func defaultDirectory(_ lookup: (String) -> String? = Environment.value) -> String {
        if let state = lookup("XDG_STATE_HOME"), state.hasPrefix("/") { return state + "/tiankong" }
        let home = lookup("HOME").flatMap { $0.isEmpty ? nil : $0 } ?? Environment.homeDirectory
        return home + "/.local/state/tiankong"
    }

    public var path: String { directory + "/" + digest + ".json" }

    /// A hundred fields of 10,000 characters are 3 MB; anything past this is not answers.
    static let largestFile: Int64 = 64 << 20

    /// The answers saved last time, for a template with these field ids.
    ///
    /// Answers are cleaned as typed ones are (newlines to spaces, control characters dropped): a
    /// file edited by hand must not bring into the report what the editor keeps out.
    public func load(fieldIDs: Set<String>) -> Autosave {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return errno == ENOENT ? .none : .damaged(.unreadable(errno: errno))
        }
        guard info.st_mode & S_IFMT == S_IFREG else { return .damaged(.notAFile) }
        guard Int64(info.st_size) <= Self.largestFile else { return .damaged(.tooLarge(bytes: Int64(info.st_size))) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .damaged(.unreadable(errno: access(path, R_OK) == 0 ? EIO : errno))
        }
        let set: AnswerSet
        do { set = try AnswerSet.decode(data) } catch { return .damaged(.notAnswers(error)) }
        if let saved = set.templateDigest, saved != digest { return .damaged(.otherTemplate) }
        var kept: [String: String] = [:]
        var dropped: [String] = []
        for (id, raw) in set.answers {
            let text = String(LineEditor.printable(raw))
            if !fieldIDs.contains(id) {
                if !text.isEmpty { dropped.append(id) }
            } else if !text.isEmpty {
                kept[id] = text
            }
        }
        return .answers(kept, dropped: dropped.sorted(by: AnswerSet.naturalOrder))
    }

    /// Saves the answers, and the fixes taken for the template's own words, atomically: a crash leaves
    /// the old file or the new one.
    ///
    /// The fixes go in a "corrections" member beside "answers" (an answers file's reader passes it by),
    /// each as where it is in the template's text, what was there and what is there now.
    /// - Parameter templateText: the template's text the corrections are made in.
    public func save(_ answers: [String: String], corrections: TemplateCorrections = TemplateCorrections(),
                     templateText: [UInt8] = []) throws(OutputError) {
        try makeDirectory()
        var bytes = AnswerSet(templateDigest: digest, answers: answers).encoded()
        if !corrections.isEmpty {
            bytes.removeLast(3)  // "\n}\n": the object is closed again after the corrections
            bytes += Array(",\n  \"corrections\": [".utf8)
            for (k, edit) in corrections.edits.enumerated() {
                bytes += Array((k == 0 ? "\n    {\"at\": \(edit.range.lowerBound), \"was\": " : ",\n    {\"at\": \(edit.range.lowerBound), \"was\": ").utf8)
                JSONText.appendQuoted(String(decoding: templateText[edit.range], as: UTF8.self), to: &bytes)
                bytes += Array(", \"now\": ".utf8)
                JSONText.appendQuoted(String(decoding: edit.replacement, as: UTF8.self), to: &bytes)
                bytes += Array("}".utf8)
            }
            bytes += Array("\n  ]\n}\n".utf8)
        }
        try AtomicFile.write(bytes, to: path, overwrite: true)
    }

    /// The fixes for `template`'s own words saved with the answers; one whose words are no longer
    /// there (the file edited by hand) is left out.
    public func corrections(for template: Template) -> TemplateCorrections {
        var corrections = TemplateCorrections()
        guard let data = FileManager.default.contents(atPath: path), let value = try? JSONReader.read(Array(data)),
              case .object(let members) = value, case .array(let entries)? = members.last(where: { $0.key == "corrections" })?.value
        else { return corrections }
        for entry in entries {
            guard case .object(let fields) = entry else { continue }
            func member(_ key: String) -> JSONValue? { fields.last { $0.key == key }?.value }
            guard case .number(let at)? = member("at"), let start = Int(at), start >= 0,
                  case .string(let was)? = member("was"), case .string(let now)? = member("now") else { continue }
            let range = start..<(start + was.utf8.count)
            guard range.upperBound <= template.text.count, template.text[range].elementsEqual(was.utf8) else { continue }
            corrections.add(TemplateCorrections.Edit(range: range, replacement: Array(now.utf8)))
        }
        return corrections
    }

    /// Creates the state folder and the folders above it, as `mkdir -p` does.
    func makeDirectory() throws(OutputError) {
        let made = mkdir(directory, 0o700) == 0, error = errno
        if !made && error != EEXIST && error != ENOENT { throw .cannotCreate(path: directory, errno: error) }
        if !made && error == ENOENT {
            // A folder above is missing: each from the top down, the way `mkdir -p` goes. (The common
            // case, a parent that is there, takes one call.)
            var above: [String] = []
            var folder = Substring(directory)
            while let slash = folder.lastIndex(of: "/"), slash != folder.startIndex {
                folder = folder[..<slash]
                above.append(String(folder))
            }
            for path in above.reversed() + [directory] where mkdir(path, 0o700) != 0 && errno != EEXIST {
                throw .cannotCreate(path: path, errno: errno)
            }
        }
        if made { return }  // just made: a folder, nothing to check
        var info = stat()
        if stat(directory, &info) != 0 { throw .cannotCreate(path: directory, errno: errno) }
        if info.st_mode & S_IFMT != S_IFDIR { throw .cannotCreate(path: directory, errno: ENOTDIR) }
    }

    /// Keeps the saved answers as a backup beside them, and returns its path. Never replaces an
    /// earlier backup, even one made in the same second.
    @discardableResult
    public func backUp(now: Date = Date()) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let stamp = Int(now.timeIntervalSince1970)
        for n in 1...1000 {
            let backup = directory + "/" + digest + (n == 1 ? ".\(stamp)" : ".\(stamp)-\(n)") + ".backup.json"
            // link fails when the name is taken, where rename would replace it.
            if link(path, backup) == 0 {
                unlink(path)
                return backup
            }
            if errno != EEXIST { return nil }
        }
        return nil
    }

    /// Moves a damaged autosave aside to a ".bak" beside it (never deleted), so a fresh start does
    /// not write over it. Returns its new path; nil when it could not be moved (then nothing is
    /// written over it either: the autosave fails in the same folder).
    public func keepDamaged() -> String? {
        guard let backup = freeBackupPath() else { return nil }
        return rename(path, backup) == 0 ? backup : nil
    }

    /// Copies the autosave to a ".bak" beside it before answers are dropped from it (or finds the
    /// copy an earlier start made, when nothing was typed since). Returns its path.
    public func copyAside() -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        for candidate in backupPaths() {
            guard FileManager.default.fileExists(atPath: candidate) else { break }
            if FileManager.default.contents(atPath: candidate) == data { return candidate }
        }
        guard let backup = freeBackupPath() else { return nil }
        do { try AtomicFile.write([UInt8](data), to: backup, overwrite: false) } catch { return nil }
        return backup
    }

    /// `<digest>.json.bak`, `<digest>.json.2.bak`, … in order.
    private func backupPaths() -> [String] {
        (1...1000).map { $0 == 1 ? path + ".bak" : path + ".\($0).bak" }
    }

    /// The first backup path that is not there.
    private func freeBackupPath() -> String? {
        backupPaths().first { candidate in
            var info = stat()
            return lstat(candidate, &info) != 0 && errno == ENOENT
        }
    }
}
