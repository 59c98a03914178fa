import Foundation
import PackagePlugin

/// Embeds every file under the package's top-level `Resources/` folder into the target as Swift source,
/// so the `tiankong` binary carries its bundled template and data files wherever it is copied.
///
/// The work is a small shell script (embed.sh beside this file), not a Swift tool: a tool built by the
/// package would be built with the package's flags too, and `make fuzz` builds with libFuzzer's `main`.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "Resources")
        let script = context.package.directoryURL.appending(path: "Plugins/EmbedResources/embed.sh")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        var inputs: [URL] = [script]
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker
            where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                inputs.append(url)
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding Resources/ (\(inputs.count - 1) files)",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, root.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
