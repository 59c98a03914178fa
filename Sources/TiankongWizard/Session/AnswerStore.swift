import Foundation
import TiankongEngine

/// The autosave: the answers typed so far, kept under the state folder by the template's sha256.
public struct AnswerStore: Sendable {
    public let directory: String
    public let digest: String

    public init(directory: String, digest: String) {
        self.directory = directory
        self.digest = digest
    }

    /// $XDG_STATE_HOME/tiankong, or ~/.local/state/tiankong.
    public static func defaultDirectory(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/tiankong" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/tiankong"
    }

    public var path: String { directory + "/" + digest + ".json" }

    /// The answers saved last time; none when there is no file or it cannot be read.
    public func load() -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path),
              let set = try? AnswerSet.decode(data) else { return [:] }
        if let saved = set.templateDigest, saved != digest { return [:] }
        return set.answers
    }

    /// Saves the answers atomically: a crash leaves the old file or the new one.
    public func save(_ answers: [String: String]) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let bytes = [UInt8](AnswerSet(templateDigest: digest, answers: answers).encoded())
        do { try AtomicFile.write(bytes, to: path, overwrite: true) } catch { throw error }
    }

    /// Keeps the saved answers as a backup beside them, and returns its path.
    @discardableResult
    public func backUp(now: Date = Date()) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let stamp = Int(now.timeIntervalSince1970)
        let backup = directory + "/" + digest + ".\(stamp).backup.json"
        return rename(path, backup) == 0 ? backup : nil
    }
}
