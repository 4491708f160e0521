// swift-tools-version: 6.1
// Convene: a terminal console for running live online focus groups.
// Module order (a module depends only on those above it in this list):
//   SessionModel → Privacy → SessionStore → TeamStore → Importers / Exporters → Study → SessionActions
//   CNcursesw → TerminalKit → ConsoleApp → convene
//   CSystemZlib → Exporters; CMallocOptions → convene (system libraries: module maps only)
// SessionActions is the one place a user's command becomes events; the console
// and the command line only parse input into its commands and show results.
import PackageDescription

let package = Package(
    name: "Convene",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "convene", targets: ["convene"]),
        .executable(name: "convene-bench", targets: ["ConveneBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Pure domain: events, the reducer, session state. No I/O.
        .target(name: "SessionModel"),
        // Identifier scanning, redaction, attribution, withdrawal closure, the export gate.
        // Resources: the name lists (Gazetteer/*.txt) and the sequence labeller's trained weights
        // (Labeller/labeller-weights.bin, written by `convene-bench train-labeller`; docs/privacy.md).
        .target(
            name: "Privacy", dependencies: ["SessionModel"], resources: [.copy("Gazetteer"), .copy("Labeller")]),
        // The durable journal on SQLite (GRDB), encryption at rest, erasure of the plans Privacy makes,
        // and one session's erasure steps (SessionErasure) that SessionActions and Study both call.
        .target(
            name: "SessionStore",
            dependencies: [
                "SessionModel", "Privacy",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's incremental blob I/O: the snapshot read a piece at a time (SnapshotPages.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]),
        // The same journal on PostgreSQL for team sessions across machines.
        .target(
            name: "TeamStore",
            dependencies: [
                "SessionModel", "Privacy", "SessionStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        // Chat, transcripts (WebVTT, SRT, Teams .docx through ZIPFoundation and XMLParser), whiteboard.
        .target(
            name: "Importers",
            dependencies: [
                "SessionModel", "Privacy", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        // The system zlib (a module map linking `z`): the zip packages are written by Exporters' own
        // writer, each large entry deflated beside its rendering (ZIPFoundation only deflates whole entries).
        .systemLibrary(name: "CSystemZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "Exporters",
            dependencies: [
                "SessionModel", "Privacy", "CSystemZlib",
                // Reading a package back (`convene check --against`); writing is ZipPackage's.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // A study: a folder of sessions with one manifest (study.json); withdrawal from the
        // study, anonymisation at the end of the project (each session through SessionStore's
        // SessionErasure, as `convene withdraw` does) and one analysis export (docs/studies.md).
        .target(
            name: "Study",
            dependencies: [
                "SessionModel", "Privacy", "SessionStore", "TeamStore", "Exporters",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Typed commands → permissions, names resolved, events appended in one transaction.
        // Sees journals only through SessionStore's protocols (a file or a team session alike).
        // Study: a participant added to a session of a study is checked against its other sessions
        // (so Study cannot call this module; both erase through SessionStore's SessionErasure).
        .target(
            name: "SessionActions",
            dependencies: [
                "SessionModel", "Privacy", "SessionStore", "Importers", "Exporters", "Study",
            ]),
        // Headers and library come from the default paths; pkg-config would add -D flags SwiftPM rejects.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        .target(name: "TerminalKit", dependencies: ["CNcursesw"]),
        // glibc's mallopt (malloc.h is not in Swift's Glibc module): `convene` holds malloc's thresholds fixed.
        .systemLibrary(name: "CMallocOptions"),
        .target(
            name: "ConsoleApp",
            dependencies: [
                "SessionModel", "Privacy", "SessionStore", "SessionActions", "TerminalKit", "Exporters", "Importers",
            ]),
        .executableTarget(
            name: "convene",
            dependencies: [
                "SessionModel", "Privacy", "SessionStore", "TeamStore", "Importers", "Exporters", "SessionActions",
                "ConsoleApp",
                "TerminalKit", "Study", "CMallocOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "ConveneBench",
            dependencies: [
                "SessionModel", "Privacy", "SessionStore", "TeamStore", "Importers", "Exporters", "ConsoleApp",
                "TerminalKit",
                "Study", "SessionActions",
                // The study benchmark reads the qdpx it wrote.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),

        // Shared by the test targets: skips that fail in strict mode (CI), seeded random numbers,
        // waiting on a condition, shrinkable scripts of events of every kind.
        .target(
            name: "ConveneTestSupport",
            dependencies: [
                "SessionModel", .product(name: "PropertyBased", package: "swift-property-based"),
            ], path: "Tests/ConveneTestSupport"),
        .testTarget(
            name: "SessionModelTests",
            dependencies: [
                "SessionModel", "ConveneTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(
            name: "PrivacyTests",
            dependencies: [
                "Privacy", "SessionModel", "ConveneTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ], resources: [.copy("Corpus")]),
        .testTarget(
            name: "SessionStoreTests", dependencies: ["SessionStore", "SessionModel", "Privacy", "ConveneTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "TeamStoreTests", dependencies: ["TeamStore", "SessionStore", "SessionModel", "ConveneTestSupport"]),
        .testTarget(
            name: "ImportersTests",
            dependencies: [
                "Importers", "SessionModel", "ConveneTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ExportersTests",
            dependencies: [
                "Exporters", "Privacy", "SessionModel", "ConveneTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"), // SHA-256 of export bytes (StreamingExportTests)
            ], resources: [.copy("Golden")]),
        .testTarget(
            name: "SessionActionsTests",
            dependencies: [
                "SessionActions", "SessionStore", "SessionModel", "Importers", "TeamStore", "ConveneTestSupport",
                "Exporters", "Privacy",
                "Study", // the page sources every export reads (ExportPages)
            ]),
        .testTarget(
            name: "StudyTests",
            dependencies: [
                "Study", "SessionStore", "SessionModel", "Exporters", "SessionActions", "TeamStore",
                "ConveneTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "ConveneTestSupport"]),
        .testTarget(
            name: "ConsoleAppTests",
            dependencies: [
                "ConsoleApp", "TerminalKit", "SessionModel", "SessionStore", "SessionActions", "Study",
                "ConveneTestSupport",
            ],
            exclude: ["Snapshots"]),
        // End-to-end: runs the built `convene` binary (durability, tmux, faults).
        .testTarget(
            name: "CLITests",
            dependencies: [
                "SessionStore", "SessionModel", "SessionActions", "ConsoleApp", "TerminalKit", "TeamStore",
                "ConveneTestSupport",
                "Exporters", // reads the journal heads a study export records (StudyCLITests)
            ]),
    ],
    swiftLanguageModes: [.v6]
)
