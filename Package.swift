// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tiankong",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tiankong", targets: ["tiankong"]),
        .library(name: "TiankongEngine", targets: ["TiankongEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        // MARK: - The engine: templates, blanks, fields, validation, answers, the text report
        .target(
            name: "TiankongEngine",
            dependencies: ["CNettle", "CYAML"],
            // A module's members are usable only where it is imported, so nothing of Foundation creeps
            // in through a dependency (all of Foundation would cost every start a millisecond).
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")],
            plugins: ["EmbedResources"]
        ),

        // libyaml, for the schema file (模板.tiankong.yaml).
        .systemLibrary(name: "CYAML", path: "Sources/CYAML"),

        // nettle's SHA-256, for the template's digest.
        .systemLibrary(name: "CNettle", path: "Sources/CNettle"),

        // MARK: - The writers: the finished report as a Word (.docx) file
        .target(
            name: "TiankongWriters",
            dependencies: ["TiankongEngine", "CMinizip", "CLibdeflate"],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // libdeflate, for the report's parts: the same sizes as zlib's deflate in half the time.
        .systemLibrary(name: "CLibdeflate", path: "Sources/CLibdeflate"),

        // MARK: - Word templates: a .docx read with expat and minizip, and filled in place
        .target(
            name: "TiankongWord",
            dependencies: ["TiankongEngine", "TiankongWriters", "CExpat", "CMinizip"],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .systemLibrary(name: "CExpat", path: "Sources/CExpat"),
        .systemLibrary(name: "CMinizip", path: "Sources/CMinizip"),

        // MARK: - Sheets: many answers in one .csv or .xlsx, and the data-entry workbook out
        .target(
            name: "TiankongSheets",
            dependencies: ["TiankongEngine", "TiankongWord", "CCSV", "CXlsxWriter"],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // libcsv, for .csv sheets.
        .systemLibrary(name: "CCSV", path: "Sources/CCSV"),
        // libxlsxwriter, for the data-entry workbook: opened with dlopen, not linked (Debian has no libxlsxwriter.a).
        .systemLibrary(name: "CXlsxWriter", path: "Sources/CXlsxWriter"),

        // MARK: - The wizard: a pure reducer and view, and the one file that calls ncurses
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(
            name: "TiankongWizard",
            dependencies: ["TiankongEngine", "TiankongWriters", "CNcursesw"],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),

        // MARK: - The command line
        .executableTarget(
            name: "tiankong",
            dependencies: [
                "TiankongEngine",
                "TiankongWriters",
                "TiankongWizard",
                "TiankongWord",
                "TiankongSheets",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),

        // MARK: - Fuzzing: libFuzzer targets (`make fuzz`), and a replay runner in normal builds
        .executableTarget(
            name: "tiankong-fuzz",
            dependencies: [
                "TiankongEngine",
                "TiankongWriters",
                "TiankongWord",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Sources/TiankongFuzz"
        ),

        // MARK: - Build tools: Resources/ embedded into the binary
        .plugin(
            name: "EmbedResources",
            capability: .buildTool()
        ),

        // MARK: - Tests
        // What the test targets share: Tests/Fixtures, the bundled template, a folder that is removed afterwards.
        .target(
            name: "TiankongTestSupport",
            dependencies: ["TiankongEngine"],
            path: "Tests/TiankongTestSupport"
        ),
        .testTarget(
            name: "TiankongEngineTests",
            dependencies: [
                "TiankongEngine",
                "TiankongTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "TiankongWritersTests",
            dependencies: [
                "TiankongWriters",
                "TiankongEngine",
                // The package is read back with a zip library.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "TiankongWordTests",
            dependencies: ["TiankongWord", "TiankongEngine", "TiankongTestSupport"]
        ),
        .testTarget(
            name: "TiankongWizardTests",
            dependencies: ["TiankongWizard", "TiankongEngine", "TiankongTestSupport"]
        ),
    ]
)
